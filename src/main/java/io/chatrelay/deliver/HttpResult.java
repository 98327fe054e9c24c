package io.chatrelay.deliver;

import io.chatrelay.platform.Answer;
import java.time.Duration;

/** A response as far as delivery cares: the answer the platform reads, and how long it took. */
record HttpResult(Answer answer, Duration took) {}

package io.chatrelay.deliver;

import io.chatrelay.platform.Answer;
import java.time.Duration;

/**
 * What one send brought back, over whichever transport: the answer the platform reads (an HTTP
 * response, or an SMTP server's reply), and how long the send took.
 */
record SendResult(Answer answer, Duration took) {}

package io.chatrelay.config;

import java.time.Duration;
import java.util.Optional;

/** Settings every destination type takes. An empty rate limit means unlimited. */
public record DestinationOptions(Optional<RateLimit> rateLimit, Optional<Duration> timeout, Optional<TemplateConfig> template) {}

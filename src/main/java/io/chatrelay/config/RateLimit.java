package io.chatrelay.config;

import java.time.Duration;

/** At most {@code requests} per {@code per}, e.g. Discord's 5 per 2 s. */
public record RateLimit(int requests, Duration per) {}

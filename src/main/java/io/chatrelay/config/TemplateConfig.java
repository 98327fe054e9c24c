package io.chatrelay.config;

/** A route's or destination's message override: Mustache source for the message text. */
public record TemplateConfig(String text) {}

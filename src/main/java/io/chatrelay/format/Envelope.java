package io.chatrelay.format;

import io.chatrelay.config.TemplateConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.RawEvent;
import java.util.Optional;

/** Everything a formatter may use: the stored event, its parsed form, and the delivery it is for. */
public record Envelope(RawEvent raw, ChatDataEvent event, String deliveryId, Optional<TemplateConfig> template) {}

package io.chatrelay.config;

import java.util.List;

/**
 * Chat Data's own API as the destination of agents' replies, named {@value #NAME}: there whenever
 * {@code chat_data.api_key} is set, so that a reply is a delivery like any other (retried, in its
 * conversation's order, in the story). No route sends events to it.
 */
public record ChatDataDestination(ChatDataApiConfig api, DestinationOptions options) implements DestinationConfig {

    public static final String NAME = "chat-data";
    public static final String TYPE = "chat_data";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Secret> secrets() {
        return api.apiKey().map(List::of).orElse(List.of());
    }
}

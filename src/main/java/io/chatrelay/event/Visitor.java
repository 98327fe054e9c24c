package io.chatrelay.event;

/** The person behind a presence event. */
public record Visitor(String uuid, String name, String email, String phone) {}

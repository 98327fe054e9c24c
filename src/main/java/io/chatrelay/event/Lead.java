package io.chatrelay.event;

import java.util.Map;

/** A lead as the visitor submitted it; {@code extra} keeps custom form fields in their order. */
public record Lead(String uuid, String name, String email, String phone, Map<String, String> extra) {

    public Lead {
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    public static final Lead NONE = new Lead(null, null, null, null, Map.of());
}

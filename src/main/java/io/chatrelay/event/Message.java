package io.chatrelay.event;

/** One line of a conversation; {@code role} is {@code user} or {@code assistant}, {@code content} is Markdown. */
public record Message(String role, String content) {

    public boolean fromUser() {
        return "user".equalsIgnoreCase(role);
    }
}

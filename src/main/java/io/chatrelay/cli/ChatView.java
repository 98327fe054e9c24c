package io.chatrelay.cli;

import io.chatrelay.platform.Masking;
import io.chatrelay.platform.Platforms;
import io.chatrelay.render.Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a person would read for a request {@code demo}'s stand-ins got: a chat app's message as its
 * platform says it reads ({@code Platform.asRead}: title, text, facts, buttons; markup resolved),
 * anything else (a webhook, a mail) as sent, shortened.
 */
final class ChatView {

    private static final int RAW_CHARS = 240;
    private static final int LINE_CHARS = 160;
    private static final Set<String> SHOWN_HEADERS = Set.of("x-chat-data-topic", "x-relay-event-id",
            "authorization", "webhook-id", "webhook-signature");

    private ChatView() {}

    /** The lines a person would read, as a chat message when its platform reads it so. */
    static Optional<List<String>> asRead(StandIns.Received received) {
        return Platforms.named(received.type()).flatMap(p -> p.asRead(received.body())).map(ChatView::tidy);
    }

    /** The lines a person would read, for a request one stand-in got. */
    static List<String> lines(StandIns.Received received) {
        return asRead(received).orElseGet(() -> raw(received));
    }

    /** One line a line, no blank ones, none wider than a terminal line. */
    private static List<String> tidy(List<String> lines) {
        return lines.stream().flatMap(String::lines).filter(line -> !line.isBlank())
                .map(line -> Text.truncate(line, LINE_CHARS)).toList();
    }

    /** A request as sent: method, path, the headers that matter (masked), the body shortened. */
    private static List<String> raw(StandIns.Received received) {
        List<String> lines = new ArrayList<>();
        lines.add(received.method() + " " + received.path());
        received.headers().forEach((name, value) -> {
            if (SHOWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                lines.add(name + ": " + Masking.header(name, value));
            }
        });
        String body = new String(received.body(), StandardCharsets.UTF_8).replaceAll("\\s*\n\\s*", " ");
        lines.add(body.length() <= RAW_CHARS ? body
                : Text.truncate(body, RAW_CHARS) + " (" + received.body().length + " bytes)");
        return lines;
    }
}

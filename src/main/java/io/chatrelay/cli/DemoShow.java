package io.chatrelay.cli;

import io.chatrelay.config.ChatDataDestination;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.Platforms;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What each destination of {@code demo} got, under its name, as {@link ChatView} reads it. */
final class DemoShow {

    private DemoShow() {}

    /** Chat apps first (in the registry's order), as read; webhooks, mail and the rest last, as sent. */
    static void destinations(PrintWriter out, RelayConfig config, List<StandIns.Received> received) {
        Map<String, List<StandIns.Received>> byDestination = received.stream()
                .filter(r -> r.isDelivery() || r.isEdit())
                .collect(Collectors.groupingBy(StandIns.Received::destination));
        Comparator<DestinationConfig> chatFirst = Comparator.<DestinationConfig>comparingInt(d -> readsAsChat(
                byDestination.getOrDefault(d.name(), List.of())) ? 0 : 1)
                .thenComparingInt(d -> Platforms.ALL.indexOf(Platforms.of(d)));
        for (DestinationConfig destination : config.destinations().values().stream()
                .filter(d -> !d.name().equals(ChatDataDestination.NAME)).sorted(chatFirst).toList()) {
            List<StandIns.Received> got = byDestination.getOrDefault(destination.name(), List.of());
            String title = "── " + destination.name() + " (" + Platforms.of(destination).displayName()
                    + (readsAsChat(got) ? "" : ", as sent, shortened") + ") ";
            out.println(title + "─".repeat(Math.max(3, 78 - title.length())));
            if (got.isEmpty()) {
                out.println("  (nothing: no sample event is routed here)");
            }
            showMessages(out, got);
        }
    }

    /** Each message as read; an edit as the lines it adds to what was posted before. */
    private static void showMessages(PrintWriter out, List<StandIns.Received> got) {
        List<String> seen = new java.util.ArrayList<>();
        for (StandIns.Received message : got) {
            List<String> lines = ChatView.lines(message);
            if (message.isEdit()) {
                List<String> added = lines.stream().filter(line -> !seen.contains(line)).toList();
                out.println("  ✎ edited" + (added.isEmpty() ? "" : ": " + String.join(" · ", added)));
            } else {
                seen.addAll(lines);
                lines.forEach(line -> out.println("  " + line));
            }
            out.println();
        }
    }

    private static boolean readsAsChat(List<StandIns.Received> got) {
        return !got.isEmpty() && ChatView.asRead(got.get(0)).isPresent();
    }
}

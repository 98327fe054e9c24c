package io.chatrelay.render;

import io.chatrelay.event.RawEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * One digest as every platform renders it: its period, a line per event (presence of one
 * conversation collapsed into one line), at most {@code maxEvents} lines shown and the rest
 * counted as "+N more" with a link to them in the console. Platforms decide how it looks and keep
 * their limits with {@link #fit}, which counts what does not fit into the "+N more".
 */
public record Digest(Instant start, Instant end, int events, List<DigestLine> lines, int maxEvents, String link,
                     List<RawEvent> raw) {

    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    public Digest {
        lines = List.copyOf(lines);
        raw = List.copyOf(raw);
    }

    /**
     * The digest of {@code events} (oldest first) sent to {@code destination} for the period from
     * {@code start} to {@code end}.
     */
    public static Digest of(Instant start, Instant end, int maxEvents, List<RawEvent> events, String destination) {
        String link = "/admin/#/events?destination=" + URLEncoder.encode(destination, StandardCharsets.UTF_8)
                + "&since=" + start;
        return new Digest(start, end, events.size(), DigestLine.of(events), maxEvents, link, events);
    }

    /** "Digest 14:00–15:00 UTC: 120 events". */
    public String title() {
        return "Digest " + CLOCK.format(start) + "–" + CLOCK.format(end) + " UTC: " + events
                + (events == 1 ? " event" : " events");
    }

    /** The lines shown: the first {@code maxEvents}. */
    public List<DigestLine> shown() {
        return lines.subList(0, Math.min(maxEvents, lines.size()));
    }

    /** The lines not shown. */
    public int more() {
        return lines.size() - shown().size();
    }

    /** "+70 more: /admin/#/events?...", for {@code hidden} lines not shown. */
    public String moreText(int hidden) {
        return "+" + hidden + " more: " + link;
    }

    /**
     * What fits of the shown lines rendered by {@code render}, within {@code budget} characters in
     * all, each separated by {@code separator}, room kept for the "+N more" that {@code more}
     * renders (counting the lines left out too); {@code more} is empty when nothing is hidden.
     */
    public Fitted fit(int budget, Function<DigestLine, String> render, String separator, IntFunction<String> more) {
        List<DigestLine> shown = shown();
        int reserve = more.apply(lines.size()).length() + separator.length();
        List<String> fitted = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < shown.size(); i++) {
            String line = render.apply(shown.get(i));
            int cost = line.length() + (fitted.isEmpty() ? 0 : separator.length());
            boolean last = i == shown.size() - 1 && more() == 0;
            if (used + cost + (last ? 0 : reserve) > budget) {
                break;
            }
            fitted.add(line);
            used += cost;
        }
        int hidden = lines.size() - fitted.size();
        return new Fitted(fitted, hidden, hidden == 0 ? "" : more.apply(hidden));
    }

    /**
     * The shown lines rendered by {@code render} and packed in order into at most {@code maxGroups}
     * groups of at most {@code perGroup} characters each (joined by newlines): Slack's sections.
     * Lines that do not fit are counted into the "+N more" that {@code more} renders.
     */
    public Packed pack(Function<DigestLine, String> render, int perGroup, int maxGroups, IntFunction<String> more) {
        List<String> groups = new ArrayList<>();
        StringBuilder group = new StringBuilder();
        int packed = 0;
        for (DigestLine line : shown()) {
            String text = Text.truncate(render.apply(line), perGroup);
            if (group.length() > 0 && group.length() + 1 + text.length() > perGroup) {
                if (groups.size() + 1 == maxGroups) {
                    break;
                }
                groups.add(group.toString());
                group.setLength(0);
            }
            if (group.length() > 0) {
                group.append('\n');
            }
            group.append(text);
            packed++;
        }
        if (group.length() > 0) {
            groups.add(group.toString());
        }
        int hidden = lines.size() - packed;
        return new Packed(groups, hidden, hidden == 0 ? "" : more.apply(hidden));
    }

    /** Groups of rendered lines, how many lines were left out, and the rendered "+N more" (empty for none). */
    public record Packed(List<String> groups, int hidden, String more) {}

    /** Rendered lines that fit, how many lines were left out, and the rendered "+N more" (empty for none). */
    public record Fitted(List<String> lines, int hidden, String more) {

        /** The lines and the "+N more", joined by {@code separator}. */
        public String joined(String separator) {
            List<String> all = new ArrayList<>(lines);
            if (!more.isEmpty()) {
                all.add(more);
            }
            return String.join(separator, all);
        }
    }
}

package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Telegram's sendMessage rules: 1..4096 visible characters, only supported tags, every tag closed. */
final class TelegramRules {

    private static final Set<String> TAGS = Set.of("b", "i", "u", "s", "a", "code", "pre", "blockquote");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)[^>]*>");

    private TelegramRules() {}

    static List<String> violations(JsonNode message) {
        List<String> problems = new ArrayList<>();
        if (!"HTML".equals(message.path("parse_mode").asText())) {
            problems.add("parse_mode must be HTML");
        }
        String html = message.path("text").asText();
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(html);
        int visible = 0;
        int last = 0;
        while (tag.find()) {
            visible += visible(html.substring(last, tag.start()), problems);
            last = tag.end();
            String name = tag.group(2);
            if (!TAGS.contains(name)) {
                problems.add("unsupported tag <" + name + ">");
            } else if (tag.group(1).isEmpty()) {
                open.push(name);
            } else if (open.isEmpty() || !open.pop().equals(name)) {
                problems.add("misnested </" + name + ">");
            }
        }
        visible += visible(html.substring(last), problems);
        if (!open.isEmpty()) {
            problems.add("unclosed tags " + open);
        }
        if (visible < 1 || visible > 4096) {
            problems.add("text has " + visible + " visible characters, not 1..4096");
        }
        return problems;
    }

    private static int visible(String text, List<String> problems) {
        if (text.contains("<") || text.contains(">")) {
            problems.add("raw < or > in text: " + text.substring(0, Math.min(40, text.length())));
        }
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '&') {
                int end = text.indexOf(';', i);
                if (end < 0 || end - i > 8) {
                    problems.add("bare & in text");
                } else {
                    i = end;
                }
            }
            count++;
        }
        return count;
    }
}

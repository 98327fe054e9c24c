package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram's sendMessage rules: 1..4096 visible characters, only supported tags, every tag closed;
 * an inline keyboard of rows of buttons, each with a text and either a {@code callback_data} of
 * 1..64 bytes or an http(s) {@code url}.
 */
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
        if (message.has("reply_markup")) {
            keyboard(message.path("reply_markup"), problems);
        }
        return problems;
    }

    private static void keyboard(JsonNode markup, List<String> problems) {
        JsonNode rows = markup.path("inline_keyboard");
        if (!rows.isArray() || markup.size() != 1) {
            problems.add("reply_markup must be {inline_keyboard: [[button, ...], ...]}");
            return;
        }
        for (JsonNode row : rows) {
            if (!row.isArray() || row.isEmpty()) {
                problems.add("each keyboard row must be a non-empty array of buttons");
                continue;
            }
            for (JsonNode button : row) {
                boolean data = button.has("callback_data");
                boolean url = button.has("url");
                int bytes = button.path("callback_data").asText("").getBytes(StandardCharsets.UTF_8).length;
                if (button.path("text").asText("").isEmpty()) {
                    problems.add("a button without text");
                } else if (data == url || button.size() != 2) {
                    problems.add("a button must have a text and exactly one of callback_data and url: " + button);
                } else if (data && (bytes < 1 || bytes > 64)) {
                    problems.add("BUTTON_DATA_INVALID: callback_data of " + bytes + " bytes, not 1..64");
                } else if (url && !button.path("url").asText().matches("https?://\\S+")) {
                    problems.add("BUTTON_URL_INVALID: " + button.path("url").asText());
                }
            }
        }
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

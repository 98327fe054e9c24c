package io.chatrelay.platform.mattermost;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/**
 * A Mattermost server's view of an incoming-webhook post: text at most 16,383 characters, every
 * attachment with a fallback, and no word that notifies. Mentions are found as the server finds
 * them: in the Markdown text (not code) of the message and of each attachment's pretext, text and
 * field values, split into words on everything but letters, digits and {@code : . - _ @}.
 */
final class MattermostRules {

    private static final Parser MARKDOWN = Parser.builder().build();

    private MattermostRules() {}

    static List<String> violations(JsonNode post) {
        List<String> problems = new ArrayList<>();
        String text = post.path("text").asText("");
        if (text.length() > 16_383) {
            problems.add("text is " + text.length() + " chars, over 16383");
        }
        if (text.isBlank() && post.path("attachments").isEmpty()) {
            problems.add("neither text nor attachments");
        }
        mentions("text", text, problems);
        for (JsonNode attachment : post.path("attachments")) {
            if (attachment.path("fallback").asText("").isBlank()) {
                problems.add("attachment without a fallback");
            }
            mentions("pretext", attachment.path("pretext").asText(""), problems);
            mentions("attachment text", attachment.path("text").asText(""), problems);
            for (JsonNode field : attachment.path("fields")) {
                mentions("field value", field.path("value").asText(""), problems);
            }
        }
        return problems;
    }

    /** Every word the server would take for {@code @channel}, {@code @all}, {@code @here} or a user or group. */
    static List<String> notifyingWords(String markdown) {
        List<String> words = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        MARKDOWN.parse(markdown).accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                plain.append(text.getLiteral());
            }
        });
        for (String word : plain.toString().split("[^\\p{L}\\p{N}:.\\-_@]+")) {
            if (word.isEmpty() || (word.startsWith(":") && word.endsWith(":") && word.length() > 1)) {
                continue;
            }
            String trimmed = word.replaceFirst("^[:.\\-_]+", "");
            check(trimmed, words);
            for (String part : trimmed.split("[.\\-:]+")) {
                if (!part.equals(trimmed)) {
                    check(part, words);
                }
            }
        }
        return words;
    }

    private static void check(String word, List<String> words) {
        if (word.startsWith("@") && word.length() > 1) {
            words.add(word);
        }
    }

    private static void mentions(String where, String markdown, List<String> problems) {
        List<String> words = notifyingWords(markdown);
        if (!words.isEmpty()) {
            problems.add(where + " would notify " + words.subList(0, Math.min(3, words.size())));
        }
    }
}

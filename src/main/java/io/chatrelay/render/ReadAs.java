package io.chatrelay.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.platform.Platform;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers for {@link Platform#asRead}: a message turned into the lines a person reads in the app,
 * markup resolved, for {@code demo}. Not used on the delivery path.
 */
public final class ReadAs {

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]]+)]\\(([^)\\s]+)\\)");
    private static final Pattern HTML_LINK = Pattern.compile("<a href=\"([^\"]*)\">(.*?)</a>");
    private static final int LINE = 160;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadAs() {}

    /** The lines {@code view} reads from a JSON body; empty when the body is not JSON (demo shows it raw). */
    public static Optional<List<String>> json(byte[] body, Function<JsonNode, List<String>> view) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        return Optional.of(view.apply(message));
    }

    /** A button or link as demo shows it: {@code [label] url}. */
    public static String button(String label, String url) {
        return "[" + label + "] " + url;
    }

    /** Markdown as it reads: no heading or bold markers, no backslash escapes, links as buttons. */
    public static String markdown(String text) {
        String plain = text.replace("**", "").replaceAll("(?m)^#{1,6} ", "");
        return MARKDOWN_LINK.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(button(m.group(1), m.group(2))))
                .replaceAll("\\\\([^\\w\\s])", "$1");
    }

    /** HTML as it reads: line breaks kept, links as buttons, tags gone, entities resolved. */
    public static String html(String text) {
        String linked = HTML_LINK.matcher(text.replaceAll("(?i)<br\\s*/?>", "\n"))
                .replaceAll(m -> Matcher.quoteReplacement(button(m.group(2), m.group(1))));
        return linked.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }

    /** Facts side by side, as many as fit in a line, then on the next line. */
    public static String facts(List<String> facts) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String fact : facts) {
            String text = fact.replace("\n", " ");
            if (out.length() > lineStart && out.length() - lineStart + text.length() + 3 > LINE) {
                out.append('\n');
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(" · ");
            }
            out.append(text);
        }
        return out.toString();
    }
}

package io.chatrelay.platform.slack;

/**
 * Slack mrkdwn escaping: exactly {@code & < >}, so user text can never form a mention or a link; and
 * literal text, which Slack also keeps from formatting.
 */
final class SlackText {

    private SlackText() {}

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** What a person typed, from Slack's escaped text: {@code &lt;}, {@code &gt;} and then {@code &amp;} decoded. */
    static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /**
     * Text shown exactly as typed: escaped, and each line in an inline code span, the one way Slack
     * offers to keep {@code *}, {@code _} and {@code ~} from formatting (mrkdwn has no backslash
     * escape). A backtick, which would end the span, shows as {@code '}.
     */
    static String literal(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (String line : text.strip().split("\n", -1)) {
            if (out.length() > 0) {
                out.append('\n');
            }
            if (!line.isBlank()) {
                out.append('`').append(escape(line.replace('`', '\''))).append('`');
            }
        }
        return out.toString();
    }
}

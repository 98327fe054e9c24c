package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.render.MessageTemplate;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Names and facts that carry bidirectional controls ({@code "Jane \u202Efdp.exe"} shows as "Jane
 * exe.pdf") reach no platform with them: every control a message holds sits inside an isolate that
 * is closed on the same line, so nothing it reorders escapes it, and the visitor's own words keep
 * their characters. Every platform, every event type, with and without a template, rich and plain.
 */
class BidiControlsTest {

    static final List<PlatformCase> PLATFORMS = PlatformKit.ALL;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Session MAIL = Session.getInstance(new Properties());
    /** A name as a file: shown reversed after the override, it reads {@code Jane exe.pdf}. */
    private static final String SPOOF = "Jane \\u202Efdp.exe";
    private static final String LEAD = "{\"uuid\":\"u1\",\"name\":\"" + SPOOF + "\",\"email\":\"jane\\u202E@x.example\","
            + "\"phone\":\"+1 \\u200F555\\u061C\",\"comp\\u202Bany\":\"Acme \\u2066Corp\",\"note\":\"\\u2069\\u202Dx\"}";
    /** The visitor's words: an override, a stray closing isolate, an isolate left open. */
    private static final String TYPED = "see \\u2069\\u202Egnp.exe and \\u2067more\\nsecond \\u202Aline";
    private static final List<String> EVENTS = List.of(
            "{\"event\":\"lead-submission\",\"chatbot_name\":\"Bot\\u202E\",\"chatbot_display_name\":\"\\u202EBot\","
                    + "\"lead\":" + LEAD + "}",
            "{\"event\":\"live-chat-escalation\",\"chatbot_name\":\"Bot\\u202E\",\"conversation_id\":\"c\\u202E1\","
                    + "\"notification_email\":\"ops\\u202E@x.example\",\"handling_url\":\"https://x.example/h\","
                    + "\"lead\":" + LEAD + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + TYPED + "\"},"
                    + "{\"role\":\"assistant\",\"content\":\"ok \\u202Eyes\"}]}",
            "{\"event\":\"chat\",\"chatbot_id\":\"b\\u202E1\",\"source\":\"wid\\u202Eget\",\"lead\":" + LEAD + ","
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"" + TYPED + "\"}],"
                    + "\"answer\":{\"content\":\"" + TYPED + "\",\"score\":0.5}}",
            "{\"event\":\"user-online\",\"chatbot_name\":\"Bot\\u202E\",\"name\":\"" + SPOOF + "\","
                    + "\"email\":\"jane\\u202E@x.example\",\"source\":\"wid\\u202Eget\"}",
            "{\"event\":\"user-offline\",\"name\":\"" + SPOOF + "\",\"phone\":\"\\u202E555\"}",
            "{\"event\":\"chat\",\"chatbot_name\":\"" + "\\u202Eb".repeat(3_000) + "\",\"lead\":{\"name\":\""
                    + "\\u202Ea".repeat(3_000) + "\"},\"messages\":[{\"role\":\"user\",\"content\":\""
                    + (TYPED + " ").repeat(700) + "\"}],\"answer\":{\"content\":\"" + "\\u2067x".repeat(5_000) + "\"}}",
            "{\"event\":\"new-thing\",\"na\\u202Eme\":\"" + SPOOF + "\",\"lead\":" + LEAD + "}");
    private static final MessageTemplate TEMPLATE = new MessageTemplate(
            "New {{event}} from {{lead.name}}{{name}} <{{lead.email}}> on {{chatbot_name}}: "
                    + "{{#messages}}{{content}} {{/messages}}{{{lead.name}}}");

    @ParameterizedTest
    @FieldSource("PLATFORMS")
    void noBidiControlReordersAnythingOutsideItsOwnIsolate(PlatformCase platform) throws Exception {
        List<String> problems = new ArrayList<>();
        boolean showedTheVisitorsWords = false;
        for (String json : EVENTS) {
            Envelope plain = FormatterFixtures.envelope(json);
            for (Envelope envelope : List.of(plain, withTemplate(plain), plain.asPlain())) {
                OutboundRequest request = platform.formatter().format(envelope);
                if (Arrays.equals(request.body(), envelope.raw().body())) {
                    continue; // the event itself, byte for byte, for a program to read (the generic webhook)
                }
                for (String text : shown(request)) {
                    unbalanced(text).ifPresent(problem -> problems.add(envelope.event().type() + ": " + problem));
                    assertThat(text).doesNotContain("exe.pdf").doesNotContain("\u202Efdp");
                    if (text.contains("gnp.exe")) {
                        assertThat(text).as("the visitor's words keep their characters").contains("\u202Egnp.exe");
                        showedTheVisitorsWords = true;
                    }
                }
            }
        }

        assertThat(problems).isEmpty();
        assertThat(showedTheVisitorsWords || platform.type().equals("webhook")).as("the transcript was shown").isTrue();
    }

    private static Envelope withTemplate(Envelope envelope) {
        return new Envelope(envelope.raw(), envelope.event(), envelope.deliveryId(), Optional.of(TEMPLATE),
                Optional.empty(), envelope.now());
    }

    /**
     * Why {@code text} lets a control reorder text around it, if it does: a control outside an
     * isolate (FSI, LRI or RLI up to its PDI), a PDI closing nothing, an isolate still open at
     * the end of a line.
     */
    static Optional<String> unbalanced(String text) {
        for (String line : text.split("[\n\r\u001C\u001D\u001E\u0085\u2029]", -1)) {
            int open = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c >= '\u2066' && c <= '\u2068') {
                    open++;
                } else if (c == '\u2069') {
                    if (open-- == 0) {
                        return Optional.of("a PDI closes nothing in " + visible(line));
                    }
                } else if (isControl(c) && open == 0) {
                    return Optional.of(String.format("U+%04X outside an isolate in %s", (int) c, visible(line)));
                }
            }
            if (open > 0) {
                return Optional.of(open + " isolate(s) left open in " + visible(line));
            }
        }
        return Optional.empty();
    }

    private static boolean isControl(char c) {
        return c == '\u200E' || c == '\u200F' || c == '\u061C' || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    private static String visible(String line) {
        StringBuilder out = new StringBuilder();
        line.chars().limit(200).forEach(c -> out.append(isControl((char) c) ? String.format("<U+%04X>", c) : (char) c));
        return out.toString();
    }

    /** Every piece of text a reader of the request sees: the strings of a JSON body, a mail's subject and parts. */
    private static List<String> shown(OutboundRequest request) throws Exception {
        List<String> texts = new ArrayList<>();
        byte[] body = request.body();
        if (body.length > 0 && body[0] == '{') {
            strings(JSON.readTree(body), texts);
            return texts;
        }
        MimeMessage mail = new MimeMessage(MAIL, new ByteArrayInputStream(body));
        texts.add(mail.getSubject());
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            texts.add(unescapeNumeric(part.getContent().toString()));
        }
        return texts;
    }

    /** An HTML part's numeric character references as the characters a mail client shows. */
    private static String unescapeNumeric(String html) {
        return java.util.regex.Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(html).replaceAll(m -> java.util.regex.Matcher
                .quoteReplacement(Character.toString(Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16))));
    }

    private static void strings(JsonNode node, List<String> texts) {
        if (node.isTextual()) {
            texts.add(node.textValue());
        }
        node.forEach(child -> strings(child, texts));
        node.properties().forEach(field -> texts.add(field.getKey()));
    }
}

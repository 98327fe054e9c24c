package io.chatrelay.platform;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.RawEvent;
import io.chatrelay.render.Text;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Builds envelopes for formatter tests, including long and hostile ones. */
public final class FormatterFixtures {

    public static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
    public static final String HOSTILE = "<!channel> <!here> <@U123> @everyone @here <users/all> @channel <b>bold</b> &amp; "
            + "<https://evil.example|click> ";
    public static final String UNICODE = "😀👩‍👩‍👧 中文字符 עברית ";

    private FormatterFixtures() {}

    public static Envelope envelope(byte[] body) {
        try {
            ChatDataEvent event = EventParser.parse(body, null);
            RawEvent raw = new RawEvent("evt-1", event.type(), event.conversationId(), body, AT);
            return new Envelope(raw, event, "7", Optional.empty(), Optional.empty(), AT);
        } catch (MalformedEventException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Envelope envelope(String json) {
        return envelope(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Text {@code length} characters long made of {@code unit} repeated, as a JSON string literal's content. */
    public static String repeat(String unit, int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append(unit);
        }
        return out.toString().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Every event type with every field long and hostile: the worst a formatter must survive. */
    public static java.util.List<String> hostileEvents(String unit, int length) {
        String s = repeat(unit, length);
        String messages = "[" + ("{\"role\":\"user\",\"content\":\"" + s + "\"},").repeat(60)
                + "{\"role\":\"assistant\",\"content\":\"" + s + "\"}]";
        String lead = "{\"uuid\":\"" + s + "\",\"name\":\"" + s + "\",\"email\":\"" + s + "\",\"phone\":\"" + s + "\""
                + ",\"c1\":\"" + s + "\",\"c2\":\"" + s + "\",\"c3\":\"" + s + "\",\"c4\":\"" + s + "\",\"c5\":\"" + s + "\""
                + ",\"c6\":\"" + s + "\",\"c7\":\"" + s + "\",\"c8\":\"" + s + "\",\"c9\":\"" + s + "\"}";
        String common = "\"chatbot_id\":\"" + s + "\",\"chatbot_name\":\"" + s + "\",\"chatbot_display_name\":\"" + s
                + "\",\"conversation_id\":\"" + s + "\",\"source\":\"" + s + "\"";
        return java.util.List.of(
                "{\"event\":\"chat\"," + common + ",\"messages\":" + messages + ",\"answer\":{\"content\":\"" + s
                        + "\",\"score\":0.9},\"client_ip\":\"" + s + "\",\"cost_credits\":\"" + s + "\",\"lead\":" + lead + "}",
                "{\"event\":\"live-chat-escalation\"," + common + ",\"messages\":" + messages
                        + ",\"notification_email\":\"" + s + "\",\"handling_url\":\"https://x.example/" + s
                        + "\",\"conversation_start_time\":1719280733918,\"lead\":" + lead + "}",
                "{\"event\":\"lead-submission\"," + common + ",\"lead\":" + lead + "}",
                "{\"event\":\"user-online\"," + common + ",\"name\":\"" + s + "\",\"email\":\"" + s + "\",\"phone\":\"" + s + "\"}",
                "{\"event\":\"user-offline\"," + common + ",\"name\":\"" + s + "\",\"email\":\"" + s + "\"}",
                "{\"event\":\"" + s + "\"," + common + ",\"a\":\"" + s + "\",\"b\":\"" + s + "\",\"c\":\"" + s + "\"}");
    }
}

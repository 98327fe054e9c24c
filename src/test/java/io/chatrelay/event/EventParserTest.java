package io.chatrelay.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import org.junit.jupiter.api.Test;

class EventParserTest {

    private static ChatDataEvent parse(String json) throws MalformedEventException {
        return EventParser.parse(Http.utf8(json), null);
    }

    @Test
    void readsTheChatFixture() throws Exception {
        ChatDataEvent.Chat chat = (ChatDataEvent.Chat) EventParser.parse(Fixtures.bytes("chat"), null);

        assertThat(chat.messages()).hasSize(3);
        assertThat(chat.messages().get(2)).isEqualTo(new Message("user", "How to integrate with Discord?"));
        assertThat(chat.answer().content()).startsWith("You can follow the [guide]");
        assertThat(chat.score()).isEqualTo(0.8503905227042547);
        assertThat(chat.clientIp()).isEqualTo("203.0.113.7");
        assertThat(chat.source()).isEqualTo("widget");
        assertThat(chat.costCredits()).isEqualTo("20");
        assertThat(chat.lead().uuid()).isEqualTo("28239132-671d-4b1f-9d43-1c7b70985ede");
    }

    @Test
    void readsTheEscalationFixture() throws Exception {
        var escalation = (ChatDataEvent.LiveChatEscalation) EventParser.parse(Fixtures.bytes("live-chat-escalation"), null);

        assertThat(escalation.handlingUrl()).startsWith("https://www.chat-data.com/chatbot/");
        assertThat(escalation.conversationStartTime()).isEqualTo(1719280733918L);
        assertThat(escalation.chatbotDisplayName()).isEqualTo("Chatbot Display Name");
        assertThat(escalation.notificationEmail()).isEqualTo("support@example.com");
    }

    @Test
    void readsTheLeadAndPresenceFixtures() throws Exception {
        var lead = (ChatDataEvent.LeadSubmission) EventParser.parse(Fixtures.bytes("lead-submission"), null);
        var online = (ChatDataEvent.UserOnline) EventParser.parse(Fixtures.bytes("user-online"), null);
        var offline = (ChatDataEvent.UserOffline) EventParser.parse(Fixtures.bytes("user-offline"), null);

        assertThat(lead.lead().email()).isEqualTo("lead@example.com");
        assertThat(lead.lead().phone()).isEqualTo("+1 234 5678");
        assertThat(online.visitor().name()).isEqualTo("John Doe");
        assertThat(offline.visitor().email()).isEqualTo("john@example.com");
        assertThat(offline.conversationId()).isEqualTo("dbf24043-83a6-47fb-b241-9865de3877c9");
    }

    @Test
    void reparsesMessagesAnswerAndLeadSentAsJsonStrings() throws Exception {
        var chat = (ChatDataEvent.Chat) parse("""
                {"event":"chat",
                 "messages":"[{\\"role\\":\\"user\\",\\"content\\":\\"hi\\"}]",
                 "answer":"{\\"role\\":\\"assistant\\",\\"content\\":\\"hello\\",\\"score\\":0.5}",
                 "lead":"{\\"uuid\\":\\"u1\\",\\"email\\":\\"x@y.z\\"}"}""");

        assertThat(chat.messages()).containsExactly(new Message("user", "hi"));
        assertThat(chat.answer().content()).isEqualTo("hello");
        assertThat(chat.score()).isEqualTo(0.5);
        assertThat(chat.lead().email()).isEqualTo("x@y.z");
        assertThat(chat.fields().path("lead").path("email").asText()).isEqualTo("x@y.z");
    }

    @Test
    void takesClientIdAsTheClientIp() throws Exception {
        var chat = (ChatDataEvent.Chat) parse("{\"event\":\"chat\",\"client_id\":\"198.51.100.1\"}");

        assertThat(chat.clientIp()).isEqualTo("198.51.100.1");
        assertThat(chat.fields().path("client_ip").asText()).isEqualTo("198.51.100.1");
    }

    @Test
    void toleratesMissingAndNullFields() throws Exception {
        var escalation = (ChatDataEvent.LiveChatEscalation) parse(
                "{\"event\":\"live-chat-escalation\",\"messages\":null,\"lead\":null,\"handling_url\":null}");

        assertThat(escalation.messages()).isEmpty();
        assertThat(escalation.handlingUrl()).isNull();
        assertThat(escalation.lead()).isEqualTo(Lead.NONE);
        assertThat(escalation.conversationStartTime()).isNull();
    }

    @Test
    void keepsCustomLeadFieldsInOrder() throws Exception {
        var lead = (ChatDataEvent.LeadSubmission) parse("""
                {"event":"lead-submission","lead":{"uuid":"u","name":"Ann","company":"Acme","budget":5000,"empty":""}}""");

        assertThat(lead.lead().extra()).containsExactly(
                java.util.Map.entry("company", "Acme"), java.util.Map.entry("budget", "5000"));
    }

    @Test
    void prefersTheBodysEventOverTheTopicHeader() throws Exception {
        assertThat(EventParser.parse(Http.utf8("{\"event\":\"chat\"}"), "lead-submission").type()).isEqualTo("chat");
        assertThat(EventParser.parse(Http.utf8("{}"), "lead-submission").type()).isEqualTo("lead-submission");
        assertThat(EventParser.parse(Http.utf8("{}"), null).type()).isEqualTo("unknown");
        assertThat(EventParser.parse(Http.utf8("{}"), "x".repeat(65)).type()).as("unsigned junk").isEqualTo("unknown");
        assertThat(EventParser.parse(Http.utf8("{}"), "<script>").type()).isEqualTo("unknown");
    }

    @Test
    void keepsUnknownEventsWithTheirFields() throws Exception {
        var unknown = (ChatDataEvent.Unknown) parse("{\"event\":\"new-thing\",\"chatbot_id\":\"b1\",\"x\":1}");

        assertThat(unknown.type()).isEqualTo("new-thing");
        assertThat(unknown.chatbotId()).isEqualTo("b1");
        assertThat(unknown.fields().path("x").asInt()).isEqualTo(1);
    }

    @Test
    void rejectsWhatIsNotOneJsonObject() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> parse("\"text\"")).hasMessage("body must be a JSON object");
        assertThatThrownBy(() -> parse("{} {}")).hasMessage("body is not valid JSON");
        assertThatThrownBy(() -> parse("[" .repeat(100) + "]".repeat(100))).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void rejectsDeepNestingBeyondTheLimit() {
        String deep = "{\"a\":".repeat(EventParser.MAX_NESTING_DEPTH + 5) + "1" + "}".repeat(EventParser.MAX_NESTING_DEPTH + 5);

        assertThatThrownBy(() -> parse(deep)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void treatsWrongTypesAsAbsentInsteadOfFailing() throws Exception {
        var chat = (ChatDataEvent.Chat) parse("{\"event\":\"chat\",\"messages\":{\"no\":\"list\"},\"answer\":42,\"lead\":[1]}");

        assertThat(chat.messages()).isEmpty();
        assertThat(chat.lead()).isEqualTo(Lead.NONE);
    }

    @Test
    void refusesBytesThatAreNotWellFormedUtf8SayingWhere() {
        String[] malformed = {"C0 AF", "E0 80 AF", "F0 80 80 AF", "F4 90 80 80", "F5 80 80 80", "ED A0 80", "80", "E2 82"};
        for (String bytes : malformed) {
            byte[] body = withBytes("{\"event\":\"chat\",\"chatbot_name\":\"a", bytes, "\"}");
            assertThatThrownBy(() -> EventParser.parse(body, null)).as(bytes)
                    .isInstanceOf(MalformedEventException.class)
                    .hasMessage("body is not well-formed UTF-8 (at byte 33)");
        }
        assertThatThrownBy(() -> EventParser.parse(withBytes("{\"a\":\"", "E2 82", ""), null)).as("cut at the end")
                .hasMessage("body is not well-formed UTF-8 (at byte 6)");
    }

    @Test
    void refusesByteOrderMarksAndUtf16() {
        byte[] json = Http.utf8("{\"event\":\"chat\"}");
        byte[] utf16 = "{\"event\":\"chat\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);

        assertThatThrownBy(() -> EventParser.parse(withBytes("", "EF BB BF", "{\"event\":\"chat\"}"), null))
                .hasMessage("body starts with a byte order mark: send UTF-8 without one");
        assertThatThrownBy(() -> EventParser.parse("{\"event\":\"chat\"}".getBytes(java.nio.charset.StandardCharsets.UTF_16), null))
                .hasMessage("body is UTF-16 or UTF-32: send UTF-8");
        assertThatThrownBy(() -> EventParser.parse(concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, utf16), null))
                .hasMessage("body is UTF-16 or UTF-32: send UTF-8");
        assertThatThrownBy(() -> EventParser.parse(utf16, null)).as("UTF-16 without a mark is never guessed")
                .hasMessage("body is not valid JSON");
        assertThatCode(() -> EventParser.parse(json, null)).doesNotThrowAnyException();
    }

    @Test
    void refusesDuplicateKeysAtAnyDepthNamingThem() {
        assertThatThrownBy(() -> parse("{\"event\":\"lead-submission\",\"lead\":{},\"event\":\"chat\"}"))
                .hasMessage("body has a duplicate key: event");
        assertThatThrownBy(() -> parse("{\"event\":\"chat\",\"lead\":{\"email\":\"a@x.example\",\"email\":\"b@x.example\"}}"))
                .hasMessage("body has a duplicate key: lead.email");
        assertThatThrownBy(() -> parse("{\"messages\":[{\"role\":\"user\"},{\"role\":\"user\",\"role\":\"assistant\"}]}"))
                .hasMessage("body has a duplicate key: messages[1].role");
        assertThatThrownBy(() -> parse("{\"<b>x</b>\":1,\"<b>x</b>\":2}")).as("a key that is not a name is not echoed")
                .hasMessage("body has a duplicate key");
    }

    @Test
    void aDuplicateKeyInsideAJsonStringLeavesItText() throws Exception {
        var chat = (ChatDataEvent.Chat) parse("""
                {"event":"chat","lead":"{\\"email\\":\\"a@x.example\\",\\"email\\":\\"b@x.example\\"}"}""");

        assertThat(chat.lead()).isEqualTo(Lead.NONE);
        assertThat(chat.fields().path("lead").isTextual()).isTrue();
    }

    @Test
    void refusesNumbersBeyondADoubleSayingWhere() throws Exception {
        assertThatThrownBy(() -> parse("{\"event\":\"chat\",\"x\":1e999999999}"))
                .hasMessage("body has a number outside the range of a double: x");
        assertThatThrownBy(() -> parse("{\"answer\":{\"content\":\"a\",\"score\":-1e309}}"))
                .hasMessage("body has a number outside the range of a double: answer.score");
        assertThatThrownBy(() -> parse("{\"lead\":{\"budget\":[1," + "9".repeat(400) + "]}}"))
                .hasMessage("body has a number outside the range of a double: lead.budget[1]");

        var chat = (ChatDataEvent.Chat) parse("{\"event\":\"chat\",\"answer\":{\"content\":\"a\",\"score\":1.7976931348623157e308},"
                + "\"tiny\":1e-400}");
        assertThat(chat.score()).isEqualTo(Double.MAX_VALUE);
        assertThat(chat.fields().path("tiny").doubleValue()).isZero();
    }

    @Test
    void dropsBidiControlsFromNamesAndIsolatesWhatTheVisitorTyped() throws Exception {
        var escalation = (ChatDataEvent.LiveChatEscalation) parse("""
                {"event":"live-chat-escalation","chatbot_name":"Bot\\u202E",
                 "lead":{"name":"Jane \\u202Efdp.exe","comp\\u202Bany":"\\u200FAcme"},
                 "messages":[{"role":"us\\u202Eer","content":"a \\u2069\\u202Eb \\u2067c\\nd"}],
                 "answer":"{\\"content\\":\\"\\u202Eok\\"}"}""");

        assertThat(escalation.chatbotName()).isEqualTo("Bot");
        assertThat(escalation.lead().name()).isEqualTo("Jane fdp.exe");
        assertThat(escalation.fields().path("lead").path("name").asText()).isEqualTo("Jane fdp.exe");
        assertThat(escalation.lead().extra()).containsExactly(java.util.Map.entry("company", "Acme"));
        assertThat(escalation.messages()).containsExactly(new Message("user", "\u2068a \u202Eb \u2067c\u2069\u2069\nd"));
        assertThat(escalation.fields().path("answer").path("content").asText()).isEqualTo("\u2068\u202Eok\u2069");
    }

    /** {@code before}, the bytes given in hex, then {@code after}. */
    private static byte[] withBytes(String before, String hex, String after) {
        String[] parts = hex.split(" ");
        byte[] middle = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            middle[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return concat(concat(Http.utf8(before), middle), Http.utf8(after));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}

package io.chatrelay.event;

import static org.assertj.core.api.Assertions.assertThat;
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
}

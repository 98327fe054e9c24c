package io.chatrelay.platform.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.EscalationState;
import io.chatrelay.platform.FormatterFixtures;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An escalation's Telegram message as things stand: its keyboard, its state, the answer to a press. */
class TelegramTakesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI LINK = URI.create("https://relay.example.com/claim/abc.def");
    private static final Instant AT = Instant.parse("2026-11-24T14:02:30Z");

    private static TelegramFormatter formatter(boolean secret) {
        return new TelegramFormatter(new TelegramConfig("tg", new Secret("123:TOKEN"), "-100", Optional.empty(),
                URI.create("https://api.telegram.org"), new DestinationOptions(Optional.empty(), Optional.empty(),
                Optional.empty()), secret ? Optional.of(new Secret("s3cret")) : Optional.empty()));
    }

    private static Envelope escalation(EscalationState state) {
        return FormatterFixtures.envelope(Fixtures.bytes("live-chat-escalation")).withEscalation(state);
    }

    private static EscalationState state(Optional<EscalationState.Taken> taken, Optional<Instant> left) {
        return new EscalationState(taken, left, Optional.of(LINK), Optional.empty());
    }

    private static JsonNode body(OutboundRequest request) throws Exception {
        return JSON.readTree(request.body());
    }

    @Test
    void withoutAWebhookSecretTheTakeButtonLinksToTheClaimPage() throws Exception {
        JsonNode keyboard = body(formatter(false).format(escalation(state(Optional.empty(), Optional.empty()))))
                .path("reply_markup").path("inline_keyboard");

        assertThat(keyboard.get(0).get(0).toString())
                .isEqualTo("{\"text\":\"🙋 Take this chat\",\"url\":\"" + LINK + "\"}");
        assertThat(keyboard.get(0).get(1).path("text").asText()).isEqualTo("Open live chat");
    }

    @Test
    void anEscalationNobodyCanTakeHereAndOtherEventsHaveNoKeyboard() throws Exception {
        EscalationState noLink = new EscalationState(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        assertThat(body(formatter(false).format(escalation(noLink))).has("reply_markup")).isFalse();
        assertThat(body(formatter(true).format(FormatterFixtures.envelope(Fixtures.bytes("chat")))).has("reply_markup"))
                .isFalse();
    }

    @Test
    void aTakenOrLeftEscalationKeepsOnlyTheLiveChatButton() throws Exception {
        for (EscalationState state : List.of(
                state(Optional.of(new EscalationState.Taken("Ana", AT, "tg", "42")), Optional.empty()),
                state(Optional.empty(), Optional.of(AT)))) {
            JsonNode keyboard = body(formatter(true).format(escalation(state))).path("reply_markup")
                    .path("inline_keyboard");

            assertThat(keyboard).hasSize(1);
            assertThat(keyboard.get(0)).hasSize(1);
            assertThat(keyboard.get(0).get(0).path("text").asText()).isEqualTo("Open live chat");
        }
    }

    @Test
    void statusLinesOfHostileNamesAreEscapedAndTheLongestEscalationStaysWithinTelegramsRules() throws Exception {
        List<String> violations = new ArrayList<>();
        String hostile = "<b>Ana</b> & <a href=\"x\">" + "😀".repeat(60);
        EscalationState all = new EscalationState(Optional.of(new EscalationState.Taken(hostile, AT, "tg", "42")),
                Optional.of(AT), Optional.of(LINK), Optional.of(Duration.ofMinutes(5)));
        for (String unit : List.of("x", FormatterFixtures.HOSTILE, FormatterFixtures.UNICODE)) {
            for (int length : List.of(1, 4_097)) {
                String escalationEvent = FormatterFixtures.hostileEvents(unit, length).get(1);
                JsonNode sent = body(formatter(true).format(FormatterFixtures.envelope(escalationEvent).withEscalation(all)));
                TelegramRules.violations(sent).forEach(v -> violations.add(length + ": " + v));
                assertThat(sent.path("text").asText()).contains("🙋 Taken by &lt;b&gt;Ana&lt;/b&gt; &amp; "
                        + "&lt;a href=&quot;x&quot;&gt;😀", "👋 Visitor left at 14:02 UTC");
            }
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void theTakerIsToldTheyTookItAndAnyoneElseWhoDidAndWhen() throws Exception {
        Envelope taken = escalation(state(Optional.of(new EscalationState.Taken("Ana Lima", AT, "tg", "42")),
                Optional.empty()));
        TelegramFormatter formatter = formatter(true);

        OutboundRequest own = formatter.formatNotice(taken, "{\"callback_query_id\":\"q1\",\"user\":\"42\"}").orElseThrow();
        OutboundRequest late = formatter.formatNotice(taken, "{\"callback_query_id\":\"q2\",\"user\":\"43\"}").orElseThrow();

        assertThat(own.url().toString()).isEqualTo("https://api.telegram.org/bot123:TOKEN/answerCallbackQuery");
        assertThat(own.displayUrl()).doesNotContain("TOKEN");
        assertThat(body(own).toString()).isEqualTo("{\"callback_query_id\":\"q1\",\"text\":\"You took this chat.\"}");
        assertThat(body(late).path("text").asText()).isEqualTo("Ana Lima took this chat at 14:02 UTC");
    }

    @Test
    void aLongNameIsCutToTheTwoHundredCharactersOfACallbackAnswer() throws Exception {
        Envelope taken = escalation(state(Optional.of(new EscalationState.Taken("A".repeat(300), AT, "tg", "42")),
                Optional.empty()));

        String text = body(formatter(true).formatNotice(taken, "{\"callback_query_id\":\"q\",\"user\":\"7\"}")
                .orElseThrow()).path("text").asText();

        assertThat(text).hasSizeLessThanOrEqualTo(200).endsWith("…");
    }

    @Test
    void anEditNamesTheMessageTheAnswerToSendMessageGave() throws Exception {
        TelegramPlatform platform = new TelegramPlatform();
        String cut = "{\"ok\":true,\"result\":{\"message_id\":321,\"from\":{\"id\":1,\"is_bot\":true},\"chat\":{\"id\":"
                + "-100555,\"type\":\"supergroup\",\"title\":\"Support\"},\"date\":1,\"text\":\"a long text that was cut";
        String posted = platform.posted(formatter(true).format(escalation(state(Optional.empty(), Optional.empty()))),
                new Answer(200, Map.of(), cut)).orElseThrow();

        JsonNode edit = body(formatter(true).formatEdit(escalation(state(Optional.empty(), Optional.of(AT))), posted)
                .orElseThrow());

        assertThat(posted).isEqualTo("{\"chat_id\":\"-100555\",\"message_id\":321}");
        assertThat(edit.path("chat_id").asText()).isEqualTo("-100555");
        assertThat(edit.path("message_id").asLong()).isEqualTo(321);
        assertThat(edit.has("message_thread_id")).isFalse();
        assertThat(platform.posted(null, new Answer(200, Map.of(), "{\"ok\":true,\"result\":true}"))).isEmpty();
    }

    @Test
    void anEditThatChangesNothingIsDeliveredAndOtherBadRequestsAreNot() {
        TelegramPlatform platform = new TelegramPlatform();
        OutboundRequest request = OutboundRequest.postJson(URI.create("https://api.telegram.org/bot1:T/editMessageText"),
                "x", JSON.createObjectNode());

        assertThat(platform.classify(request, new Answer(400, Map.of(), "{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: message is not modified: specified new message content and reply "
                + "markup are exactly the same\"}"), AT)).isEqualTo(new Outcome.Delivered(400));
        assertThat(platform.classify(request, new Answer(400, Map.of(), "{\"ok\":false,\"error_code\":400,"
                + "\"description\":\"Bad Request: message to edit not found\"}"), AT)).isInstanceOf(Outcome.Dead.class);
    }

    @Test
    void theTakeButtonsDataFitsTelegramsSixtyFourBytesForEveryEventId() throws Exception {
        String id = io.chatrelay.event.Ids.newId(java.time.Clock.systemUTC());
        Envelope envelope = FormatterFixtures.envelope(Fixtures.bytes("live-chat-escalation"));
        Envelope withId = new Envelope(new io.chatrelay.event.RawEvent(id, envelope.raw().type(),
                envelope.raw().conversationId(), envelope.raw().body(), AT), envelope.event(), "7", Optional.empty(),
                Optional.empty(), AT).withEscalation(state(Optional.empty(), Optional.empty()));

        String data = body(formatter(true).format(withId)).path("reply_markup").path("inline_keyboard").get(0).get(0)
                .path("callback_data").asText();

        assertThat(data).isEqualTo("claim:" + id);
        assertThat(Http.utf8(data).length).isLessThanOrEqualTo(64);
    }
}

package io.chatrelay.platform.slack;

import static io.chatrelay.platform.FormatterFixtures.envelope;
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
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The take button and the status lines of an escalation's Slack message, its edits and its ephemeral answers. */
class SlackTakeFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-24T14:02:10Z");
    private static final DestinationOptions NO_OPTIONS = new DestinationOptions(Optional.empty(), Optional.empty(),
            Optional.empty());
    private static final String HOOK = "https://hooks.slack.com/services/T0/B0/SECRET";
    private static final String RESPONSE_URL = "https://hooks.slack.com/actions/T0/123/RESPONSE-SECRET";

    private static SlackConfig api(boolean signing) {
        return new SlackConfig("support-slack", Optional.empty(), Optional.of(new Secret("xoxb-SECRET")),
                Optional.of("C0SUPPORT"), URI.create("https://slack.com/api"), NO_OPTIONS,
                signing ? Optional.of(new Secret("signing-SECRET")) : Optional.empty());
    }

    private static SlackConfig webhook(boolean signing) {
        return new SlackConfig("support-slack", Optional.of(new Secret(HOOK)), Optional.empty(), Optional.empty(),
                URI.create("https://slack.com/api"), NO_OPTIONS,
                signing ? Optional.of(new Secret("signing-SECRET")) : Optional.empty());
    }

    private static Envelope escalation(EscalationState state) {
        return envelope(Fixtures.bytes("live-chat-escalation")).withEscalation(state);
    }

    private static EscalationState open(Optional<URI> link) {
        return new EscalationState(Optional.empty(), Optional.empty(), link, Optional.empty());
    }

    private static EscalationState takenBy(String name, String id) {
        return new EscalationState(Optional.of(new EscalationState.Taken(name, AT, "support-slack", id)),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static JsonNode body(OutboundRequest request) throws Exception {
        return JSON.readTree(request.body());
    }

    private static JsonNode actions(JsonNode message) {
        for (JsonNode block : message.path("blocks")) {
            if (block.path("type").asText().equals("actions")) {
                return block.path("elements");
            }
        }
        return JSON.createArrayNode();
    }

    @Test
    void anEscalationForASignedDestinationHasATakeButtonThatSlackSendsBack() throws Exception {
        JsonNode message = body(new SlackFormatter(api(true)).format(escalation(open(Optional.empty()))));

        JsonNode buttons = actions(message);
        assertThat(buttons).hasSize(2);
        assertThat(buttons.get(0).path("text").path("text").asText()).isEqualTo("Take this chat");
        assertThat(buttons.get(0).path("action_id").asText()).isEqualTo("claim");
        assertThat(buttons.get(0).path("style").asText()).isEqualTo("primary");
        assertThat(buttons.get(0).has("url")).isFalse();
        JsonNode value = JSON.readTree(buttons.get(0).path("value").asText());
        assertThat(value.path("e").asText()).isEqualTo("evt-1");
        assertThat(value.path("d").asText()).isEqualTo("support-slack");
        assertThat(buttons.get(0).path("value").asText()).doesNotContain("SECRET");
        assertThat(buttons.get(1).path("text").path("text").asText()).isEqualTo("Open live chat");
        assertThat(buttons.get(1).path("url").asText()).startsWith("https://www.chat-data.com/");
        assertThat(SlackRules.violations(message)).isEmpty();
        assertThat(SlackView.lines(OutboundRequest.json(message)).orElseThrow()).contains("[Take this chat]")
                .anyMatch(line -> line.startsWith("[Open live chat] https://www.chat-data.com/"));
    }

    @Test
    void withoutASigningSecretTheTakeButtonLinksToTheClaimPage() throws Exception {
        URI link = URI.create("https://relay.example.com/claim/TOKEN");
        JsonNode message = body(new SlackFormatter(webhook(false)).format(escalation(open(Optional.of(link)))));

        JsonNode buttons = actions(message);
        assertThat(buttons.get(0).path("text").path("text").asText()).isEqualTo("Take this chat");
        assertThat(buttons.get(0).path("url").asText()).isEqualTo(link.toString());
        assertThat(buttons.get(0).has("action_id")).isFalse();
        assertThat(SlackRules.violations(message)).isEmpty();
    }

    @Test
    void withNeitherSecretNorPublicUrlOnlyTheLiveChatButtonRemains() throws Exception {
        JsonNode message = body(new SlackFormatter(webhook(false)).format(escalation(open(Optional.empty()))));

        assertThat(actions(message)).hasSize(1);
        assertThat(actions(message).get(0).path("text").path("text").asText()).isEqualTo("Open live chat");
    }

    @Test
    void otherEventsGetNoTakeButton() throws Exception {
        JsonNode message = body(new SlackFormatter(api(true)).format(envelope(Fixtures.bytes("chat"))));

        assertThat(message.toString()).doesNotContain("Take this chat", "\"claim\"");
    }

    @Test
    void aTakenEscalationSaysByWhomAndLosesItsTakeButton() throws Exception {
        JsonNode message = body(new SlackFormatter(api(true)).format(escalation(takenBy("Ana", "U0ANA"))));

        assertThat(message.toString()).doesNotContain("Take this chat");
        assertThat(actions(message)).hasSize(1);
        assertThat(SlackView.lines(OutboundRequest.json(message)).orElseThrow())
                .contains("🙋 Taken by Ana at 14:02 UTC");
        assertThat(message.path("text").asText()).endsWith("🙋 Taken by Ana at 14:02 UTC");
    }

    @Test
    void aTakerWhoseNameSlackDidNotGiveIsMentionedAndAnyOtherMentionIsText() throws Exception {
        JsonNode unnamed = body(new SlackFormatter(webhook(true)).format(escalation(takenBy("<@U0ANA>", "U0ANA"))));
        JsonNode forged = body(new SlackFormatter(webhook(true)).format(escalation(takenBy("<@U0BEN>", "U0ANA"))));

        assertThat(unnamed.toString()).contains("Taken by <@U0ANA> at 14:02 UTC");
        assertThat(SlackRules.violations(unnamed, java.util.Set.of("U0ANA"))).isEmpty();
        assertThat(forged.toString()).contains("Taken by &lt;@U0BEN&gt; at").doesNotContain("<@U0BEN>");
    }

    @Test
    void anEscalationWhoseVisitorLeftSaysWhenAndCanNoLongerBeTaken() throws Exception {
        EscalationState left = new EscalationState(Optional.empty(), Optional.of(AT.plusSeconds(420)),
                Optional.of(URI.create("https://relay.example.com/claim/TOKEN")), Optional.empty());
        JsonNode message = body(new SlackFormatter(api(true)).formatEdit(escalation(left),
                SlackReplies.posted("C0SUPPORT", "1.2")).orElseThrow());

        assertThat(message.toString()).contains("👋 Visitor left at 14:09 UTC").doesNotContain("Take this chat");
        assertThat(actions(message)).hasSize(1);
    }

    @Test
    void aFollowUpSaysHowLongItWentUntakenAndStillOffersTheButton() throws Exception {
        EscalationState followUp = new EscalationState(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Duration.ofMinutes(5)));
        JsonNode message = body(new SlackFormatter(api(true)).format(escalation(followUp)));

        assertThat(message.toString()).contains("⏰ Not taken after 5 min", "Take this chat");
    }

    @Test
    void aHostileLongNameIsEscapedAndKeptWithinTheLimits() throws Exception {
        List<String> violations = new ArrayList<>();
        for (String unit : List.of(FormatterFixtures.HOSTILE, FormatterFixtures.UNICODE, "&")) {
            String name = unit.repeat(5000 / unit.length());
            for (String event : FormatterFixtures.hostileEvents(unit, 3_001)) {
                Envelope taken = envelope(event).withEscalation(takenBy(name, "U1"));
                violations.addAll(SlackRules.violations(body(new SlackFormatter(api(true)).format(taken))));
                Envelope open = envelope(event).withEscalation(open(Optional.empty()));
                violations.addAll(SlackRules.violations(body(new SlackFormatter(api(true)).format(open))));
            }
        }

        assertThat(violations).isEmpty();
    }

    @Test
    void editsAPostedMessageWithChatUpdate() throws Exception {
        SlackFormatter formatter = new SlackFormatter(api(true));
        String posted = new SlackPlatform().posted(formatter.format(escalation(open(Optional.empty()))),
                Answer.json(200, "{\"ok\":true,\"channel\":\"C0SUPPORT\",\"ts\":\"1700000000.000100\",\"message\":{}}"))
                .orElseThrow();

        OutboundRequest edit = formatter.formatEdit(escalation(takenBy("Ana", "U0ANA")), posted).orElseThrow();

        assertThat(edit.url()).isEqualTo(URI.create("https://slack.com/api/chat.update"));
        assertThat(edit.headers()).containsEntry("Authorization", "Bearer xoxb-SECRET");
        assertThat(edit.okField()).contains("ok");
        JsonNode body = body(edit);
        assertThat(body.path("channel").asText()).isEqualTo("C0SUPPORT");
        assertThat(body.path("ts").asText()).isEqualTo("1700000000.000100");
        assertThat(body.toString()).contains("Taken by Ana").doesNotContain("Take this chat");
        assertThat(SlackRules.violations(body)).isEmpty();
    }

    @Test
    void editsAWebhooksMessageThroughTheResponseUrlAndNeverShowsIt() throws Exception {
        OutboundRequest edit = new SlackFormatter(webhook(true)).formatEdit(escalation(takenBy("Ana", "U0ANA")),
                SlackReplies.editTarget(RESPONSE_URL)).orElseThrow();

        assertThat(edit.url()).isEqualTo(URI.create(RESPONSE_URL));
        assertThat(edit.displayUrl()).doesNotContain("RESPONSE-SECRET");
        assertThat(edit.toString()).doesNotContain("RESPONSE-SECRET");
        JsonNode body = body(edit);
        assertThat(body.path("replace_original").asBoolean()).isTrue();
        assertThat(body.toString()).contains("Taken by Ana");
    }

    @Test
    void answersTheWinnerAndALatePresserOnlyThem() throws Exception {
        SlackFormatter formatter = new SlackFormatter(api(true));
        Envelope taken = escalation(takenBy("Ana", "U0ANA"));

        OutboundRequest mine = formatter.formatNotice(taken, SlackReplies.noticeTarget(RESPONSE_URL, "U0ANA")).orElseThrow();
        OutboundRequest late = formatter.formatNotice(taken, SlackReplies.noticeTarget(RESPONSE_URL, "U0BEN")).orElseThrow();

        assertThat(body(mine).path("text").asText()).isEqualTo("You took this chat.");
        assertThat(body(late).path("text").asText()).isEqualTo("Ana took this chat at 14:02 UTC");
        assertThat(body(late).path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(body(late).path("replace_original").asBoolean(true)).isFalse();
        assertThat(late.displayUrl()).doesNotContain("RESPONSE-SECRET");
    }

    @Test
    void anUpdateThatCanNeverWorkIsDeadAndAnExpiredResponseUrlToo() {
        SlackPlatform slack = new SlackPlatform();
        OutboundRequest update = new SlackFormatter(api(true)).formatEdit(escalation(takenBy("Ana", "U0ANA")),
                SlackReplies.posted("C0SUPPORT", "1.2")).orElseThrow();
        OutboundRequest reply = new SlackFormatter(webhook(true)).formatEdit(escalation(takenBy("Ana", "U0ANA")),
                SlackReplies.editTarget(RESPONSE_URL)).orElseThrow();

        for (String error : List.of("message_not_found", "cant_update_message", "edit_window_closed")) {
            assertThat(slack.classify(update, Answer.json(200, "{\"ok\":false,\"error\":\"" + error + "\"}"), AT))
                    .isInstanceOf(Outcome.Dead.class).asString().contains(error);
        }
        assertThat(slack.classify(reply, new Answer(200, Map.of(), "ok"), AT)).isInstanceOf(Outcome.Delivered.class);
        assertThat(slack.classify(reply, Answer.json(200, "{\"ok\":true}"), AT)).isInstanceOf(Outcome.Delivered.class);
        assertThat(slack.classify(reply, Answer.json(200, "{\"ok\":false,\"error\":\"expired_url\"}"), AT))
                .isInstanceOf(Outcome.Dead.class).asString().contains("expired_url");
    }
}

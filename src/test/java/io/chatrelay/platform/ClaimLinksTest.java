package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Fixtures;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Where a platform has no button the relay can hear (Teams, Google Chat, Mattermost, WhatsApp,
 * email, a plain webhook), an escalation that can still be taken carries a "Take this chat" link
 * to the claim page, and every message shows its status lines; within each platform's rules.
 */
class ClaimLinksTest {

    /** A webhook destination whose claim_link_header asks for the link. */
    private static final io.chatrelay.platform.webhook.WebhookConfig ASKING_WEBHOOK =
            new io.chatrelay.platform.webhook.WebhookConfig("crm", new io.chatrelay.config.Secret(
                    "https://crm.example.com/hook"), "POST", java.util.Map.of(), java.util.Optional.empty(),
                    new io.chatrelay.config.DestinationOptions(java.util.Optional.empty(), java.util.Optional.empty(),
                            java.util.Optional.empty()), java.util.Optional.of("X-Relay-Claim-Url"));

    private static final URI LINK = URI.create("https://relay.example.com/claim/ZXZ0LTEKdGVhbXMKMTc5.c2ln-_x");
    private static final Instant AT = Instant.parse("2026-11-24T14:02:00Z");
    private static final EscalationState OPEN = new EscalationState(Optional.empty(), Optional.empty(),
            Optional.of(LINK), Optional.empty());
    private static final EscalationState TAKEN = new EscalationState(
            Optional.of(new EscalationState.Taken("Ana <b>&", AT, "ops-teams")), Optional.empty(), Optional.of(LINK),
            Optional.empty());
    private static final EscalationState FOLLOW_UP = new EscalationState(Optional.empty(), Optional.empty(),
            Optional.of(LINK), Optional.of(Duration.ofMinutes(5)));

    private static String rendered(String platform, EscalationState state) throws Exception {
        PlatformCase kit = PlatformKit.ALL.stream().filter(c -> c.name().equals(platform)).findFirst().orElseThrow();
        Formatter formatter = "webhook".equals(platform) ? new io.chatrelay.platform.webhook.WebhookFormatter(
                ASKING_WEBHOOK) : kit.formatter();
        OutboundRequest request = formatter.format(FormatterFixtures.envelope(Fixtures.bytes("live-chat-escalation"))
                .withEscalation(state));
        assertThat(kit.violations(request)).as(platform + "'s rules").isEmpty();
        String headers = request.headers().toString();
        return headers + "\n" + ("email".equals(platform) ? mailText(request.body())
                : new String(request.body(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"teams", "google-chat", "mattermost", "whatsapp", "email", "webhook"})
    void anEscalationNobodyTookCarriesTheClaimLink(String platform) throws Exception {
        assertThat(rendered(platform, OPEN)).contains(LINK.toString());
        assertThat(rendered(platform, EscalationState.NONE)).doesNotContain("/claim/", "Take this chat");
    }

    @ParameterizedTest
    @ValueSource(strings = {"teams", "google-chat", "mattermost", "whatsapp", "email", "webhook"})
    void aTakenEscalationHasNoClaimLinkAndWhereTextIsShownSaysWhoTookIt(String platform) throws Exception {
        String taken = rendered(platform, TAKEN);
        assertThat(taken).doesNotContain("/claim/", "Take this chat");
        if (!"webhook".equals(platform)) {
            assertThat(taken).contains("Taken by Ana").contains("at 14:02 UTC");
        }
        if (List.of("google-chat", "email").contains(platform)) { // HTML: the name is text, never markup
            assertThat(taken).contains("Taken by Ana &lt;b&gt;&amp; at 14:02 UTC");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"teams", "google-chat", "mattermost", "whatsapp", "email"})
    void aFollowUpSaysHowLongTheEscalationWentUntaken(String platform) throws Exception {
        assertThat(rendered(platform, FOLLOW_UP)).contains("Not taken after 5 min", LINK.toString());
    }

    @Test
    void eachPlatformShowsTheLinkInItsOwnWay() throws Exception {
        assertThat(rendered("teams", OPEN)).contains("\"type\":\"Action.OpenUrl\",\"title\":\"Take this chat\",\"url\":\""
                + LINK + "\"");
        assertThat(rendered("google-chat", OPEN)).contains("{\"text\":\"Take this chat\",\"onClick\":{\"openLink\":"
                + "{\"url\":\"" + LINK + "\"}}}");
        assertThat(rendered("mattermost", OPEN)).contains("[Take this chat](" + LINK + ")");
        assertThat(rendered("whatsapp", OPEN)).contains("Take this chat: " + LINK);
        assertThat(rendered("email", OPEN)).contains("Take this chat: " + LINK, "<a href=\"" + LINK + "\"");
        assertThat(rendered("webhook", OPEN)).contains("X-Relay-Claim-Url=" + LINK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"teams", "google-chat", "mattermost", "whatsapp", "email", "webhook"})
    void theLinkAndStatusLinesFitWithinTheLimitsOfTheLongestEscalation(String platform) {
        PlatformCase kit = PlatformKit.ALL.stream().filter(c -> c.name().equals(platform)).findFirst().orElseThrow();
        for (String unit : List.of("a", "中", FormatterFixtures.HOSTILE)) {
            String longest = FormatterFixtures.hostileEvents(unit, 5_000).get(1);
            OutboundRequest request = kit.formatter().format(FormatterFixtures.envelope(longest).withEscalation(FOLLOW_UP));
            assertThat(kit.violations(request)).as(platform + " with " + unit).isEmpty();
        }
    }

    @Test
    void aWebhookCarriesNoClaimLinkUnlessItsDestinationAsks() {
        PlatformCase kit = PlatformKit.ALL.stream().filter(c -> c.name().equals("webhook")).findFirst().orElseThrow();
        OutboundRequest request = kit.formatter().format(FormatterFixtures.envelope(
                Fixtures.bytes("live-chat-escalation")).withEscalation(OPEN));

        assertThat(request.headers().toString() + new String(request.body(), StandardCharsets.UTF_8))
                .doesNotContain("/claim/");
    }

    @Test
    void aWhatsAppTemplateStaysAsApproved() throws Exception {
        assertThat(rendered("whatsapp-template", FOLLOW_UP)).isEqualTo(rendered("whatsapp-template",
                EscalationState.NONE));
    }

    @Test
    void aTemplatedWebhookBodyCarriesTheLinkAsClaimUrl() throws Exception {
        var config = Platforms.loader(java.util.Map.of()).parse("""
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook", claim_link_header: X-Relay-Claim-Url}
                routes:
                  - {name: r, to: [crm], template: {text: "Escalation {{conversation_id}}"}}
                """);
        Formatter formatter = Formatters.of(config).forDestination("crm");
        io.chatrelay.render.Templates templates = new io.chatrelay.render.Templates(config);
        Envelope plain = FormatterFixtures.envelope(Fixtures.bytes("live-chat-escalation"));
        Envelope envelope = new Envelope(plain.raw(), plain.event(), "7", templates.forDelivery("r", "crm"),
                Optional.empty(), plain.now()).withEscalation(OPEN);

        String body = new String(formatter.format(envelope).body(), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("{\"text\":\"Escalation dbf24043-83a6-47fb-b241-9865de3877c9\",\"claim_url\":\""
                + LINK + "\"}");
    }

    /** The mail's text and HTML parts, decoded. */
    private static String mailText(byte[] mail) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
        Multipart parts = (Multipart) message.getContent();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            out.append(part.getContent()).append('\n');
        }
        return out.toString();
    }
}

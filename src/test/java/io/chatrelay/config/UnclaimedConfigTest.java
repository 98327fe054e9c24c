package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Platforms;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route's {@code unclaimed} follow-up and the settings that turn claims on, as the loader reads and refuses them. */
class UnclaimedConfigTest {

    private static final String HEAD = """
            chat_data: {signing_secrets: [x]}
            destinations:
              crm: {type: webhook, url: "https://crm.example.com/hook"}
              pager: {type: webhook, url: "https://pager.example.com/hook"}
            routes:
            """;

    private static List<String> problems(String yaml) {
        try {
            Platforms.loader(Map.of()).parse(yaml);
        } catch (InvalidConfigException e) {
            return e.problems().stream().filter(p -> !p.isWarning()).map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    @Test
    void readsAfterAndTheFollowUpDestinations() throws Exception {
        RelayConfig config = Platforms.loader(Map.of()).parse(HEAD + """
                  - name: escalations
                    match: {event: live-chat-escalation}
                    to: [crm]
                    unclaimed: {after: 5m, to: [pager]}
                """);

        assertThat(config.routes().get(0).unclaimed())
                .contains(new UnclaimedConfig(Duration.ofMinutes(5), List.of("pager")));
    }

    @Test
    void refusesAFollowUpOnARouteThatCannotMatchAnEscalation() {
        assertThat(problems(HEAD + "  - {name: leads, match: {event: lead-submission}, to: [crm], "
                + "unclaimed: {after: 5m, to: [pager]}}\n")).singleElement().asString()
                .startsWith("routes[0].unclaimed: only an escalation can be taken, and this route's match.event rules "
                        + "out live-chat-escalation");
    }

    @Test
    void refusesAfterOutOfRangeAndUnknownDestinations() {
        assertThat(problems(HEAD + "  - {name: e, match: {event: live-chat-escalation}, to: [crm], "
                + "unclaimed: {after: 10s, to: [pager]}}\n"))
                .containsExactly("routes[0].unclaimed.after: must be between 30s and 24h, got 10s (line 6)");
        assertThat(problems(HEAD + "  - {name: e, match: {event: live-chat-escalation}, to: [crm], "
                + "unclaimed: {after: 5m, to: [pagr]}}\n")).singleElement().asString()
                .startsWith("routes[0].unclaimed.to: unknown destination 'pagr'").contains("pager");
        assertThat(problems(HEAD + "  - {name: e, match: {event: live-chat-escalation}, to: [crm], "
                + "unclaimed: {to: [pager]}}\n")).singleElement().asString()
                .startsWith("routes[0].unclaimed.after: is required");
    }

    @Test
    void readsThePublicUrlAndRefusesOneWithAQuery() throws Exception {
        RelayConfig config = Platforms.loader(Map.of()).parse("server: {public_url: \"https://relay.example.com/\"}\n"
                + HEAD + "  - {name: all, to: [crm]}\n");
        assertThat(config.server().publicUrl()).contains(URI.create("https://relay.example.com/"));
        assertThat(config.server().publicUrlOf("/claim/x")).contains(URI.create("https://relay.example.com/claim/x"));

        assertThat(problems("server: {public_url: \"https://relay.example.com/?a=b\"}\n" + HEAD
                + "  - {name: all, to: [crm]}\n")).singleElement().asString()
                .startsWith("server.public_url: must be a base URL without ?query or #fragment");
    }

    @Test
    void refusesATelegramWebhookSecretTelegramWouldRefuse() {
        assertThat(problems(HEAD.replace("destinations:\n", """
                destinations:
                  tg: {type: telegram, bot_token: "1:x", chat_id: "-100", webhook_secret: "has spaces"}
                """) + "  - {name: all, to: [tg]}\n")).singleElement().asString()
                .startsWith("destinations.tg.webhook_secret: must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -");
    }
}

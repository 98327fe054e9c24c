package io.chatrelay.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.event.EventParser;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Fixtures;
import io.chatrelay.testkit.Http;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static final String DESTINATIONS = """
            chat_data: {signing_secrets: [x]}
            destinations:
              slack: {type: slack, webhook_url: "https://hooks.slack.com/services/T/B/X"}
              discord: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/t"}
              crm: {type: webhook, url: "https://crm.example.com/hook", template: {text: "crm default"}}
            """;

    private static List<String> destinationsFor(String routes, byte[] event) throws Exception {
        RoutingTable table = RoutingTable.of(Platforms.loader(Map.of()).parse(DESTINATIONS + routes));
        return table.match(EventParser.parse(event, null), NOW).stream().map(Target::destination).toList();
    }

    @Test
    void firesEveryMatchingRoute() throws Exception {
        String routes = """
                routes:
                  - {name: leads, match: {event: lead-submission}, to: [discord]}
                  - {name: everything, to: [crm]}
                  - {name: escalations, match: {event: live-chat-escalation}, to: [slack]}
                """;

        assertThat(destinationsFor(routes, Fixtures.bytes("lead-submission"))).containsExactly("discord", "crm");
        assertThat(destinationsFor(routes, Fixtures.bytes("live-chat-escalation"))).containsExactly("crm", "slack");
    }

    @Test
    void sendsToADestinationOnceUnderTheFirstRouteThatNamesIt() throws Exception {
        String config = DESTINATIONS + """
                routes:
                  - {name: first, match: {event: chat}, to: [crm, slack]}
                  - {name: second, to: [crm]}
                """;
        RoutingTable table = RoutingTable.of(Platforms.loader(Map.of()).parse(config));

        List<Target> targets = table.match(EventParser.parse(Fixtures.bytes("chat"), null), NOW);

        assertThat(targets).containsExactly(new Target("crm", "first"), new Target("slack", "first"));
    }

    @Test
    void requiresEveryConditionToHold() throws Exception {
        String routes = """
                routes:
                  - {name: widget-chats, match: {event: chat, source: widget}, to: [slack]}
                """;

        assertThat(destinationsFor(routes, Fixtures.bytes("chat"))).containsExactly("slack");
        assertThat(destinationsFor(routes, Http.utf8("{\"event\":\"chat\",\"source\":\"API\"}"))).isEmpty();
    }

    @Test
    void matchesAnyOfAList() throws Exception {
        String routes = """
                routes:
                  - {name: presence, match: {event: [user-online, user-offline]}, to: [slack]}
                """;

        assertThat(destinationsFor(routes, Fixtures.bytes("user-online"))).containsExactly("slack");
        assertThat(destinationsFor(routes, Fixtures.bytes("user-offline"))).containsExactly("slack");
        assertThat(destinationsFor(routes, Fixtures.bytes("chat"))).isEmpty();
    }

    @Test
    void matchesPresenceWithAStar() throws Exception {
        String routes = """
                routes:
                  - {name: with-email, match: {lead.email: "*"}, to: [discord]}
                """;

        assertThat(destinationsFor(routes, Fixtures.bytes("lead-submission"))).containsExactly("discord");
        assertThat(destinationsFor(routes, Fixtures.bytes("chat"))).isEmpty();
        assertThat(destinationsFor(routes, Http.utf8("{\"event\":\"lead-submission\",\"lead\":{\"email\":null}}"))).isEmpty();
    }

    @Test
    void matchesRegexesAgainstNestedFields() throws Exception {
        String routes = """
                routes:
                  - {name: corporate, match: {lead.email: {regex: "@example\\\\.com$"}}, to: [discord]}
                """;

        assertThat(destinationsFor(routes, Fixtures.bytes("lead-submission"))).containsExactly("discord");
        assertThat(destinationsFor(routes, Http.utf8("{\"lead\":{\"email\":\"a@example.com.evil\"}}"))).isEmpty();
    }

    @Test
    void matchesFieldsOfJsonStringPayloadsAndNumbersAsText() throws Exception {
        String routes = """
                routes:
                  - {name: expensive, match: {cost_credits: "20", lead.uuid: "*"}, to: [crm]}
                """;
        byte[] stringLead = Http.utf8("{\"event\":\"chat\",\"cost_credits\":20,\"lead\":\"{\\\"uuid\\\":\\\"u\\\"}\"}");

        assertThat(destinationsFor(routes, stringLead)).containsExactly("crm");
    }

    @Test
    void sendsNothingWhenNoRouteMatches() throws Exception {
        String routes = """
                routes:
                  - {name: leads, match: {event: lead-submission}, to: [discord]}
                """;

        assertThat(destinationsFor(routes, Fixtures.bytes("user-online"))).isEmpty();
    }

    @Test
    void routesUnknownEventsByWildcardRoutes() throws Exception {
        String routes = """
                routes:
                  - {name: everything, to: [crm]}
                """;

        assertThat(destinationsFor(routes, Http.utf8("{\"event\":\"brand-new\"}"))).containsExactly("crm");
    }

    @Test
    void explainsEveryConditionThatFailedAndReachesWhatMatchReaches() throws Exception {
        String config = DESTINATIONS + """
                routes:
                  - name: corporate
                    match: {event: lead-submission, lead.email: {regex: "@bigcorp$"}, lead.phone: "*", source: widget}
                    to: [discord]
                  - {name: everything, to: [crm, discord]}
                """;
        RoutingTable table = RoutingTable.of(Platforms.loader(Map.of()).parse(config));
        var event = EventParser.parse(Http.utf8("{\"event\":\"lead-submission\",\"lead\":{\"email\":\"a@small\"},"
                + "\"source\":\"widget\"}"), null);

        RoutingTable.Explanation explanation = table.explain(event, NOW);

        assertThat(explanation.routes()).extracting(RoutingTable.Verdict::route, RoutingTable.Verdict::matched)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("corporate", false),
                        org.assertj.core.groups.Tuple.tuple("everything", true));
        assertThat(explanation.routes().get(0).misses()).extracting(RoutingTable.Miss::field, RoutingTable.Miss::actual)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lead.email", "a@small"),
                        org.assertj.core.groups.Tuple.tuple("lead.phone", null));
        assertThat(explanation.targets()).isEqualTo(table.match(event, NOW))
                .containsExactly(new Target("crm", "everything"), new Target("discord", "everything"));
    }
}

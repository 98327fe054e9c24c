package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesTestCommandTest {

    @TempDir
    Path dir;

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("relay.yaml"), """
                chat_data: {signing_secrets: [s]}
                destinations:
                  support-slack: {type: slack, webhook_url: "https://hooks.slack.com/services/T0/B0/SLACKSECRET"}
                  sales-discord: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/DISCORDTOKEN"}
                  crm: {type: webhook, url: "https://crm.example.com/hook", template: {text: "lead {{lead.email}}"}}
                routes:
                  - {name: escalations, match: {event: live-chat-escalation}, to: [support-slack]}
                  - name: corporate-leads
                    match: {event: lead-submission, lead.email: {regex: "@bigcorp\\\\.com$"}, lead.phone: "*"}
                    to: [sales-discord, crm]
                    template: {text: "🎯 {{lead.name}} <{{lead.email}}>"}
                  - {name: archive, match: {event: [chat, lead-submission]}, to: [crm]}
                """);
    }

    @Test
    void showsEachRouteAndEveryConditionThatFailed() throws Exception {
        Cli.Run run = Cli.run("routes", "test", "--config", config().toString(), "event=lead-submission",
                "lead.email=ceo@smallco.com");

        assertThat(run.out()).contains(
                "A lead-submission event, against 3 routes:",
                "missed   escalations      event: wanted \"live-chat-escalation\", got \"lead-submission\"",
                "missed   corporate-leads  lead.email: wanted matching /@bigcorp\\.com$/, got \"ceo@smallco.com\"",
                "                          lead.phone: wanted present, got nothing (absent or null)",
                "matched  archive          -> crm",
                "It reaches 1 destination:",
                "crm (webhook) via route archive, template of destination crm: \"lead {{lead.email}}\"");
        assertThat(run.exit()).isZero();
    }

    @Test
    void saysWhenADestinationGetsTheEventInADigest() throws Exception {
        Path config = Files.writeString(dir.resolve("digest.yaml"), """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: chats, match: {event: chat}, to: [crm], digest: {every: 1h, max_events: 1}}
                """);

        Cli.Run run = Cli.run("routes", "test", "--config", config.toString(), "event=chat");

        assertThat(run.out()).contains(
                "crm (webhook) via route chats, the webhook default message, in a digest every 1h (at most 1 line)");
        assertThat(run.exit()).isZero();
    }

    @Test
    void namesTheTemplateOfTheFirstRouteThatReachesEachDestination() throws Exception {
        Cli.Run run = Cli.run("routes", "test", "--config", config().toString(), "event=lead-submission",
                "lead.email=ceo@bigcorp.com", "lead.phone=+1 555");

        assertThat(run.out()).contains("matched  corporate-leads  -> sales-discord, crm",
                "It reaches 2 destinations:",
                "sales-discord (discord) via route corporate-leads, template of route corporate-leads: "
                        + "\"🎯 {{lead.name}} <{{lead.email}}>\"",
                "crm (webhook) via route corporate-leads, template of route corporate-leads");
        assertThat(run.out()).doesNotContain("SLACKSECRET", "DISCORDTOKEN");
        assertThat(run.exit()).isZero();
    }

    @Test
    void exitsOneWhenTheEventReachesNoDestination() throws Exception {
        Cli.Run run = Cli.run("routes", "test", "--config", config().toString(), "event=user-online");

        assertThat(run.out()).contains("It reaches no destination.",
                "missed   archive          event: wanted one of [\"chat\", \"lead-submission\"], got \"user-online\"");
        assertThat(run.exit()).isEqualTo(1);
    }

    @Test
    void readsTheEventFromAFileAsPreviewDoes() throws Exception {
        Path event = Files.writeString(dir.resolve("escalation.json"), Fixtures.text("live-chat-escalation"));

        Cli.Run run = Cli.run("routes", "test", "--config", config().toString(), "--event", event.toString());

        assertThat(run.out()).contains("matched  escalations", "support-slack (slack) via route escalations, "
                + "the slack default message");
        assertThat(run.exit()).isZero();
    }

    @Test
    void aBadConfigOrEventIsExitTwoNotAVerdict() throws Exception {
        Path notJson = Files.writeString(dir.resolve("event.json"), "{\"event\": ");

        Cli.Run badEvent = Cli.run("routes", "test", "--config", config().toString(), "--event", notJson.toString());
        Cli.Run noConfig = Cli.run("routes", "test", "--config", dir.resolve("missing.yaml").toString(), "event=chat");

        assertThat(badEvent.exit()).isEqualTo(2);
        assertThat(badEvent.err()).contains("event.json: body is not valid JSON");
        assertThat(noConfig.exit()).isEqualTo(2);
        assertThat(noConfig.err()).contains("missing.yaml: no such file");
    }

    @Test
    void refusesMalformedFieldsAndBothKindsOfEventAtOnce() throws Exception {
        Path event = Files.writeString(dir.resolve("chat.json"), Fixtures.text("chat"));

        Cli.Run noEquals = Cli.run("routes", "test", "--config", config().toString(), "lead-submission");
        Cli.Run clash = Cli.run("routes", "test", "--config", config().toString(), "lead=x", "lead.email=y");
        Cli.Run both = Cli.run("routes", "test", "--config", config().toString(), "--event", event.toString(),
                "event=chat");

        assertThat(noEquals.exit()).isEqualTo(2);
        assertThat(noEquals.err()).contains("expected FIELD=VALUE, got 'lead-submission'");
        assertThat(clash.exit()).isEqualTo(2);
        assertThat(clash.err()).contains("'lead.email=y': lead already has a value");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give the event as --event FILE or as FIELD=VALUE pairs");
    }

    @Test
    void needsNoRealWebhookUrlsToTryRoutes() throws Exception {
        Path config = Files.writeString(dir.resolve("env.yaml"), """
                # values like ${RELAY_TEST_IN_A_COMMENT} come from the environment
                chat_data: {signing_secrets: ["${RELAY_TEST_UNSET_SECRET}"]}
                destinations:
                  sales-discord: {type: discord, webhook_url: "${RELAY_TEST_UNSET_DISCORD_URL}"}
                routes:
                  - {name: leads, match: {event: lead-submission}, to: [sales-discord]}
                """);

        Cli.Run run = Cli.run("routes", "test", "--config", config.toString(), "event=lead-submission");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("sales-discord (discord) via route leads");
        assertThat(run.err()).contains("note: RELAY_TEST_UNSET_DISCORD_URL is not set; a placeholder stands in for it")
                .doesNotContain("RELAY_TEST_IN_A_COMMENT");
    }

    private Path afterHours() throws Exception {
        return Files.writeString(dir.resolve("after-hours.yaml"), """
                chat_data: {signing_secrets: [s]}
                destinations:
                  support-slack: {type: slack, webhook_url: "https://hooks.slack.com/services/T0/B0/SLACKSECRET"}
                  on-call: {type: webhook, url: "https://pager.example.com/hook"}
                time_intervals:
                  - name: office-hours
                    time_intervals:
                      - {weekdays: ['monday:friday'], times: [{start_time: '09:00', end_time: '18:00'}], location: Europe/Berlin}
                  - name: lunch
                    time_intervals: [{times: [{start_time: '12:00', end_time: '13:00'}], location: Europe/Berlin}]
                routes:
                  - name: office
                    match: {event: live-chat-escalation}
                    to: [support-slack]
                    active_time_intervals: [office-hours]
                    mute_time_intervals: [lunch]
                  - name: after-hours
                    match: {event: live-chat-escalation}
                    to: [on-call]
                    mute_time_intervals: [office-hours]
                """);
    }

    @Test
    void judgesTimeIntervalsAtTheGivenTimeAndShowsTheClockEachWasReadBy() throws Exception {
        Cli.Run run = Cli.run("routes", "test", "--config", afterHours().toString(), "--at", "2026-12-24T22:00+01:00",
                "event=live-chat-escalation");

        assertThat(run.out()).contains(
                "  skipped  office       outside office-hours  (-> support-slack)",
                "  matched  after-hours  -> on-call  (outside office-hours)",
                "Time intervals at 2026-12-24T22:00+01:00 (Thursday 24 December 2026 22:00):",
                "  office-hours  outside  (Europe/Berlin: Thursday 24 December 2026 22:00)",
                "  lunch         outside  (Europe/Berlin: Thursday 24 December 2026 22:00)",
                "on-call (webhook) via route after-hours");
        assertThat(run.exit()).isZero();
    }

    @Test
    void anOfficeLunchHourMutesTheOfficeRouteAndReachesNobody() throws Exception {
        Cli.Run lunch = Cli.run("routes", "test", "--config", afterHours().toString(), "--at", "2026-07-01T10:30Z",
                "event=live-chat-escalation");
        Cli.Run morning = Cli.run("routes", "test", "--config", afterHours().toString(), "--at",
                "2026-07-01T09:30+02:00", "event=live-chat-escalation");

        assertThat(lunch.out()).contains("  muted    office       inside lunch  (-> support-slack)",
                "  muted    after-hours  inside office-hours  (-> on-call)",
                "  office-hours  inside   (Europe/Berlin: Wednesday 1 July 2026 12:30)", "It reaches no destination.");
        assertThat(lunch.exit()).isEqualTo(1);
        assertThat(morning.out()).contains("  matched  office       -> support-slack  (inside office-hours; outside lunch)");
        assertThat(morning.exit()).isZero();
    }

    @Test
    void refusesATimeWithoutItsOffset() throws Exception {
        Cli.Run run = Cli.run("routes", "test", "--config", afterHours().toString(), "--at", "2026-12-24T22:00",
                "event=live-chat-escalation");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--at: '2026-12-24T22:00' is not a date-time with an offset: write e.g. "
                + "2026-12-24T22:00+01:00 or 2026-12-24T21:00Z");
    }

    @Test
    void aConfigWithoutTimeIntervalsPrintsNoClock() throws Exception {
        Cli.Run run = Cli.run("routes", "test", "--config", config().toString(), "event=chat");

        assertThat(run.out()).doesNotContain("Time intervals");
    }
}

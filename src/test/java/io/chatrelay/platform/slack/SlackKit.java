package io.chatrelay.platform.slack;

import static io.chatrelay.platform.PlatformCase.answer;
import static io.chatrelay.platform.PlatformCase.http;
import static io.chatrelay.platform.PlatformCase.json;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Slack samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class SlackKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("slack", "slack", "{type: slack, webhook_url: \"https://hooks.slack.com/services/T0/B0/SECRET\"}",
                    json((json, bytes) -> SlackRules.violations(json)), List.of("https://hooks.slack.com/services/T0/B0/SECRET"),
                    http("no_service", "404 no_service", Expect.delivered(200, "ok"))),
            new PlatformCase("slack-api", "slack", "{type: slack, token: xoxb-SECRET, channel: C0SUPPORT}",
                    json((json, bytes) -> SlackRules.violations(json)), List.of("xoxb-SECRET"),
                    http("", "404", Expect.delivered(200, "{\"ok\":true,\"ts\":\"1.2\"}"),
                            Expect.dead(200, "{\"ok\":false,\"error\":\"channel_not_found\"}", "ok=false channel_not_found"),
                            Expect.retry(answer(200, Map.of("Retry-After", "3"), "{\"ok\":false,\"error\":\"ratelimited\"}"),
                                    Duration.ofSeconds(3)))));

    private SlackKit() {}
}

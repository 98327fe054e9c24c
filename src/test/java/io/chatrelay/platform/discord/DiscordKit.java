package io.chatrelay.platform.discord;

import static io.chatrelay.platform.PlatformCase.answer;
import static io.chatrelay.platform.PlatformCase.http;
import static io.chatrelay.platform.PlatformCase.json;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Discord samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class DiscordKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("discord", "discord",
                    "{type: discord, webhook_url: \"https://discord.com/api/webhooks/1/SECRET\", username: Chat Data}",
                    json((json, bytes) -> DiscordRules.violations(json)), List.of("https://discord.com/api/webhooks/1/SECRET"),
                    http("{\"message\": \"Unknown Webhook\", \"code\": 10015}", "404 Unknown Webhook",
                            Expect.delivered(204, ""),
                            Expect.retry(answer(429, Map.of("Retry-After", "1"), "{\"retry_after\":2.5,\"global\":false}"),
                                    Duration.ofMillis(2500)))),
            new PlatformCase("discord-forum", "discord", "{type: discord, webhook_url: \"https://discord.com/api/webhooks/2/SECRET\","
                    + " thread_name: \"{{chatbot_name}} {{conversation_id}}\"}",
                    json((json, bytes) -> DiscordRules.violations(json)), List.of("https://discord.com/api/webhooks/2/SECRET"),
                    http("", "404", Expect.delivered(200, "{\"id\":\"1\",\"channel_id\":\"2\"}"))));

    private DiscordKit() {}
}

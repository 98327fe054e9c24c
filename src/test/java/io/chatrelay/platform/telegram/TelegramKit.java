package io.chatrelay.platform.telegram;

import static io.chatrelay.platform.PlatformCase.answer;
import static io.chatrelay.platform.PlatformCase.http;
import static io.chatrelay.platform.PlatformCase.json;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Telegram samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class TelegramKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("telegram", "telegram",
                    "{type: telegram, bot_token: \"123:SECRET\", chat_id: \"-100123\", message_thread_id: \"7\","
                            + " webhook_secret: \"WEBHOOK_SECRET_tg\"}",
                    json((json, bytes) -> TelegramRules.violations(json)), List.of("123:SECRET", "WEBHOOK_SECRET_tg"),
                    http("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}", "404 Not Found",
                            Expect.delivered(200, "{\"ok\":true}"),
                            Expect.dead(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was kicked\"}",
                                    "403 Forbidden: bot was kicked"),
                            Expect.retry(answer(429, Map.of(), "{\"ok\":false,\"parameters\":{\"retry_after\":12}}"),
                                    Duration.ofSeconds(12)))));

    private TelegramKit() {}
}

package io.chatrelay.platform.mattermost;

import static io.chatrelay.platform.PlatformCase.http;
import static io.chatrelay.platform.PlatformCase.json;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.util.List;

/** Mattermost samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class MattermostKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("mattermost", "mattermost", "{type: mattermost, webhook_url: \"https://chat.example.com/hooks/xk3SECRETmm7\","
                    + " channel: town-square, username: Chat Data}",
                    json((json, bytes) -> MattermostRules.violations(json)), List.of("xk3SECRETmm7"),
                    http("{\"id\":\"web.incoming_webhook.invalid.app_error\",\"message\":\"Invalid webhook\",\"status_code\":400}",
                            "404 Invalid webhook", Expect.delivered(200, "ok"))));

    private MattermostKit() {}
}

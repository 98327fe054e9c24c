package io.chatrelay.platform.webhook;

import static io.chatrelay.platform.PlatformCase.http;
import static io.chatrelay.platform.PlatformCase.json;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.util.List;

/** Generic webhook samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class WebhookKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("webhook", "webhook", "{type: webhook, url: \"https://crm.example.com/hooks/chat-data\","
                    + " headers: {Authorization: \"Bearer SECRET-crm\"}, signing_secret: \"whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM=\"}",
                    json((json, bytes) -> List.of()), List.of("SECRET-crm", "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM="),
                    http("", "404", Expect.delivered(200, ""))));

    private WebhookKit() {}
}

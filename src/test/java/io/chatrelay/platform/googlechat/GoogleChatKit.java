package io.chatrelay.platform.googlechat;

import static io.chatrelay.platform.PlatformCase.http;
import static io.chatrelay.platform.PlatformCase.json;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.util.List;

/** Google Chat samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class GoogleChatKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("google-chat", "google_chat", "{type: google_chat, webhook_url: \"https://chat.googleapis.com/v1/spaces/"
                    + "AAAAx1/messages?key=AIzaGCkeySECRET&token=gcTOKENsecret%3D\"}",
                    json(GoogleChatRules::violations), List.of("AIzaGCkeySECRET", "gcTOKENsecret%3D"),
                    http("{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\"}}",
                            "404 NOT_FOUND: Requested entity was not found.",
                            Expect.delivered(200, "{\"name\":\"spaces/AAAAx1/messages/1\"}"),
                            Expect.dead(400, "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\",\"status\":"
                                    + "\"INVALID_ARGUMENT\"}}", "400 INVALID_ARGUMENT: Invalid JSON payload"))));

    private GoogleChatKit() {}
}

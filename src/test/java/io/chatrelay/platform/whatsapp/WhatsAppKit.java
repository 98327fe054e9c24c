package io.chatrelay.platform.whatsapp;

import static io.chatrelay.platform.PlatformCase.answer;
import static io.chatrelay.platform.PlatformCase.http;
import static io.chatrelay.platform.PlatformCase.json;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** WhatsApp samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class WhatsAppKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("whatsapp", "whatsapp", "{type: whatsapp, phone_number_id: \"106540352242922\", access_token: EAAwaSECRET,"
                    + " to: [\"+15551234567\", \"+447700900123\"]}",
                    json((json, bytes) -> WhatsAppRules.violations(json)), List.of("EAAwaSECRET"), answers()),
            new PlatformCase("whatsapp-template", "whatsapp", "{type: whatsapp, phone_number_id: \"106540352242922\","
                    + " access_token: EAAwaSECRET2, to: [\"+15551234567\"], whatsapp_template: {name: new_escalation,"
                    + " language: en_US, parameters: [\"{{chatbot_name}}\", \"{{lead.name}}\", \"{{#messages}}{{content}}\\n{{/messages}}\"]}}",
                    json((json, bytes) -> WhatsAppRules.violations(json)), List.of("EAAwaSECRET2"), answers()));

    /** The Cloud API's answers: its error codes decide, not only the status. */
    private static List<Expect> answers() {
        return http("{\"error\":{\"message\":\"Unsupported post request\",\"type\":\"GraphMethodException\",\"code\":100}}",
                "404 error 100: Unsupported post request",
                Expect.delivered(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"15551234567\","
                        + "\"wa_id\":\"15551234567\"}],\"messages\":[{\"id\":\"wamid.HBgL\"}]}"),
                Expect.dead(400, error(131047, "Re-engagement message"), "configure whatsapp_template"),
                Expect.dead(401, error(190, "Error validating access token"), "error 190"),
                Expect.dead(400, error(131026, "Message undeliverable"), "error 131026"),
                Expect.dead(404, error(132001, "Template name does not exist in the translation"), "error 132001"),
                Expect.dead(400, error(132018, "There was an issue with the parameters in your template"), "error 132018"),
                Expect.retry(answer(400, Map.of(), error(131056, "(Business Account, Consumer Account) pair rate limit hit")), null),
                Expect.retry(answer(429, Map.of(), error(130429, "Rate limit hit")), null),
                Expect.retry(answer(400, Map.of(), error(80007, "Rate limit issues")), null),
                Expect.retry(answer(400, Map.of("Retry-After", "30"), error(4, "Application request limit reached")),
                        Duration.ofSeconds(30)));
    }

    private static String error(int code, String message) {
        return "{\"error\":{\"message\":\"(#" + code + ") " + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message + "\"},"
                + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";
    }

    private WhatsAppKit() {}
}

package io.chatrelay.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.testkit.DiscordRules;
import io.chatrelay.testkit.EmailRules;
import io.chatrelay.testkit.GoogleChatRules;
import io.chatrelay.testkit.MattermostRules;
import io.chatrelay.testkit.SlackRules;
import io.chatrelay.testkit.TeamsRules;
import io.chatrelay.testkit.TelegramRules;
import io.chatrelay.testkit.WhatsAppRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The test kit every platform runs (like Alertmanager's {@code notify/test}): for each registered
 * platform, one or more sample destinations, the rules its platform enforces (a stand-in's
 * checker), the secrets of the sample that must never show, and answers with what they must mean.
 * Golden, property, answer and secret tests run over all of them; a platform in
 * {@link Platforms#ALL} without an entry here fails {@code PlatformContractTest}.
 */
final class PlatformKit {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What an answer must mean: an outcome kind, the wait it asks for, words the reason must hold. */
    record Expect(Answer answer, Class<? extends Outcome> kind, Optional<Duration> notBefore, String reasonHas) {

        static Expect delivered(int status, String body) {
            return new Expect(new Answer(status, Map.of(), body), Outcome.Delivered.class, Optional.empty(), "");
        }

        static Expect retry(Answer answer, Duration wait) {
            return new Expect(answer, Outcome.Retry.class, Optional.ofNullable(wait), "");
        }

        static Expect dead(int status, String body, String reasonHas) {
            return new Expect(new Answer(status, Map.of(), body), Outcome.Dead.class, Optional.empty(), reasonHas);
        }
    }

    /** One sample destination of a platform, named after its golden directory. */
    record Case(String name, String type, String yaml, Function<OutboundRequest, List<String>> rules,
                List<String> secrets, List<Expect> answers) {

        /** The destination's name in the loaded config: its first part when it delivers to several separately. */
        String destination() {
            return CONFIG.destinations().containsKey(name) ? name : CONFIG.destinations().keySet().stream()
                    .filter(key -> key.startsWith(name + "/")).findFirst().orElseThrow();
        }

        Formatter formatter() {
            return FORMATTERS.forDestination(destination());
        }

        Platform<?> platform() {
            return FORMATTERS.platform(destination());
        }

        List<String> violations(OutboundRequest request) {
            return rules.apply(request);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A checker of JSON bodies: the parsed body and its size in bytes. */
    private static Function<OutboundRequest, List<String>> json(BiFunction<JsonNode, Integer, List<String>> rules) {
        return request -> {
            try {
                return rules.apply(JSON.readTree(request.body()), request.body().length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static Answer answer(int status, Map<String, String> headers, String body) {
        return new Answer(status, headers, body);
    }

    /** Answers every HTTP platform must read alike: 2xx, a 429 with Retry-After, a 5xx, a 404. */
    private static List<Expect> http(String deadBody, String deadReason, Expect... more) {
        List<Expect> answers = new ArrayList<>(List.of(
                Expect.retry(answer(429, Map.of("Retry-After", "7"), ""), Duration.ofSeconds(7)),
                Expect.retry(answer(503, Map.of(), "busy"), null),
                Expect.dead(404, deadBody, deadReason)));
        answers.addAll(List.of(more));
        return answers;
    }

    static final List<Case> ALL = List.of(
            new Case("slack", "slack", "{type: slack, webhook_url: \"https://hooks.slack.com/services/T0/B0/SECRET\"}",
                    json((json, bytes) -> SlackRules.violations(json)), List.of("https://hooks.slack.com/services/T0/B0/SECRET"),
                    http("no_service", "404 no_service", Expect.delivered(200, "ok"))),
            new Case("slack-api", "slack", "{type: slack, token: xoxb-SECRET, channel: C0SUPPORT}",
                    json((json, bytes) -> SlackRules.violations(json)), List.of("xoxb-SECRET"),
                    http("", "404", Expect.delivered(200, "{\"ok\":true,\"ts\":\"1.2\"}"),
                            Expect.dead(200, "{\"ok\":false,\"error\":\"channel_not_found\"}", "ok=false channel_not_found"),
                            Expect.retry(answer(200, Map.of("Retry-After", "3"), "{\"ok\":false,\"error\":\"ratelimited\"}"),
                                    Duration.ofSeconds(3)))),
            new Case("discord", "discord",
                    "{type: discord, webhook_url: \"https://discord.com/api/webhooks/1/SECRET\", username: Chat Data}",
                    json((json, bytes) -> DiscordRules.violations(json)), List.of("https://discord.com/api/webhooks/1/SECRET"),
                    http("{\"message\": \"Unknown Webhook\", \"code\": 10015}", "404 Unknown Webhook",
                            Expect.delivered(204, ""),
                            Expect.retry(answer(429, Map.of("Retry-After", "1"), "{\"retry_after\":2.5,\"global\":false}"),
                                    Duration.ofMillis(2500)))),
            new Case("discord-forum", "discord", "{type: discord, webhook_url: \"https://discord.com/api/webhooks/2/SECRET\","
                    + " thread_name: \"{{chatbot_name}} {{conversation_id}}\"}",
                    json((json, bytes) -> DiscordRules.violations(json)), List.of("https://discord.com/api/webhooks/2/SECRET"),
                    http("", "404", Expect.delivered(200, "{\"id\":\"1\",\"channel_id\":\"2\"}"))),
            new Case("teams", "teams", "{type: teams, webhook_url: \"https://prod.westus.logic.azure.com/workflows/x/triggers?sig=SECRET\"}",
                    json(TeamsRules::violations), List.of("sig=SECRET"), http("", "404", Expect.delivered(202, ""))),
            new Case("telegram", "telegram", "{type: telegram, bot_token: \"123:SECRET\", chat_id: \"-100123\", message_thread_id: \"7\"}",
                    json((json, bytes) -> TelegramRules.violations(json)), List.of("123:SECRET"),
                    http("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}", "404 Not Found",
                            Expect.delivered(200, "{\"ok\":true}"),
                            Expect.dead(403, "{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was kicked\"}",
                                    "403 Forbidden: bot was kicked"),
                            Expect.retry(answer(429, Map.of(), "{\"ok\":false,\"parameters\":{\"retry_after\":12}}"),
                                    Duration.ofSeconds(12)))),
            new Case("webhook", "webhook", "{type: webhook, url: \"https://crm.example.com/hooks/chat-data\","
                    + " headers: {Authorization: \"Bearer SECRET-crm\"}, signing_secret: \"whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM=\"}",
                    json((json, bytes) -> List.of()), List.of("SECRET-crm", "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM="),
                    http("", "404", Expect.delivered(200, ""))),
            new Case("mattermost", "mattermost", "{type: mattermost, webhook_url: \"https://chat.example.com/hooks/xk3SECRETmm7\","
                    + " channel: town-square, username: Chat Data}",
                    json((json, bytes) -> MattermostRules.violations(json)), List.of("xk3SECRETmm7"),
                    http("{\"id\":\"web.incoming_webhook.invalid.app_error\",\"message\":\"Invalid webhook\",\"status_code\":400}",
                            "404 Invalid webhook", Expect.delivered(200, "ok"))),
            new Case("google-chat", "google_chat", "{type: google_chat, webhook_url: \"https://chat.googleapis.com/v1/spaces/"
                    + "AAAAx1/messages?key=AIzaGCkeySECRET&token=gcTOKENsecret%3D\"}",
                    json(GoogleChatRules::violations), List.of("AIzaGCkeySECRET", "gcTOKENsecret%3D"),
                    http("{\"error\":{\"code\":404,\"message\":\"Requested entity was not found.\",\"status\":\"NOT_FOUND\"}}",
                            "404 NOT_FOUND: Requested entity was not found.",
                            Expect.delivered(200, "{\"name\":\"spaces/AAAAx1/messages/1\"}"),
                            Expect.dead(400, "{\"error\":{\"code\":400,\"message\":\"Invalid JSON payload\",\"status\":"
                                    + "\"INVALID_ARGUMENT\"}}", "400 INVALID_ARGUMENT: Invalid JSON payload"))),
            new Case("whatsapp", "whatsapp", "{type: whatsapp, phone_number_id: \"106540352242922\", access_token: EAAwaSECRET,"
                    + " to: [\"+15551234567\", \"+447700900123\"]}",
                    json((json, bytes) -> WhatsAppRules.violations(json)), List.of("EAAwaSECRET"), whatsApp()),
            new Case("whatsapp-template", "whatsapp", "{type: whatsapp, phone_number_id: \"106540352242922\","
                    + " access_token: EAAwaSECRET2, to: [\"+15551234567\"], whatsapp_template: {name: new_escalation,"
                    + " language: en_US, parameters: [\"{{chatbot_name}}\", \"{{lead.name}}\", \"{{#messages}}{{content}}\\n{{/messages}}\"]}}",
                    json((json, bytes) -> WhatsAppRules.violations(json)), List.of("EAAwaSECRET2"), whatsApp()),
            new Case("email", "email", "{type: email, smtp: {host: smtp.example.com, username: relay@example.com,"
                    + " password: smtpPASSWORDsecret}, from: \"Chat Data Relay <relay@example.com>\","
                    + " to: [support@example.com, \"Sales Team <sales@example.com>\"]}",
                    EmailRules::violations, List.of("smtpPASSWORDsecret"), List.of(
                            Expect.delivered(250, "250 2.0.0 Ok: queued as 4BdVx"),
                            Expect.retry(answer(451, Map.of(), "451 4.7.1 Greylisted, try again later"), null),
                            Expect.retry(answer(421, Map.of(), "421 4.3.2 Service not available"), null),
                            Expect.dead(550, "550 5.1.1 <nobody@example.com>: Recipient address rejected",
                                    "SMTP 550 5.1.1 <nobody@example.com>: Recipient address rejected"),
                            Expect.dead(535, "authentication failed: 535 5.7.8 Bad credentials", "535 5.7.8 Bad credentials"))));

    /** The Cloud API's answers: its error codes decide, not only the status. */
    private static List<Expect> whatsApp() {
        return http("{\"error\":{\"message\":\"Unsupported post request\",\"type\":\"GraphMethodException\",\"code\":100}}",
                "404 error 100: Unsupported post request",
                Expect.delivered(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"15551234567\","
                        + "\"wa_id\":\"15551234567\"}],\"messages\":[{\"id\":\"wamid.HBgL\"}]}"),
                Expect.dead(400, whatsAppError(131047, "Re-engagement message"), "configure whatsapp_template"),
                Expect.dead(401, whatsAppError(190, "Error validating access token"), "error 190"),
                Expect.dead(400, whatsAppError(131026, "Message undeliverable"), "error 131026"),
                Expect.dead(404, whatsAppError(132001, "Template name does not exist in the translation"), "error 132001"),
                Expect.dead(400, whatsAppError(132018, "There was an issue with the parameters in your template"),
                        "error 132018"),
                Expect.retry(answer(400, Map.of(), whatsAppError(131056, "(Business Account, Consumer Account) pair rate limit hit")), null),
                Expect.retry(answer(429, Map.of(), whatsAppError(130429, "Rate limit hit")), null),
                Expect.retry(answer(400, Map.of(), whatsAppError(80007, "Rate limit issues")), null),
                Expect.retry(answer(400, Map.of("Retry-After", "30"), whatsAppError(4, "Application request limit reached")),
                        Duration.ofSeconds(30)));
    }

    private static String whatsAppError(int code, String message) {
        return "{\"error\":{\"message\":\"(#" + code + ") " + message + "\",\"type\":\"OAuthException\",\"code\":" + code
                + ",\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"" + message + "\"},"
                + "\"fbtrace_id\":\"Az8or2yhqkZfEZ-_4Qn_Bam\"}}";
    }

    static final RelayConfig CONFIG;
    private static final Formatters FORMATTERS;

    static {
        StringBuilder yaml = new StringBuilder("chat_data: {signing_secrets: [s]}\ndestinations:\n");
        ALL.forEach(c -> yaml.append("  ").append(c.name()).append(": ").append(c.yaml()).append('\n'));
        yaml.append("routes: []\n");
        try {
            CONFIG = Platforms.loader(Map.of()).parse(yaml.toString());
        } catch (InvalidConfigException e) {
            throw new IllegalStateException(e);
        }
        FORMATTERS = Formatters.of(CONFIG);
    }

    private PlatformKit() {}
}

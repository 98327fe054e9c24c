package io.chatrelay.platform.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatrelay.cli.Cli;
import io.chatrelay.config.ConfigProblem;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.Platforms;
import io.chatrelay.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhatsAppConfigTest {

    private static final String CONFIG = """
            chat_data: {signing_secrets: [s]}
            destinations:
              on-call:
                type: whatsapp
                phone_number_id: "106540352242922"
                access_token: EAAtoken
                to: ["+15551234567", "+447700900123"]
            routes:
              - {name: escalations, match: {event: live-chat-escalation}, to: [on-call]}
            """;

    @TempDir
    Path dir;

    @Test
    void eachRecipientIsADestinationOfItsOwnThatTheRouteReaches() throws Exception {
        RelayConfig config = Platforms.loader(Map.of()).parse(CONFIG);

        assertThat(config.destinations()).containsOnlyKeys("on-call/+15551234567", "on-call/+447700900123");
        assertThat(config.routes().get(0).to()).containsExactly("on-call/+15551234567", "on-call/+447700900123");
        assertThat(config.destinations().get("on-call/+447700900123").options().rateLimit())
                .as("under the pair rate limit of one message per 6 s per recipient").get()
                .satisfies(limit -> assertThat(limit.per().dividedBy(limit.requests())).isGreaterThanOrEqualTo(
                        java.time.Duration.ofSeconds(6)));
    }

    @Test
    void namesEveryBadValueWithItsFix() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, () -> Platforms.loader(Map.of())
                .parse(CONFIG.replace("\"106540352242922\"", "\"+1 555 123\"").replace("\"+447700900123\"", "\"07700 900123\"")
                        .replace("    to: [\"+1555", "    whatsapp_template: {language: english}\n    to: [\"+1555")));

        assertThat(e.problems()).extracting(ConfigProblem::toString).anySatisfy(p -> assertThat(p)
                .contains("destinations.on-call.phone_number_id", "digits")).anySatisfy(p -> assertThat(p)
                .contains("destinations.on-call.to", "'07700 900123' is not an E.164 number")).anySatisfy(p -> assertThat(p)
                .contains("destinations.on-call.whatsapp_template.name", "is required")).anySatisfy(p -> assertThat(p)
                .contains("whatsapp_template.language", "en_US"));
    }

    @Test
    void previewShowsTheMessageOfEveryRecipient() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), CONFIG);
        Path event = Files.writeString(dir.resolve("event.json"), Fixtures.text("live-chat-escalation"));

        Cli.Run run = Cli.run("preview", "--config", config.toString(), "--event", event.toString(), "--destination", "on-call");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("=== on-call/+15551234567 (whatsapp) via route escalations",
                "=== on-call/+447700900123 (whatsapp) via route escalations", "\"to\" : \"447700900123\"",
                "Authorization: Bearer ***").doesNotContain("EAAtoken");
    }
}

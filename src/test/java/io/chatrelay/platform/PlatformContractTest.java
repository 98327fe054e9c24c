package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.Redactor;
import io.chatrelay.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What every registered platform must do, checked from the registry: be in the kit, read its sample
 * config into its own record, classify its answers as its documentation says, and never show a
 * secret in what a user can see of a request (preview, logs through the redactor, toString).
 */
class PlatformContractTest {

    static final List<PlatformCase> CASES = PlatformKit.ALL;
    private static final Instant NOW = FormatterFixtures.AT;

    @Test
    void everyRegisteredPlatformIsInTheKitAndNoOtherIs() {
        Set<String> registered = Platforms.ALL.stream().map(Platform::type).collect(Collectors.toSet());
        Set<String> kit = PlatformKit.ALL.stream().map(PlatformCase::type).collect(Collectors.toSet());

        assertThat(kit).isEqualTo(registered);
        assertThat(Platforms.ALL.stream().map(Platform::type).distinct().count()).isEqualTo(Platforms.ALL.size());
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void readsItsSampleIntoItsOwnRecord(PlatformCase kit) {
        DestinationConfig destination = PlatformKit.CONFIG.destinations().get(kit.destination());

        assertThat(destination.type()).isEqualTo(kit.type());
        assertThat(destination).isInstanceOf(kit.platform().configType());
        assertThat(Platforms.of(destination)).isSameAs(kit.platform());
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void classifiesItsAnswersAsDocumented(PlatformCase kit) {
        OutboundRequest request = kit.formatter().format(FormatterFixtures.envelope(Fixtures.bytes("chat")));
        for (PlatformCase.Expect expect : kit.answers()) {
            Outcome outcome = kit.platform().classify(request, expect.answer(), NOW);

            assertThat(outcome).as(expect.answer().toString()).isInstanceOf(expect.kind());
            if (outcome instanceof Outcome.Retry retry) {
                assertThat(retry.notBefore()).as(expect.answer().toString()).isEqualTo(expect.notBefore());
            }
            if (outcome instanceof Outcome.Dead dead) {
                assertThat(dead.reason()).as(expect.answer().toString()).contains(expect.reasonHas());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("CASES")
    void showsNoSecretInPreviewToStringOrRedactedText(PlatformCase kit) {
        Redactor redactor = Redactor.of(PlatformKit.CONFIG);
        for (String fixture : Fixtures.ALL) {
            OutboundRequest request = kit.formatter().format(FormatterFixtures.envelope(Fixtures.bytes(fixture)));
            StringBuilder shown = new StringBuilder(request.displayUrl()).append('\n');
            request.headers().forEach((name, value) -> shown.append(name).append(": ")
                    .append(Masking.header(name, value)).append('\n'));
            shown.append(request).append('\n');
            shown.append(PlatformKit.CONFIG.destinations().get(kit.destination())).append('\n');
            String echoed = redactor.redact("server said: " + request.url() + " " + request.headers() + " "
                    + new String(request.body(), StandardCharsets.UTF_8));
            for (String secret : kit.secrets()) {
                assertThat(shown.toString()).as("preview and toString of " + kit).doesNotContain(secret);
                assertThat(echoed).as("redacted echo of " + kit).doesNotContain(secret);
            }
        }
    }
}

package io.chatrelay.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    /** The example of Slack's "Verifying requests from Slack" page. */
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121"
            + ".803a0bc887a14d10d2c447fce8b6703c";

    @Test
    void signsAsSlacksDocumentedExampleIsSigned() {
        assertThat(SlackSignature.sign(new Secret("8f742231b10e8888abcd99yyyzzz85a5"), 1531420618,
                BODY.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void whatItSignsTheRelayAcceptsAndOnlyForThatSecret() {
        byte[] body = "payload=%7B%7D".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.ofEpochSecond(1_700_000_000L);
        String signature = SlackSignature.sign(new Secret("app-secret"), now.getEpochSecond(), body);

        assertThat(SlackSignature.verify(Map.of("support-slack", new Secret("app-secret"), "other", new Secret("x")),
                Long.toString(now.getEpochSecond()), signature, body, now))
                .isEqualTo(new SlackSignature.Verdict.Signed(java.util.Set.of("support-slack")));
    }
}

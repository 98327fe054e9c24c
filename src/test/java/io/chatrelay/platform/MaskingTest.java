package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void hidesTheCredentialPartOfWebhookUrls() {
        assertThat(Masking.url(URI.create("https://hooks.slack.com/services/T0/B0/SECRET")))
                .isEqualTo("https://hooks.slack.com/***");
        assertThat(Masking.url(URI.create("https://discord.com/api/webhooks/123/TOKEN")))
                .isEqualTo("https://discord.com/***");
        assertThat(Masking.url(URI.create("https://prod.logic.azure.com:443/workflows/x?sig=SIG")))
                .isEqualTo("https://prod.logic.azure.com:443/***");
        assertThat(Masking.url(URI.create("http://127.0.0.1:8080"))).isEqualTo("http://127.0.0.1:8080");
    }

    @Test
    void hidesHeaderValuesButKeepsTheAuthScheme() {
        assertThat(Masking.header("Authorization", "Bearer abc.def")).isEqualTo("Bearer ***");
        assertThat(Masking.header("X-Api-Key", "abcdef")).isEqualTo("***");
        assertThat(Masking.header("Content-Type", "application/json")).isEqualTo("application/json");
    }
}

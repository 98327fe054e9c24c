package io.chatrelay.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.FormatterFixtures;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.testkit.Fixtures;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookFormatterTest {

    @Test
    void forwardsTheOriginalBodyWithTopicIdAndConfiguredHeaders() {
        WebhookFormatter formatter = new WebhookFormatter(new WebhookConfig("crm",
                new Secret("https://crm.example.com/hooks/chat-data?key=K"), "PUT",
                Map.of("Authorization", new Secret("Bearer crm-token")), Optional.empty(),
                new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty())));
        byte[] body = Fixtures.bytes("lead-submission");

        OutboundRequest request = formatter.format(FormatterFixtures.envelope(body));

        assertThat(request.body()).isEqualTo(body);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.headers()).containsEntry("Content-Type", "application/json")
                .containsEntry("x-chat-data-topic", "lead-submission")
                .containsEntry("X-Relay-Event-Id", "evt-1")
                .containsEntry("Authorization", "Bearer crm-token");
        assertThat(request.displayUrl()).isEqualTo("https://crm.example.com/***");
    }
}

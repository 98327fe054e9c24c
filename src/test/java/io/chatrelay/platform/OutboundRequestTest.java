package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutboundRequestTest {

    private static final URI TELEGRAM = URI.create("https://api.telegram.org/bot123:TOKEN-SECRET/sendMessage");

    @Test
    void isAValueWhoseBodyCannotBeChangedFromOutside() {
        byte[] body = "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_8);
        OutboundRequest request = new OutboundRequest("POST", TELEGRAM, "https://api.telegram.org/bot***/sendMessage",
                Map.of(), body);
        OutboundRequest same = new OutboundRequest("POST", TELEGRAM, "https://api.telegram.org/bot***/sendMessage",
                Map.of(), body.clone());

        body[2] = 'X';
        request.body()[3] = 'Y';

        assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"hi\"}");
        assertThat(request).isEqualTo(same).hasSameHashCodeAs(same);
    }

    @Test
    void toStringShowsTheMaskedUrlAndHeadersOnly() {
        OutboundRequest request = new OutboundRequest("POST", TELEGRAM, "https://api.telegram.org/bot***/sendMessage",
                Map.of("Authorization", "Bearer HEADER-SECRET"), new byte[12]);

        assertThat(request.toString()).doesNotContain("TOKEN-SECRET", "HEADER-SECRET")
                .contains("POST https://api.telegram.org/bot***/sendMessage", "Authorization: Bearer ***", "12 bytes");
    }
}

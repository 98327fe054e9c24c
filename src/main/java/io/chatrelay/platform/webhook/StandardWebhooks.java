package io.chatrelay.platform.webhook;

import io.chatrelay.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code {webhook-id}.{webhook-timestamp}.{body}}, keyed with the base64 part of a {@code whsec_} secret.
 */
final class StandardWebhooks {

    private final SecretKeySpec key;

    StandardWebhooks(Secret secret) {
        byte[] bytes = Base64.getDecoder().decode(secret.reveal().substring("whsec_".length()));
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    Map<String, String> headers(String messageId, Instant now, byte[] body) {
        String timestamp = Long.toString(now.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", timestamp);
        headers.put("webhook-signature", "v1," + sign(messageId + "." + timestamp + ".", body));
        return headers;
    }

    private String sign(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}

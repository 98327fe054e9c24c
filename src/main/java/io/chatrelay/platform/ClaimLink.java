package io.chatrelay.platform;

import io.chatrelay.config.ServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a claim link ({@code /claim/{token}}): which escalation, through which destination,
 * until when, signed with the key every replica reads from the store. It carries no secret; it
 * cannot be forged or stretched past its expiry. {@code key} never leaves this record's methods.
 */
public final class ClaimLink {

    /** How long a link in a message can be used. */
    public static final Duration LIFETIME = Duration.ofHours(24);
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    /** What a valid token names. */
    public record Claimable(String eventId, String destination, Instant expires) {}

    private final byte[] key;

    public ClaimLink(byte[] key) {
        this.key = key.clone();
    }

    /** The token for {@code eventId} through {@code destination}, valid until {@code expires}. */
    public String token(String eventId, String destination, Instant expires) {
        String payload = eventId + "\n" + destination + "\n" + expires.getEpochSecond();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(mac(bytes));
    }

    /**
     * {@code {server.public_url}/claim/{token}} valid for {@link #LIFETIME} from {@code now}; empty
     * without a public URL.
     */
    public Optional<URI> url(ServerConfig server, String eventId, String destination, Instant now) {
        return server.publicUrlOf("/claim/" + token(eventId, destination, now.plus(LIFETIME)));
    }

    /** What the token names, if it is this relay's, intact and not expired at {@code now}. */
    public Optional<Claimable> verify(String token, Instant now) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 2_000) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODE.decode(token.substring(0, dot));
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(mac(payload), signature)) {
                return Optional.empty();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 3) {
                return Optional.empty();
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            return now.isAfter(expires) ? Optional.empty() : Optional.of(new Claimable(parts[0], parts[1], expires));
        } catch (IllegalArgumentException e) { // not base64, not a number
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "ClaimLink[key hidden]";
    }
}

package io.chatrelay.ingest;

import io.chatrelay.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code x-chat-data-hmac-sha256}: base64 of HMAC-SHA256 over the exact body bytes. Any
 * configured secret may match (rotation); comparison is constant-time.
 */
public final class SignatureVerifier {

    public static final String HEADER = "x-chat-data-hmac-sha256";
    /** A SHA-256 digest is 44 base64 characters; anything much longer is not a signature. */
    static final int MAX_HEADER_LENGTH = 128;
    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    public SignatureVerifier(List<Secret> secrets) {
        this.keys = secrets.stream()
                .map(s -> new SecretKeySpec(s.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
    }

    public boolean verify(byte[] body, String header) {
        byte[] provided = decode(header);
        if (provided == null) {
            return false;
        }
        boolean matched = false;
        for (SecretKeySpec key : keys) {
            matched |= MessageDigest.isEqual(hmac(key, body), provided); // no early exit: same time for every key
        }
        return matched;
    }

    /** The header value Chat Data would send for this body. */
    public static String sign(Secret secret, byte[] body) {
        return Base64.getEncoder().encodeToString(
                hmac(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM), body));
    }

    static byte[] decode(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_HEADER_LENGTH) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}

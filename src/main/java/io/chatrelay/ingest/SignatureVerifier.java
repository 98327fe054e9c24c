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

    /** One initialised Mac per secret and thread: looking a Mac up costs more than computing one. */
    private final List<ThreadLocal<Mac>> macs;

    public SignatureVerifier(List<Secret> secrets) {
        this.macs = secrets.stream()
                .map(s -> new SecretKeySpec(s.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .map(key -> ThreadLocal.withInitial(() -> mac(key)))
                .toList();
    }

    /** How many secrets a signature is checked against. */
    public int secrets() {
        return macs.size();
    }

    public boolean verify(byte[] body, String header) {
        byte[] provided = decode(header);
        if (provided == null) {
            return false;
        }
        boolean matched = false;
        for (ThreadLocal<Mac> mac : macs) {
            matched |= MessageDigest.isEqual(mac.get().doFinal(body), provided); // no early exit: same time for every key
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
        return mac(key).doFinal(body);
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}

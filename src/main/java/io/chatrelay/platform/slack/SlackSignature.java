package io.chatrelay.platform.slack;

import io.chatrelay.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing: {@code X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:" +
 * X-Slack-Request-Timestamp + ":" + raw body)>}, with a timestamp within five minutes of now (a
 * replay of an old request is refused). Checked against every configured signing secret, each in
 * constant time and all of them every time. {@link #sign} signs as Slack does, for {@code demo}'s
 * stand-in of Slack.
 */
public final class SlackSignature {

    public static final String SIGNATURE = "X-Slack-Signature";
    public static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v0=";
    private static final int HEX_LENGTH = 64;

    /** Why a request was refused, in the relay's own words; or the destinations whose secret signed it. */
    sealed interface Verdict {
        record Refused(String reason, String why) implements Verdict {}

        record Signed(Set<String> destinations) implements Verdict {}
    }

    private SlackSignature() {}

    /**
     * {@code secrets}: each Slack destination's signing secret by its name. {@code timestamp} and
     * {@code signature} are the headers as sent (null when missing).
     */
    static Verdict verify(Map<String, Secret> secrets, String timestamp, String signature, byte[] body, Instant now) {
        byte[] provided = decode(signature);
        if (provided == null) {
            return new Verdict.Refused("slack_signature", (signature == null ? "no " : "a malformed ") + SIGNATURE
                    + " header (no secret tried; " + secrets.size() + " configured)");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            return new Verdict.Refused("slack_timestamp", (timestamp == null ? "no " : "a malformed ") + TIMESTAMP
                    + " header");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return new Verdict.Refused("slack_timestamp", "a Slack request timestamped more than "
                    + TOLERANCE.toMinutes() + " minutes from now (a replay, or a clock that is off)");
        }
        Set<String> matched = new LinkedHashSet<>();
        byte[] base = concat(("v0:" + seconds + ":").getBytes(StandardCharsets.US_ASCII), body);
        secrets.forEach((name, secret) -> {
            if (MessageDigest.isEqual(hmac(secret, base), provided)) { // every secret tried: same time for each
                matched.add(name);
            }
        });
        if (matched.isEmpty()) {
            return new Verdict.Refused("slack_signature", "the Slack signature matches no signing secret ("
                    + secrets.size() + " tried; a wrong or rotated secret?)");
        }
        return new Verdict.Signed(Set.copyOf(matched));
    }

    /** The {@value #SIGNATURE} header Slack sends with {@code body} at {@code timestamp} (epoch seconds). */
    public static String sign(Secret signingSecret, long timestamp, byte[] body) {
        byte[] base = concat(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII), body);
        return VERSION + HexFormat.of().formatHex(hmac(signingSecret, base));
    }

    private static byte[] decode(String header) {
        if (header == null || !header.startsWith(VERSION) || header.length() != VERSION.length() + HEX_LENGTH) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(header.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] concat(byte[] head, byte[] body) {
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static byte[] hmac(Secret secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}

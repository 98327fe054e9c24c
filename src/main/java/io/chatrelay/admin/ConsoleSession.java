package io.chatrelay.admin;

import io.chatrelay.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's sign-in: an HttpOnly, SameSite=Strict cookie that says "signed in until T", signed
 * with the admin token (HMAC-SHA256). The token itself never reaches the page's scripts, a URL or
 * the browser's storage; the cookie works on every replica with the same token, and changing the
 * token signs everybody out.
 */
final class ConsoleSession {

    static final String COOKIE = "relay_console";
    static final Duration LIFETIME = Duration.ofHours(8);

    private ConsoleSession() {}

    /** The {@code Set-Cookie} value for a session that starts now; {@code Secure} when served over HTTPS. */
    static String issue(Secret token, Instant now, boolean secure) {
        long until = now.plus(LIFETIME).getEpochSecond();
        String value = until + "." + signature(token, until);
        return COOKIE + "=" + value + "; Path=/admin; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (secure ? "; Secure" : "");
    }

    static String clear(boolean secure) {
        return COOKIE + "=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** True when {@code cookie} was issued with this token and has not expired. */
    static boolean valid(String cookie, Secret token, Instant now) {
        if (cookie == null) {
            return false;
        }
        int dot = cookie.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long until;
        try {
            until = Long.parseLong(cookie.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        return until > now.getEpochSecond() && MessageDigest.isEqual(signature(token, until)
                .getBytes(StandardCharsets.US_ASCII), cookie.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String signature(Secret token, long until) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("chat-data-relay console until " + until).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

package io.chatrelay.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes every secret a config holds from a piece of text before it is logged or returned: signing
 * secrets, the admin token, Chat Data's API key, and every value a destination names as a secret; a URL's path segments
 * and query too (a server may echo back just the path).
 */
public final class Redactor {

    private static final int MIN_SEGMENT = 8;
    /**
     * Starts only where a run of address letters starts and never gives letters back: a visitor's
     * megabyte of letters is scanned once, not once from each of its letters.
     */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++)+");
    /** International numbers ({@code +49 30 1234567}) and the North American shape ({@code (415) 555-0100}). */
    private static final Pattern PHONE = Pattern.compile(
            "\\+\\d[\\d ().-]{5,}\\d|\\(?\\b\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}\\b");
    private final List<String> secrets;

    private Redactor(Set<String> secrets) {
        List<String> sorted = new ArrayList<>(secrets);
        sorted.removeIf(s -> s.length() < 4);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    public static Redactor of(RelayConfig config) {
        Set<String> secrets = new LinkedHashSet<>();
        config.signingSecrets().forEach(s -> secrets.add(s.reveal()));
        config.adminToken().ifPresent(s -> secrets.add(s.reveal()));
        config.chatDataApi().apiKey().ifPresent(s -> addHeader(secrets, s.reveal()));
        config.store().password().ifPresent(secrets::add);
        for (DestinationConfig destination : config.destinations().values()) {
            destination.secrets().forEach(secret -> add(secrets, secret.reveal()));
        }
        return new Redactor(secrets);
    }

    /** A redactor for exactly these values (the config's own problems, before a config exists). */
    static Redactor of(java.util.Collection<String> values) {
        return new Redactor(new LinkedHashSet<>(values));
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, "***");
            }
        }
        return out;
    }

    /**
     * Text from outside the relay (a destination's answer, a reason derived from it) as it may be
     * stored, listed and logged: secrets and visitors' email addresses and phone numbers masked.
     * Contact details are shown only in an event's own view, read from the event itself.
     */
    public String shown(String text) {
        if (text == null) {
            return null;
        }
        return PHONE.matcher(EMAIL.matcher(redact(text)).replaceAll("***@***")).replaceAll("***");
    }

    /** {@link #shown} on one line and cut to {@code max} characters, after masking so that no secret is half cut. */
    public String excerpt(String text, int max) {
        String shown = shown(text);
        if (shown == null) {
            return null;
        }
        String flat = shown.strip().replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max) + "…" : flat;
    }

    /** A URL also hides its query and credential-like path segments; "Bearer x" also hides x. */
    private static void add(Set<String> secrets, String value) {
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            try {
                addUrl(secrets, URI.create(value));
                return;
            } catch (IllegalArgumentException notAUri) {
                // hidden as a whole below
            }
        }
        addHeader(secrets, value);
    }

    private static void addUrl(Set<String> secrets, URI uri) {
        secrets.add(uri.toString());
        if (uri.getRawQuery() != null) {
            secrets.add(uri.getRawQuery());
        }
        for (String segment : uri.getRawPath().split("/")) {
            if (segment.length() >= MIN_SEGMENT && segment.chars().anyMatch(Character::isDigit)) {
                secrets.add(segment);
            }
        }
    }

    private static void addHeader(Set<String> secrets, String value) {
        secrets.add(value);
        int space = value.indexOf(' ');
        if (space > 0) {
            secrets.add(value.substring(space + 1)); // the token of "Bearer <token>"
        }
    }
}

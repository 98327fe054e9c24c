package io.chatrelay.platform.email;

import io.chatrelay.platform.OutboundRequest;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mail as a receiving server and client see it (RFC 5322, as parsed by Jakarta Mail): From, To,
 * Subject, Date and a Message-ID; no header line over 998 characters; multipart/alternative with a
 * text and an HTML part; in the HTML only the tags the relay writes, so no event value became markup.
 */
final class EmailRules {

    private static final Set<String> TAGS = Set.of("html", "body", "h2", "h3", "p", "a", "table", "tr", "th", "td",
            "br", "strong", "em", "code", "pre", "blockquote");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z0-9]+)([^<>]*)>");
    /** One session for every check: making one looks up Jakarta Mail's providers on the class path each time. */
    private static final Session SESSION = Session.getInstance(new Properties());

    private EmailRules() {}

    static List<String> violations(OutboundRequest request) {
        List<String> problems = new ArrayList<>();
        String raw = new String(request.body(), java.nio.charset.StandardCharsets.UTF_8);
        for (String line : raw.split("\r\n")) {
            if (line.isEmpty()) {
                break; // the end of the headers
            }
            if (line.length() > 998) {
                problems.add("header line of " + line.length() + " characters");
            }
        }
        try {
            MimeMessage mail = new MimeMessage(SESSION,
                    new ByteArrayInputStream(request.body()));
            for (String header : new String[] {"From", "To", "Subject", "Date", "Message-ID"}) {
                if (mail.getHeader(header) == null) {
                    problems.add("no " + header + " header");
                }
            }
            if (!(mail.getContent() instanceof Multipart parts) || !mail.isMimeType("multipart/alternative")
                    || parts.getCount() != 2) {
                problems.add("not multipart/alternative with two parts");
                return problems;
            }
            BodyPart text = parts.getBodyPart(0);
            BodyPart html = parts.getBodyPart(1);
            if (!text.isMimeType("text/plain") || !html.isMimeType("text/html")) {
                problems.add("parts are " + text.getContentType() + " and " + html.getContentType());
            }
            html(html.getContent().toString(), problems);
        } catch (Exception e) {
            problems.add("not a mail message: " + e);
        }
        return problems;
    }

    private static void html(String html, List<String> problems) {
        Matcher tag = TAG.matcher(html.replace("<!DOCTYPE html>", ""));
        while (tag.find()) {
            if (!TAGS.contains(tag.group(2).toLowerCase(java.util.Locale.ROOT))) {
                problems.add("HTML has a tag the relay does not write: <" + tag.group(2) + ">");
            }
        }
    }
}

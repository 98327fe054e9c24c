package io.chatrelay.deliver;

import io.chatrelay.platform.Answer;
import io.chatrelay.platform.OutboundRequest;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends a mail message over SMTP with Jakarta Mail (Eclipse Angus): {@code smtp://user:password@host:port?tls=...}
 * with STARTTLS required, implicit TLS, or none; AUTH only when a username is given. The server's
 * certificate must be trusted (by the JVM's trust store, or by {@code ca_file} when given) and name the host. The
 * server's reply becomes the answer (its code as the status, its words as the body); no answer at all
 * (refused, timed out, cut off) is an IOException. Knows nothing about platforms.
 */
final class SmtpSender implements Sender {

    @Override
    public SendResult send(OutboundRequest request, Duration timeout) throws IOException {
        URI url = request.url();
        String tls = query(url).getOrDefault("tls", "starttls");
        boolean implicit = tls.equals("implicit");
        String protocol = implicit ? "smtps" : "smtp";
        Properties properties = new Properties();
        System.getProperties().forEach((key, value) -> { // mail.* system properties, e.g. mail.smtp.ssl.trust
            if (key.toString().startsWith("mail.")) {
                properties.put(key, value);
            }
        });
        String millis = Long.toString(timeout.toMillis());
        properties.put("mail." + protocol + ".connectiontimeout", millis);
        properties.put("mail." + protocol + ".timeout", millis);
        properties.put("mail." + protocol + ".writetimeout", millis);
        properties.put("mail." + protocol + ".starttls.enable", Boolean.toString(tls.equals("starttls")));
        properties.put("mail." + protocol + ".starttls.required", Boolean.toString(tls.equals("starttls")));
        properties.putIfAbsent("mail." + protocol + ".ssl.checkserveridentity", "true"); // unless mail.* says otherwise
        Optional<String> caFile = caFile(url);
        if (caFile.isPresent() && !tls.equals("none")) {
            properties.put("mail." + protocol + ".ssl.socketFactory", trusting(caFile.get()));
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "true"); // a CA file never turns the name check off
        }
        String[] user = userInfo(url);
        properties.put("mail." + protocol + ".auth", Boolean.toString(user != null));
        Session session = Session.getInstance(properties);
        long start = System.nanoTime();
        try (Transport transport = session.getTransport(protocol)) {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(request.body()));
            transport.connect(url.getHost(), url.getPort(), user == null ? null : user[0], user == null ? null : user[1]);
            transport.sendMessage(message, message.getAllRecipients());
            SMTPTransport smtp = (SMTPTransport) transport;
            return result(smtp.getLastReturnCode(), smtp.getLastServerResponse(), start);
        } catch (SMTPSendFailedException e) {
            return result(e.getReturnCode(), e.getMessage(), start);
        } catch (SMTPAddressFailedException e) {
            return result(e.getReturnCode(), e.getMessage(), start);
        } catch (AuthenticationFailedException e) {
            return result(535, "authentication failed: " + e.getMessage(), start);
        } catch (MessagingException e) {
            if (e.getCause() instanceof IOException io) {
                throw io; // refused, timed out, cut off: no answer
            }
            if (e.getNextException() instanceof SMTPAddressFailedException failed) {
                return result(failed.getReturnCode(), failed.getMessage(), start);
            }
            return result(554, e.getMessage(), start); // the server cannot take this message as configured
        }
    }

    private static SendResult result(int code, String words, long start) {
        return new SendResult(new Answer(code, Map.of(), words == null ? "" : words.strip()),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private static String[] userInfo(URI url) {
        String raw = url.getRawUserInfo();
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        int colon = raw.indexOf(':');
        String name = colon < 0 ? raw : raw.substring(0, colon);
        String password = colon < 0 ? "" : raw.substring(colon + 1);
        return new String[] {decode(name), decode(password)};
    }

    /** {@code ca_file}, the query's last parameter, so a path may hold any character. */
    private static Optional<String> caFile(URI url) {
        String query = url.getRawQuery();
        int at = query == null ? -1 : query.indexOf("&ca_file=");
        return at < 0 ? Optional.empty() : Optional.of(decode(query.substring(at + "&ca_file=".length())));
    }

    /**
     * TLS that trusts exactly the certificates in {@code file} (a private CA or a self-signed server
     * certificate), read for every mail so a renewed file is used without a restart. A file that
     * cannot be read is an IOException: the delivery is retried and says why.
     */
    private static SSLSocketFactory trusting(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("smtp.ca_file " + file + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> values = new java.util.HashMap<>();
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&ca_file=", 2)[0].split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals), decode(pair.substring(equals + 1)));
                }
            }
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

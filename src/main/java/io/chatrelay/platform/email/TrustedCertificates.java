package io.chatrelay.platform.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;

/** Checks an {@code smtp.ca_file} when the config is read, so a wrong path fails at start, not at the first mail. */
final class TrustedCertificates {

    private TrustedCertificates() {}

    /** What is wrong with {@code file} as a set of certificates to trust, if anything. */
    static Optional<String> problem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                return Optional.of("'" + file + "' holds no certificate: give a PEM file (-----BEGIN CERTIFICATE-----) "
                        + "with the server's certificate or the CA that signed it");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read '" + file + "' (" + e.getClass().getSimpleName() + "): give the path of a "
                    + "PEM file with the server's certificate or the CA that signed it");
        } catch (CertificateException e) {
            return Optional.of("'" + file + "' is not a PEM certificate file (" + e.getMessage() + "): give the "
                    + "server's certificate or the CA that signed it, -----BEGIN CERTIFICATE----- ...");
        }
    }
}

package io.chatrelay.platform;

import java.util.function.IntSupplier;

/**
 * Where {@code demo}'s local stand-in for one destination listens: an HTTP base URL
 * ({@code http://127.0.0.1:PORT/<name>}) and, asked for only by a platform that mails, an SMTP port
 * on 127.0.0.1.
 */
public record StandIn(String http, IntSupplier smtpPort) {}

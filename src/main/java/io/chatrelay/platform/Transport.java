package io.chatrelay.platform;

/** How a platform's requests travel; {@code deliver.Senders} holds one sender for each. */
public enum Transport {
    /** An HTTP request: method, URL, headers, body. */
    HTTP,
    /**
     * A mail message: {@code url} is {@code smtp://user:password@host:port?tls=starttls|implicit|none}
     * (never shown; {@code displayUrl} is), the body the whole RFC 5322 message, recipients in its headers.
     */
    SMTP
}

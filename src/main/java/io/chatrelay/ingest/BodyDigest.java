package io.chatrelay.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests the same event for {@code chat_data.dedupe_window}: the SHA-256 of the
 * topic header and the exact body bytes. The topic is length-prefixed (-1 when absent) so that no
 * topic and body can pass for another pair.
 */
final class BodyDigest {

    private BodyDigest() {}

    /** Hex SHA-256 of {@code topic} (may be null) and {@code body}. */
    static String of(String topic, byte[] body) {
        MessageDigest sha256 = sha256();
        byte[] topicBytes = topic == null ? new byte[0] : topic.getBytes(StandardCharsets.UTF_8);
        sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(topic == null ? -1 : topicBytes.length).array());
        sha256.update(topicBytes);
        sha256.update(body);
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

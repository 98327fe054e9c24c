package io.chatrelay.testkit;

import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.Platforms;
import java.nio.file.Path;
import java.util.Map;

/** Config text for tests: a relay on a free port with a fresh SQLite store in {@code dir}. */
public final class RelayUnderTest {

    public static final String SECRET = "test-signing-secret";

    private RelayUnderTest() {}

    /** {@code body} is the rest of the YAML: delivery, admin, destinations, routes. */
    public static RelayConfig config(Path dir, String body) throws InvalidConfigException {
        return Platforms.loader(Map.of()).parse("""
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                """.formatted(dir.resolve("relay.db"), SECRET) + body);
    }

    /**
     * The event of {@code body} in other bytes (followed by {@code n} blanks): another event of the
     * same content, where the very same bytes would be a copy within {@code chat_data.dedupe_window}.
     */
    public static byte[] again(byte[] body, int n) {
        byte[] other = java.util.Arrays.copyOf(body, body.length + n);
        java.util.Arrays.fill(other, body.length, other.length, (byte) ' ');
        return other;
    }

    /** A chat event of one conversation, distinguishable by {@code marker}. */
    public static byte[] chat(String conversation, String marker) {
        return Http.utf8("{\"event\":\"chat\",\"conversation_id\":\"" + conversation + "\",\"marker\":\"" + marker + "\"}");
    }
}

package io.chatrelay.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Eventually;
import io.chatrelay.testkit.RelayProcess;
import io.chatrelay.testkit.RelayUnderTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that never send a byte, more of them than the process may open files: the relay
 * must still answer and must not flood its log. A real process with a small {@code ulimit -n}.
 */
class SilentConnectionsTest {

    private static final int OPEN_FILES = 512;
    private static final int SILENT = 1_500;

    @TempDir
    Path dir;

    @Test
    void moreSilentConnectionsThanOpenFilesCannotShutTheDoorOnHealth() throws Exception {
        int port = RelayProcess.freePort();
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                server: {port: %d}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                destinations: {crm: {type: webhook, url: "http://127.0.0.1:9/hook"}}
                routes: [{name: all, to: [crm]}]
                """.formatted(port, dir.resolve("relay.db"), RelayUnderTest.SECRET));
        Path log = dir.resolve("relay.log");
        List<SocketChannel> silent = new ArrayList<>();
        try (RelayProcess relay = RelayProcess.startWithOpenFiles(config, port, log, OPEN_FILES)) {
            for (int i = 0; i < SILENT; i++) { // connect without waiting to be accepted; send nothing
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                silent.add(channel);
            }

            OkHttpClient impatient = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(2)).build();
            Eventually.holds("/healthz answers while the silent connections stay open", Duration.ofSeconds(15),
                    () -> healthy(impatient, port));
        } finally {
            for (SocketChannel channel : silent) {
                channel.close();
            }
        }
        assertThat(Files.readString(log)).doesNotContain("Too many open files").doesNotContain("Accept Failure");
    }

    private static boolean healthy(OkHttpClient client, int port) {
        try (Response health = client.newCall(new Request.Builder()
                .url("http://127.0.0.1:" + port + "/healthz").build()).execute()) {
            return health.code() == 200;
        } catch (IOException notAnswered) {
            return false;
        }
    }
}

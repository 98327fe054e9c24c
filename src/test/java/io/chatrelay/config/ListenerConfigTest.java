package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.chatrelay.platform.Platforms;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code server.read_timeout} and {@code admin.listen}. */
class ListenerConfigTest {

    private static final String BASE = """
            chat_data: {signing_secrets: ["s"]}
            destinations: {}
            routes: []
            """;

    @Test
    void readTimeoutDefaultsToTenSecondsAndAdminStaysOnThePublicPort() throws Exception {
        ServerConfig server = Platforms.loader(Map.of()).parse(BASE).server();

        assertThat(server.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(server.adminListen()).isEmpty();
    }

    @Test
    void readsAdminListenAsHostAndPort() throws Exception {
        ServerConfig server = Platforms.loader(Map.of()).parse(BASE + """
                server: {read_timeout: 3s}
                admin: {listen: "[::1]:9090"}
                """).server();

        assertThat(server.readTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(server.adminListen()).contains(new ServerConfig.Address("::1", 9090));
    }

    @Test
    void anAdminListenThatIsNotHostAndPortIsAProblemThatSaysHow() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> Platforms.loader(Map.of()).parse(BASE + "admin: {listen: \"9090\"}\n"));

        assertThat(e.problems()).extracting(ConfigProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("admin.listen: must be HOST:PORT, e.g. 127.0.0.1:9090"));
    }

    @Test
    void anAdminListenOnThePublicPortIsAProblemValidateReports() {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class,
                () -> Platforms.loader(Map.of()).parse(BASE + "server: {port: 8080}\nadmin: {listen: \"127.0.0.1:8080\"}\n"));

        assertThat(e.problems()).extracting(ConfigProblem::toString)
                .anySatisfy(p -> assertThat(p).startsWith("server.port: is also admin.listen's port 8080")
                        .contains("give admin.listen a port of its own"));
    }
}

package io.chatrelay.cli;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A container's HEALTHCHECK: asks the relay the config describes for {@code /healthz}, so no port is hard-coded. */
@Command(name = "healthcheck", description = {
        "Asks the relay configured in FILE for /healthz on its own host and port.",
        "Exit 0 when it answers 200; 1 when it answers otherwise, does not answer, or the config cannot be read."})
final class HealthcheckCommand implements Callable<Integer> {

    /** Addresses a server listens on but a client cannot connect to: ask loopback instead. */
    private static final Set<String> ANY_ADDRESS = Set.of("0.0.0.0", "::", "[::]", "");

    @Mixin
    ConfigOption config;

    @Option(names = "--timeout", defaultValue = "3s", paramLabel = "DURATION",
            description = "How long to wait for the answer (default 3s).", converter = DurationConverter.class)
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        // quiet about warnings: serve logs them, a probe every 30 s must not repeat them
        Optional<RelayConfig> loaded = config.load(err, (path, warnings) -> { });
        if (loaded.isEmpty()) {
            return 1;
        }
        URI url = healthz(loaded.get().server());
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() == 200) {
                spec.commandLine().getOut().println(url + ": 200");
                return 0;
            }
            err.println(url + ": answered " + answer.statusCode());
        } catch (IOException e) {
            err.println(url + ": no answer (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return 1;
    }

    static URI healthz(ServerConfig server) {
        String host = ANY_ADDRESS.contains(server.host()) ? "127.0.0.1" : server.host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + server.port() + "/healthz");
    }

    static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return io.chatrelay.config.Durations.parse(value).filter(d -> !d.isZero()).orElseThrow(() ->
                    new picocli.CommandLine.TypeConversionException("'" + value
                            + "' is not a duration above zero: use e.g. 500ms, 3s, 1m"));
        }
    }
}

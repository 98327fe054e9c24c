package io.chatrelay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chatrelay.Relay;
import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.ingest.IngestHandler;
import io.chatrelay.ingest.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Shows the relay end to end with nothing to set up: local stand-ins play Slack, Discord and a CRM,
 * a relay routes the five documented sample events to them, and each stand-in's inbox is printed.
 */
@Command(name = "demo", description = "Runs a relay against local stand-ins for Slack, Discord and a CRM, "
        + "posts the five sample events, and prints what each destination received.")
final class DemoCommand implements Callable<Integer> {

    static final List<String> SAMPLES = List.of("chat", "live-chat-escalation", "lead-submission", "user-online",
            "user-offline");
    private static final String SECRET = "demo-signing-secret";
    private static final int EXPECTED_DELIVERIES = 6;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path store = Files.createTempDirectory("chat-data-relay-demo");
        try (StandIns standIns = StandIns.start();
             Relay relay = Relay.start(config(standIns.baseUrl(), store.resolve("demo.db")))) {
            out.println("Relay on port " + relay.port() + "; stand-ins on " + standIns.baseUrl());
            out.println("Routes: escalations and presence -> support-slack, leads -> sales-discord + crm, chats -> crm");
            out.println();
            postSamples(out, relay.port());
            boolean all = standIns.awaitRequests(EXPECTED_DELIVERIES, WAIT);
            out.println();
            for (StandIns.Received received : standIns.received()) {
                out.println("=== " + received.destination() + " received " + received.description());
                out.println(pretty(received.body()));
                out.println();
            }
            out.printf("%d of %d expected deliveries arrived.%n", standIns.received().size(), EXPECTED_DELIVERIES);
            out.flush();
            return all ? 0 : 1;
        } finally {
            deleteQuietly(store);
        }
    }

    static RelayConfig config(String standIns, Path store) throws InvalidConfigException {
        String yaml = """
                server: {port: 0}
                store: {url: "jdbc:sqlite:%s"}
                chat_data: {signing_secrets: ["%s"]}
                delivery: {timeout: 5s, max_attempts: 3, backoff: {initial: 200ms, max: 1s}}
                destinations:
                  support-slack: {type: slack, webhook_url: "%s/slack/services/T000/B000/demo"}
                  sales-discord: {type: discord, webhook_url: "%s/discord/api/webhooks/1/demo", username: Chat Data}
                  crm:
                    type: webhook
                    url: "%s/crm/hooks/chat-data"
                    headers: {Authorization: "Bearer demo-crm-token"}
                routes:
                  - {name: escalations, match: {event: live-chat-escalation}, to: [support-slack]}
                  - {name: presence, match: {event: [user-online, user-offline]}, to: [support-slack]}
                  - {name: leads, match: {event: lead-submission}, to: [sales-discord, crm]}
                  - {name: transcripts, match: {event: chat}, to: [crm]}
                """.formatted(store, SECRET, standIns, standIns, standIns);
        return new ConfigLoader(Map.of()).parse(yaml);
    }

    private static void postSamples(PrintWriter out, int port) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        for (String name : SAMPLES) {
            byte[] body = sample(name);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/chat-data"))
                    .header(SignatureVerifier.HEADER, SignatureVerifier.sign(new Secret(SECRET), body))
                    .header(IngestHandler.TOPIC_HEADER, name)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            out.printf("POST %-22s -> %d %s%n", name, response.statusCode(), response.body());
        }
    }

    static byte[] sample(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/io/chatrelay/samples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("sample " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }

    private static String pretty(byte[] body) {
        try {
            return JSON.writeValueAsString(JSON.readTree(body));
        } catch (IOException e) {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}

package io.chatrelay.cli;

import io.chatrelay.Relay;
import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.RouteConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.ingest.IngestHandler;
import io.chatrelay.ingest.SignatureVerifier;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.slack.SlackConfig;
import io.chatrelay.route.RoutingTable;
import io.chatrelay.route.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Shows the relay end to end with nothing to set up: local stand-ins play every platform of the
 * built-in config (or the destinations of the user's own config), a relay routes the five
 * documented sample events to them, and each message is shown as a person would read it.
 */
@Command(name = "demo", description = {
        "Runs a relay against local stand-ins, posts the five sample Chat Data events, and shows what each "
                + "destination got: chat apps as a person would read them, webhooks as sent. Then a person takes the "
                + "escalation in Slack and answers in its thread, and the demo shows what the visitor reads. "
                + "Nothing leaves this machine.",
        "With --config, your own routes and templates run (every destination URL replaced by a stand-in)."})
final class DemoCommand implements Callable<Integer> {

    /** The documented events, with what each one is, in the order they are posted. */
    static final Map<String, String> SAMPLES = samples();
    private static final Secret SECRET = new Secret("demo-signing-secret");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BUILT_IN = """
            chat_data: {signing_secrets: [demo], api_key: demo-chat-data-api-key}
            delivery: {timeout: 5s, max_attempts: 3, backoff: {initial: 200ms, max: 1s}}
            destinations:
              support-slack: {type: slack, token: xoxb-demo, channel: C0DEMO, signing_secret: demo-slack-signing-secret,
                              rate_limit: {requests: 20, per: 1s}}
              sales-discord: {type: discord, webhook_url: "https://discord.com/api/webhooks/1/demo", username: Chat Data}
              ops-teams: {type: teams, webhook_url: "https://prod.westus.logic.azure.com/workflows/demo"}
              on-call-telegram: {type: telegram, bot_token: "123456:demo", chat_id: "-1001234567890"}
              team-mattermost: {type: mattermost, webhook_url: "https://chat.example.com/hooks/demo"}
              ops-google-chat: {type: google_chat,
                                webhook_url: "https://chat.googleapis.com/v1/spaces/AAAAdemo/messages?key=demo&token=demo"}
              on-call-whatsapp: {type: whatsapp, phone_number_id: "106540352242922", access_token: demo,
                                 to: ["+15550100"], rate_limit: {requests: 10, per: 1s}}
              support-mail: {type: email, smtp: {host: smtp.example.com, username: relay, password: demo},
                             from: "Chat Data Relay <relay@example.com>", to: ["{{notification_email}}"]}
              crm:
                type: webhook
                url: "https://crm.example.com/hooks/chat-data"
                headers: {Authorization: "Bearer demo-crm-token"}
            routes:
              - {name: escalations, match: {event: live-chat-escalation},
                 to: [support-slack, ops-teams, on-call-telegram, ops-google-chat, team-mattermost, on-call-whatsapp,
                      support-mail]}
              - {name: presence, match: {event: [user-online, user-offline]}, to: [support-slack]}
              - {name: leads, match: {event: lead-submission}, to: [sales-discord, crm]}
              - {name: transcripts, match: {event: chat}, to: [crm]}
            """;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Your config: its routes and templates run against stand-ins; no real destination is called.")
    Path configFile;

    @Option(names = "--list-samples", description = "Lists the bundled sample events.")
    boolean listSamples;

    @Option(names = "--sample", paramLabel = "NAME",
            description = "Prints one sample event (JSON), e.g. to feed preview or routes test: --sample lead-submission")
    String sample;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (listSamples) {
            listSamples(out);
            return 0;
        }
        if (sample != null) {
            if (!SAMPLES.containsKey(sample)) {
                throw new ParameterException(spec.commandLine(), "no sample named '" + sample + "' (samples: "
                        + String.join(", ", SAMPLES.keySet()) + ")");
            }
            out.print(new String(sample(sample), java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
        Optional<RelayConfig> config = config();
        return config.isEmpty() ? 1 : run(out, config.get());
    }

    private Optional<RelayConfig> config() throws InvalidConfigException {
        if (configFile == null) {
            return Optional.of(Platforms.loader(Map.of()).parse(BUILT_IN));
        }
        ConfigOption option = new ConfigOption();
        option.file = configFile;
        return option.loadWithPlaceholders(spec.commandLine().getErr());
    }

    private int run(PrintWriter out, RelayConfig users) throws Exception {
        Path store = Files.createTempDirectory("chat-data-relay-demo");
        Map<String, String> types = users.destinations().values().stream()
                .collect(Collectors.toMap(DestinationConfig::name, DestinationConfig::type, (a, b) -> a, LinkedHashMap::new));
        try (StandIns standIns = StandIns.start(types)) {
            RelayConfig config = DemoConfig.redirect(users, standIns::at, store.resolve("demo.db"), SECRET,
                    skipped -> out.printf("(%s: no stand-in for type %s, left out)%n", skipped.name(), skipped.type()));
            Map<String, Integer> expectedBySample = expectedDeliveries(config);
            int expected = expectedBySample.values().stream().mapToInt(Integer::intValue).sum();
            try (Relay relay = Relay.start(config)) {
                describe(out, config);
                boolean all = postSamples(out, relay.port(), config.server().path(), expectedBySample, standIns)
                        && settled(relay);
                List<StandIns.Received> received = standIns.received();
                DemoShow.destinations(out, config, received);
                out.printf("%d of %s arrived.%n", deliveries(received),
                        Plural.count(expected, "expected delivery", "expected deliveries"));
                out.println();
                boolean loop = loop(out, config, standIns, relay.port());
                out.println("Nothing left this machine.");
                out.println(nextStep(Path.of(""))); // the working directory
                out.flush();
                return all && loop ? 0 : 1;
            }
        } finally {
            deleteQuietly(store);
        }
    }

    private static long deliveries(List<StandIns.Received> received) {
        return received.stream().filter(StandIns.Received::isDelivery).count();
    }

    /** Waits for the edits the samples cause (the visitor left: escalations say so) to be sent too. */
    private static boolean settled(Relay relay) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (relay.pendingDeliveries() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The two-way loop when the config can play it, else a line saying what it needs; false when something is missing. */
    private static boolean loop(PrintWriter out, RelayConfig config, StandIns standIns, int port) throws Exception {
        List<SlackConfig> hearing = DemoLoop.hearingReplies(config);
        if (hearing.isEmpty()) {
            out.println(DemoLoop.hint());
            return true;
        }
        String escalation = "live-chat-escalation";
        List<String> escalatedTo = RoutingTable.of(config).match(EventParser.parse(sample(escalation), escalation),
                Instant.now()).stream().map(Target::destination).toList();
        Optional<SlackConfig> slack = hearing.stream().filter(s -> escalatedTo.contains(s.name())).findFirst();
        if (slack.isEmpty()) {
            out.println(DemoLoop.routeHint(hearing.get(0)));
            return true;
        }
        return DemoLoop.play(out, standIns, slack.get(), port, WAIT);
    }

    /** The demo's last line: make a config first when there is none, else try it. */
    static String nextStep(Path workingDirectory) {
        if (!Files.isRegularFile(workingDirectory.resolve("config.yaml"))) {
            return "Next: cp config.example.yaml config.yaml, put your destinations in it, then "
                    + "demo --config config.yaml";
        }
        return "Next: demo --config config.yaml (your routes and templates), demo --list-samples, "
                + "routes test --config config.yaml event=lead-submission";
    }

    private void describe(PrintWriter out, RelayConfig config) {
        out.println(configFile == null ? "Routes of the built-in demo config (try yours with --config FILE):"
                : "Routes of " + configFile + ", every destination played by a local stand-in:");
        int width = config.routes().stream().mapToInt(r -> r.name().length()).max().orElse(0);
        for (RouteConfig route : config.routes()) {
            String match = route.match().isEmpty() ? "every event" : route.match().entrySet().stream()
                    .map(c -> c.getKey() + " " + c.getValue().describe()).collect(Collectors.joining(", "));
            out.printf("  %-" + width + "s  %s -> %s%n", route.name(), match,
                    route.to().isEmpty() ? "(nothing)" : String.join(", ", route.to()));
        }
        out.println();
    }

    /** How many deliveries each sample makes, in the order they are posted. */
    private static Map<String, Integer> expectedDeliveries(RelayConfig config) throws MalformedEventException {
        RoutingTable table = RoutingTable.of(config);
        Instant now = Instant.now();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String name : SAMPLES.keySet()) {
            expected.put(name, table.match(EventParser.parse(sample(name), name), now).size());
        }
        return expected;
    }

    /**
     * Posts each sample once the previous ones' deliveries arrived, as events minutes apart would be:
     * the escalation is posted before its visitor leaves. Whether every delivery arrived.
     */
    private static boolean postSamples(PrintWriter out, int port, String path, Map<String, Integer> expected,
                                       StandIns standIns) throws IOException, InterruptedException {
        out.println("Posted the five sample events, signed as Chat Data signs them:");
        HttpClient client = HttpClient.newHttpClient();
        int sent = 0;
        boolean all = true;
        long deadline = System.nanoTime() + WAIT.toNanos(); // one wait for all of them, not one each
        for (String name : SAMPLES.keySet()) {
            byte[] body = sample(name);
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header(SignatureVerifier.HEADER, SignatureVerifier.sign(SECRET, body))
                    .header(IngestHandler.TOPIC_HEADER, name)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            out.printf("  %-22s -> %d %s%n", name, response.statusCode(), response.body());
            int arrived = sent + expected.get(name);
            all &= standIns.await(got -> deliveries(got) >= arrived,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            sent = arrived;
        }
        out.println();
        return all;
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

    private static void listSamples(PrintWriter out) {
        out.println("The five documented Chat Data events ship with the relay:");
        SAMPLES.forEach((name, what) -> out.printf("  %-22s %s%n", name, what));
        out.println();
        out.println("Print one, then try it against your config:");
        out.println("  demo --sample lead-submission > lead.json");
        out.println("  routes test --config config.yaml --event lead.json");
        out.println("  preview --config config.yaml --event lead.json");
    }

    private static Map<String, String> samples() {
        Map<String, String> samples = new LinkedHashMap<>();
        samples.put("chat", "the chatbot answered a visitor (with the conversation so far)");
        samples.put("live-chat-escalation", "a visitor asked to talk to a human");
        samples.put("lead-submission", "a visitor filled in the lead form (name, email, phone)");
        samples.put("user-online", "a visitor came online");
        samples.put("user-offline", "a visitor went offline");
        return java.util.Collections.unmodifiableMap(samples);
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}

package io.chatrelay.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.RawEvent;
import io.chatrelay.platform.Envelope;
import io.chatrelay.platform.Formatters;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.render.Templates;
import io.chatrelay.route.RoutingTable;
import io.chatrelay.route.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "preview", description = "Prints the HTTP request each destination would get for an event; sends nothing.")
final class PreviewCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ConfigOption config;

    @Option(names = "--event", required = true, paramLabel = "FILE", description = "A Chat Data event body (JSON).")
    Path eventFile;

    @Option(names = "--destination", paramLabel = "NAME",
            description = "Only this destination; shown even when no route sends the event there.")
    String destination;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<RelayConfig> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return 1;
        }
        RelayConfig relay = loaded.get();
        if (destination != null && chosen(relay).isEmpty()) {
            err.println("no destination named '" + destination + "' (defined: "
                    + String.join(", ", relay.destinations().keySet()) + ")");
            return 2;
        }
        byte[] body = Files.readAllBytes(eventFile);
        ChatDataEvent event;
        try {
            event = EventParser.parse(body, null);
        } catch (MalformedEventException e) {
            err.println(eventFile + ": " + e.getMessage());
            return 2;
        }
        List<Target> targets = targets(relay, event);
        if (targets.isEmpty()) {
            out.println("No route matches this " + event.type() + " event: nothing would be sent.");
        }
        Instant now = Instant.now();
        RawEvent raw = new RawEvent("preview", event.type(), event.conversationId(), body, now,
                io.chatrelay.event.EventFacts.of(event));
        Formatters formatters = Formatters.of(relay);
        Templates templates = new Templates(relay);
        for (Target target : targets) {
            OutboundRequest request = formatters.forDestination(target.destination()).format(new Envelope(raw, event,
                    "preview", templates.forDelivery(target.route(), target.destination()), Optional.empty(), now));
            print(out, target, relay.destinations().get(target.destination()).type(), request);
        }
        return 0;
    }

    private List<Target> targets(RelayConfig relay, ChatDataEvent event) {
        List<Target> routed = RoutingTable.of(relay).match(event, Instant.now());
        if (destination == null) {
            return routed;
        }
        return chosen(relay).stream().map(name -> routed.stream().filter(t -> t.destination().equals(name)).findFirst()
                .orElse(new Target(name, "(none: no route sends this event here)"))).toList();
    }

    /** {@code --destination}, or each part of it when it delivers separately (WhatsApp's recipients). */
    private List<String> chosen(RelayConfig relay) {
        return relay.destinations().keySet().stream()
                .filter(name -> name.equals(destination) || name.startsWith(destination + "/")).toList();
    }

    private static void print(PrintWriter out, Target target, String type, OutboundRequest request) throws IOException {
        out.println("=== " + target.destination() + " (" + type + ") via route " + target.route());
        out.println(request.method() + " " + request.displayUrl());
        request.headers().forEach((name, value) -> out.println(name + ": " + Masking.header(name, value)));
        out.println();
        out.println(shown(type, request.body()));
        out.println();
    }

    /**
     * A webhook's body exactly as it will be sent (its receiver may verify a signature over those
     * bytes); a chat app's JSON pretty-printed, since only what it says matters there.
     */
    private static String shown(String type, byte[] body) {
        String exact = new String(body, StandardCharsets.UTF_8);
        if ("webhook".equals(type)) {
            return exact;
        }
        try {
            return JSON.writeValueAsString(JSON.readTree(body));
        } catch (IOException notJson) {
            return exact;
        }
    }
}

package io.chatrelay.cli;

import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Platforms;
import io.chatrelay.platform.StandIn;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Local stand-ins for {@code demo}: one HTTP server where {@code /<destination>/...} plays that
 * destination's platform, answers as the platform would ({@code Platform.standInAnswer}), and keeps
 * every request it got with its answer.
 */
final class StandIns implements AutoCloseable {

    /**
     * One request a stand-in got: for which destination (and its type), where, with which headers and
     * body, and what the stand-in answered.
     */
    record Received(String destination, String type, String method, String path, Map<String, String> headers,
                    byte[] body, String answer) {

        /** An edit of a message posted before (Slack's chat.update, Telegram's editMessage*, Discord's PATCH). */
        boolean isEdit() {
            return method.equals("PATCH") || path.endsWith("/chat.update") || path.contains("/editMessage");
        }

        /** A message, mail or webhook call that a route sent: neither an edit nor a lookup (GET) nor a reaction. */
        boolean isDelivery() {
            return !isEdit() && !method.equals("GET") && !path.endsWith("/reactions.add");
        }
    }

    private final Javalin app;
    /** A mail server per destination that mails, started when a platform asks for one. */
    private final Map<String, SmtpStandIn> mailServers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> types;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private StandIns(Map<String, String> types) {
        this.types = Map.copyOf(types);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/*", this::answer);
            config.routes.post("/*", this::answer);
            config.routes.put("/*", this::answer);
            config.routes.patch("/*", this::answer);
        });
    }

    /** Stand-ins for these destinations (name to config {@code type}). */
    static StandIns start(Map<String, String> types) {
        StandIns standIns = new StandIns(types);
        standIns.app.start("127.0.0.1", 0);
        return standIns;
    }

    /** Where a destination's requests go instead of its platform: {@code http://127.0.0.1:PORT/<name>}. */
    String baseUrl(String destination) {
        return "http://127.0.0.1:" + app.port() + "/"
                + URLEncoder.encode(destination, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Where a destination's stand-in listens: {@link #baseUrl}, and a mail server of its own if its platform mails. */
    StandIn at(String destination) {
        return new StandIn(baseUrl(destination), () -> mailServers.computeIfAbsent(destination, name -> new SmtpStandIn(
                mail -> keep(new Received(name, types.get(name), "SMTP", "/", Map.of(), mail, "250")))).port());
    }

    private synchronized void keep(Received got) {
        received.add(got);
        notifyAll();
    }

    private void answer(Context ctx) {
        String path = ctx.path();
        int slash = path.indexOf('/', 1);
        String destination = URLDecoder.decode(path.substring(1, slash < 0 ? path.length() : slash), StandardCharsets.UTF_8);
        String type = types.getOrDefault(destination, "unknown");
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ctx.headerMap().forEach(headers::put);
        Map<String, String> query = new TreeMap<>();
        ctx.queryParamMap().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
        Answer answer = Platforms.named(type).map(p -> p.standInAnswer(slash < 0 ? "/" : path.substring(slash), query))
                .orElse(new Answer(200, Map.of(), ""));
        ctx.status(answer.status());
        if (answer.header("Content-Type") != null) {
            ctx.contentType(answer.header("Content-Type"));
        }
        ctx.result(answer.body());
        keep(new Received(destination, type, ctx.method().name(), slash < 0 ? "/" : path.substring(slash), headers,
                ctx.bodyAsBytes(), answer.body()));
    }

    /** Waits up to {@code wait} until the requests got so far satisfy {@code done}; whether they do. */
    synchronized boolean await(Predicate<List<Received>> done, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!done.test(received)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Waits up to {@code wait} for a request that {@code wanted}, from the {@code from}th got on; the first such one. */
    java.util.Optional<Received> awaitOne(Predicate<Received> wanted, int from, Duration wait)
            throws InterruptedException {
        await(got -> got.stream().skip(from).anyMatch(wanted), wait);
        return received.stream().skip(from).filter(wanted).findFirst();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        mailServers.values().forEach(SmtpStandIn::close);
        app.stop();
    }
}

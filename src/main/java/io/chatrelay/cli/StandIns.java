package io.chatrelay.cli;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Local stand-ins for {@code demo}: answer like Slack ("ok"), Discord (204) and a CRM (200), and keep what they got. */
final class StandIns implements AutoCloseable {

    record Received(String destination, String description, byte[] body) {}

    private final Javalin app;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Semaphore arrivals = new Semaphore(0);

    private StandIns() {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/slack/*", ctx -> {
                keep("support-slack (Slack)", "a Block Kit message", ctx.bodyAsBytes());
                ctx.result("ok");
            });
            config.routes.post("/discord/*", ctx -> {
                keep("sales-discord (Discord)", "an embed", ctx.bodyAsBytes());
                ctx.status(204);
            });
            config.routes.post("/crm/*", ctx -> {
                keep("crm (webhook)", "the original event, topic " + ctx.header("x-chat-data-topic")
                        + ", Authorization " + (ctx.header("Authorization") == null ? "missing" : "present"),
                        ctx.bodyAsBytes());
                ctx.status(200);
            });
        });
    }

    static StandIns start() {
        StandIns standIns = new StandIns();
        standIns.app.start("127.0.0.1", 0);
        return standIns;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    private void keep(String destination, String description, byte[] body) {
        received.add(new Received(destination, description, body));
        arrivals.release();
    }

    boolean awaitRequests(int count, Duration wait) throws InterruptedException {
        return arrivals.tryAcquire(count, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        app.stop();
    }
}

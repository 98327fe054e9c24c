package io.chatrelay.cli;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.telegram.TelegramConfig;
import io.chatrelay.platform.telegram.TelegramWebhook;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * What {@code connect} and {@code disconnect} do with Telegram: each Telegram destination with a
 * {@code webhook_secret} gets its bot's updates sent to {@code {public_url}/telegram/{destination}}
 * ({@code setWebhook}, which replaces whatever the bot had, so a second run changes nothing), or no
 * longer ({@code deleteWebhook}). The bot token is never printed.
 */
final class TelegramWebhooks {

    private final List<TelegramConfig> destinations;
    private final RelayConfig config;
    private final PrintWriter out;

    TelegramWebhooks(RelayConfig config, PrintWriter out) {
        this.config = config;
        this.out = out;
        this.destinations = config.destinations().values().stream().filter(TelegramConfig.class::isInstance)
                .map(TelegramConfig.class::cast).filter(d -> d.webhookSecret().isPresent()).toList();
    }

    void connect(boolean dryRun) {
        for (TelegramConfig destination : destinations) {
            URI url = url(destination);
            if (!dryRun) {
                send(destination, TelegramWebhook.set(destination, url), "setWebhook");
            }
            out.println((dryRun ? "would point " : "pointed ") + "Telegram destination " + destination.name()
                    + "'s bot at " + url + " (" + String.join(", ", TelegramWebhook.ALLOWED_UPDATES) + ")");
        }
        out.flush();
    }

    void disconnect(boolean dryRun) {
        for (TelegramConfig destination : destinations) {
            if (!dryRun) {
                send(destination, TelegramWebhook.delete(destination), "deleteWebhook");
            }
            out.println((dryRun ? "would remove " : "removed ") + "the webhook of Telegram destination "
                    + destination.name() + "'s bot");
        }
        out.flush();
    }

    /** The destination's name is a path segment: percent-encoded where a URL cannot hold it as written. */
    private URI url(TelegramConfig destination) {
        String segment = java.net.URLEncoder.encode(destination.name(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        return config.server().publicUrlOf("/telegram/" + segment).orElseThrow();
    }

    private void send(TelegramConfig destination, OutboundRequest request, String method) {
        OkHttpClient http = new OkHttpClient.Builder()
                .callTimeout(config.delivery().timeout().toMillis(), TimeUnit.MILLISECONDS).followRedirects(false)
                .build();
        Request.Builder call = new Request.Builder().url(request.url().toString())
                .post(RequestBody.create(request.body(), MediaType.get("application/json")));
        Optional<String> refusal;
        try (Response response = http.newCall(call.build()).execute()) {
            Map<String, String> headers = new HashMap<>();
            response.headers().forEach(pair -> headers.put(pair.getFirst(), pair.getSecond()));
            refusal = TelegramWebhook.refusal(new Answer(response.code(), headers, response.body().string()));
        } catch (IOException e) {
            refusal = Optional.of("no answer from " + request.displayUrl() + " (" + e.getClass().getSimpleName()
                    + "; running the command again is safe)");
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
        refusal.ifPresent(reason -> {
            throw new Failures.CommandFailure("Telegram refused " + method + " for destination "
                    + destination.name() + ": " + reason, Main.FAILED);
        });
    }
}

package io.chatrelay.platform.telegram;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.HttpAnswers;
import io.chatrelay.platform.JsonPeek;
import io.chatrelay.platform.Masking;
import io.chatrelay.platform.OutboundRequest;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The Bot API calls that point a bot's updates at the relay ({@code setWebhook}, for
 * {@code connect}) and away again ({@code deleteWebhook}, for {@code disconnect}). Built without
 * I/O; the token is in the URL's path, so the display URL masks it as the formatter's does.
 */
public final class TelegramWebhook {

    /** The updates the relay handles: messages (replies) and button presses (claims). */
    public static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

    private TelegramWebhook() {}

    /**
     * {@code setWebhook}: Telegram posts the bot's updates to {@code url} with the destination's
     * {@code webhook_secret} in {@code X-Telegram-Bot-Api-Secret-Token}.
     *
     * @throws IllegalArgumentException when the destination has no {@code webhook_secret}
     */
    public static OutboundRequest set(TelegramConfig destination, URI url) {
        Secret secret = destination.webhookSecret().orElseThrow(() -> new IllegalArgumentException(
                "destinations." + destination.name() + ".webhook_secret is not set"));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("url", url.toString())
                .put("secret_token", secret.reveal());
        ALLOWED_UPDATES.forEach(body.putArray("allowed_updates")::add);
        return call(destination, "setWebhook", body);
    }

    /** {@code deleteWebhook}: the bot's updates no longer go to the relay (pending ones are kept). */
    public static OutboundRequest delete(TelegramConfig destination) {
        return call(destination, "deleteWebhook", JsonNodeFactory.instance.objectNode());
    }

    /** Why the Bot API refused a call ({@code "ok": false} and its {@code description}); empty when it took it. */
    public static Optional<String> refusal(Answer answer) {
        boolean ok = answer.isSuccess() && JsonPeek.field(answer.body(), "ok").filter("true"::equals).isPresent();
        if (ok) {
            return Optional.empty();
        }
        String words = JsonPeek.field(answer.body(), "description").map(HttpAnswers::oneLine)
                .orElse(HttpAnswers.oneLine(answer.body()));
        String advice = answer.status() == 401 || answer.status() == 404 ? " (check bot_token)" : "";
        return Optional.of(answer.status() + (words.isBlank() ? "" : " " + words) + advice);
    }

    private static OutboundRequest call(TelegramConfig destination, String method, ObjectNode body) {
        String base = destination.apiBaseUrl().toString().replaceAll("/+$", "");
        URI url = URI.create(base + "/bot" + destination.botToken().reveal() + "/" + method);
        return OutboundRequest.postJson(url, base + "/bot" + Masking.MASK + "/" + method, body);
    }
}

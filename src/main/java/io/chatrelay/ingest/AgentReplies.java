package io.chatrelay.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.event.EventFacts;
import io.chatrelay.event.Ids;
import io.chatrelay.event.RawEvent;
import io.chatrelay.log.LogSafe;
import io.chatrelay.metrics.RelayMetrics;
import io.chatrelay.platform.chatdata.ReplySplit;
import io.chatrelay.store.Claims;
import io.chatrelay.store.Replies;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent's reply heard in a chat app (a Slack thread, a Telegram reply): cut into parts Chat Data
 * accepts, stored as events of type {@value #TYPE} with one delivery each to Chat Data's API before
 * the platform is answered, counted and logged in one line. The same for every platform.
 */
public final class AgentReplies {

    /** The type of a reply's events. */
    public static final String TYPE = "agent-reply";
    private static final Logger LOG = LoggerFactory.getLogger(AgentReplies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A reply as a platform's handler heard it: {@code via} the destination it came through, the
     * author ({@code byId} the platform's id, {@code byName} the name the visitor sees, {@code avatar}
     * an image URL), its text as Markdown, {@code ack} where the platform shows what became of it
     * (its own reference of the agent's message, read back by its formatter's notices),
     * {@code claimerOnly} the destination's rule, {@code whenTaken} what a claim made by this reply
     * queues (the line saying how replies work).
     */
    public record Heard(Claims.Inbound inbound, Replies.Escalation escalation, String via, String byId, String byName,
                        Optional<String> avatar, String markdown, String ack, Instant at, boolean claimerOnly,
                        List<Claims.Queued> whenTaken) {}

    private final Replies replies;
    private final RelayMetrics metrics;
    private final Runnable wake;
    private final Clock clock;

    public AgentReplies(Replies replies, RelayMetrics metrics, Runnable wake, Clock clock) {
        this.replies = replies;
        this.metrics = metrics;
        this.wake = wake;
        this.clock = clock;
    }

    /**
     * The escalation whose conversation's thread at {@code destination} is {@code threadId}: what a
     * reply in that thread answers. Throws {@code StoreUnavailableException} when the store cannot say.
     */
    public Optional<Replies.Escalation> escalationInThread(String destination, String threadId) {
        return replies.escalationInThread(destination, threadId);
    }

    /**
     * The escalation whose message at {@code destination} has the reference {@code posted} (the
     * platform's own, as it kept it when posting): what a reply to that message answers. Throws
     * {@code StoreUnavailableException} when the store cannot say.
     */
    public Optional<Replies.Escalation> escalationOfMessage(String destination, String posted) {
        return replies.escalationOfMessage(destination, posted);
    }

    /** Stores the reply; throws {@code StoreUnavailableException} when it could not (answer 503: the platform resends). */
    public Replies.Stored accept(Heard heard) {
        JsonNode escalation = escalation(heard.escalation());
        List<RawEvent> parts = new ArrayList<>();
        for (String part : ReplySplit.parts(heard.markdown())) {
            ObjectNode body = JSON.createObjectNode().put("event", TYPE)
                    .put("chatbot_id", escalation.path("chatbot_id").asText(""))
                    .put("conversation_id", heard.escalation().conversationId())
                    .put("message", part).put("name", heard.byName())
                    .put("escalation_id", heard.escalation().eventId()).put("via", heard.via())
                    .put("author_id", heard.byId()).put("ack", heard.ack())
                    .put("escalation_accepted_at", heard.escalation().acceptedAt().toEpochMilli());
            heard.avatar().ifPresent(avatar -> body.put("avatar", avatar));
            byte[] bytes = JSON.valueToTree(body).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            parts.add(new RawEvent(Ids.newId(clock), TYPE, heard.escalation().conversationId(), bytes, heard.at(),
                    new EventFacts(heard.byName(), excerpt(part), List.of())));
        }
        Replies.Stored stored = replies.accept(new Replies.Reply(heard.inbound(), heard.escalation(), heard.byId(),
                heard.byName(), heard.via(), heard.at(), heard.claimerOnly(), parts, heard.whenTaken()));
        switch (stored.result()) {
            case STORED -> {
                if (stored.took()) {
                    metrics.escalationClaimed(heard.via(), Duration.between(heard.escalation().acceptedAt(),
                            heard.at()));
                }
                LOG.info("reply to event={} by={} via={} stored: {} part(s){}", heard.escalation().eventId(),
                        LogSafe.value(heard.byId()), heard.via(), parts.size(), stored.took() ? ", and took it" : "");
            }
            case NOT_YOURS -> {
                metrics.reply("not_claimer");
                LOG.info("reply to event={} by={} via={} not sent: taken by={}", heard.escalation().eventId(),
                        LogSafe.value(heard.byId()), heard.via(),
                        LogSafe.value(stored.claim().map(Claims.Claim::byId).orElse("?")));
            }
            case RESENT -> LOG.debug("reply to event={} via={} resent: stored once", heard.escalation().eventId(),
                    heard.via());
        }
        wake.run();
        return stored;
    }

    private static JsonNode escalation(Replies.Escalation escalation) {
        try {
            return JSON.readTree(escalation.body());
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 120 ? flat : flat.substring(0, 119) + "…";
    }
}

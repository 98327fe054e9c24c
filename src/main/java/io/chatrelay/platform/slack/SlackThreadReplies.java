package io.chatrelay.platform.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.config.ReplyRules;
import io.chatrelay.ingest.AgentReplies;
import io.chatrelay.ingest.Inbound;
import io.chatrelay.log.LogSafe;
import io.chatrelay.render.SlackToMarkdown;
import io.chatrelay.store.Claims;
import io.chatrelay.store.Replies;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code message} event from the Events API, read as an agent's reply when it is one: a person's
 * message (no {@code bot_id}; no {@code subtype} but {@code thread_broadcast} or {@code file_share})
 * in a thread the relay started for a conversation with an escalation, in the channel of a Slack
 * destination whose signing secret signed it and whose {@code replies} are not off, not starting
 * with its {@code internal_prefix}. Its text goes to the visitor as Markdown under the author's
 * Slack name; Slack's {@code event_id} makes a resent event one reply. Files are not sent: a
 * message of files only stores nothing, and the agent is told so in the thread.
 */
final class SlackThreadReplies {

    /** What a Slack channel id looks like: public, private, or a direct message. */
    private static final java.util.regex.Pattern CHANNEL_ID = java.util.regex.Pattern.compile("[CGD][A-Z0-9]{6,}");

    static final String SOURCE = "slack-events";
    private static final Set<String> PERSONS_SUBTYPES = Set.of("thread_broadcast", "file_share");
    /**
     * How long into a request names of mentioned people may still be asked of Slack (each ask has
     * {@link SlackUsers#DEADLINE}): later ones stay ids, so that Slack gets its answer within 3 s.
     */
    private static final Duration MENTIONS_ASKED_WITHIN = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SlackThreadReplies.class);

    /** The parts of a message event a reply needs. */
    private record Message(String eventId, String channel, String user, String text, String ts, String threadTs,
                           boolean files) {}

    private final Inbound.Parts parts;
    private final SlackUsers users;
    private final SlackNotes notes;

    SlackThreadReplies(Inbound.Parts parts, SlackUsers users, SlackNotes notes) {
        this.parts = parts;
        this.users = users;
        this.notes = notes;
    }

    /** Stores the reply {@code callback} holds, if it is one; throws {@code StoreUnavailableException}. */
    void heard(JsonNode callback, Map<String, SlackConfig> signed, Set<String> verifiedBy, boolean resent) {
        Optional<Message> message = message(callback);
        if (message.isEmpty()) {
            return;
        }
        Message m = message.get();
        boolean apiKey = parts.config().get().chatDataApi().apiKey().isPresent();
        for (String name : verifiedBy) {
            SlackConfig slack = signed.get(name);
            if (slack == null || slack.replyMode(apiKey) == ReplyRules.Mode.OFF || !inChannel(slack, m.channel())) {
                continue;
            }
            Optional<Replies.Escalation> escalation = parts.replies().escalationInThread(name, m.threadTs());
            if (escalation.isPresent()) {
                reply(slack, slack.replyMode(apiKey), escalation.get(), m);
                return;
            }
        }
        LOG.debug("Slack message event={} ignored: not in a thread of an escalation at a destination that hears "
                + "replies in its channel{}", LogSafe.value(m.eventId()), resent ? " (resent)" : "");
    }

    /**
     * Whether a message in {@code channel} (an id) is in the destination's channel. A channel configured
     * by name ({@code #support}) cannot be compared with an id: the thread, which only the relay's own
     * posts there start, decides then.
     */
    private static boolean inChannel(SlackConfig slack, String channel) {
        String configured = slack.channel().orElse("");
        return !CHANNEL_ID.matcher(configured).matches() || configured.equals(channel);
    }

    /** The message, if it is a person's in a thread; else empty (logged at DEBUG). */
    private static Optional<Message> message(JsonNode callback) {
        JsonNode event = callback.path("event");
        String subtype = event.path("subtype").asText("");
        String eventId = callback.path("event_id").asText("");
        String ts = event.path("ts").asText("");
        String threadTs = event.path("thread_ts").asText("");
        String why = event.hasNonNull("bot_id") || subtype.equals("bot_message") ? "a bot's post (the relay's own too)"
                : !subtype.isEmpty() && !PERSONS_SUBTYPES.contains(subtype) ? "of subtype " + subtype
                : event.path("user").asText("").isEmpty() ? "no user"
                : threadTs.isEmpty() || threadTs.equals(ts) ? "not a reply in a thread"
                : eventId.isEmpty() ? "no event_id" : null;
        if (why != null) {
            LOG.debug("Slack message event={} ignored: {}", LogSafe.value(eventId), LogSafe.value(why));
            return Optional.empty();
        }
        return Optional.of(new Message(eventId, event.path("channel").asText(""), event.path("user").asText(),
                event.path("text").asText(""), ts, threadTs, event.path("files").size() > 0));
    }

    private void reply(SlackConfig slack, ReplyRules.Mode mode, Replies.Escalation escalation, Message m) {
        if (slack.replies().internal(SlackText.unescape(m.text()))) { // Slack sends &, < and > escaped
            LOG.debug("Slack message event={} kept in the thread: it starts with the internal prefix",
                    LogSafe.value(m.eventId()));
            return;
        }
        Instant now = parts.clock().instant();
        Claims.Inbound inbound = new Claims.Inbound(SOURCE, m.eventId());
        if (m.text().isBlank()) {
            if (m.files() && parts.takes().claims().firstTime(inbound, now)) {
                LOG.info("Slack message event={} via={} holds only files: not sent, the agent is told",
                        LogSafe.value(m.eventId()), slack.name());
                notes.filesNotSent(slack, m.channel(), m.threadTs());
            }
            return;
        }
        long began = System.nanoTime();
        SlackUsers.Person author = users.person(slack, m.user());
        String markdown = SlackToMarkdown.convert(m.text(), mentions(slack, began));
        if (markdown.isBlank()) {
            LOG.debug("Slack message event={} ignored: no words", LogSafe.value(m.eventId()));
            return;
        }
        Replies.Stored stored = parts.replies().accept(new AgentReplies.Heard(inbound, escalation, slack.name(),
                m.user(), author.name(), author.avatar(), markdown, SlackThreadNotices.ack(m.channel(), m.ts(),
                m.threadTs()), now, mode == ReplyRules.Mode.CLAIMER, SlackThreadNotices.whenTaken(slack, true)));
        tell(slack, m, stored);
    }

    /** What the author is told at once: files they sent stayed here; someone else took the chat. */
    private void tell(SlackConfig slack, Message m, Replies.Stored stored) {
        if (stored.result() == Replies.Result.STORED && m.files()) {
            notes.filesNotSent(slack, m.channel(), m.threadTs());
        }
        if (stored.result() == Replies.Result.NOT_YOURS && stored.claim().isPresent()) {
            Claims.Claim claim = stored.claim().get();
            String taker = claim.byName().equals(SlackUsers.mention(claim.byId())) ? claim.byName()
                    : SlackText.escape(claim.byName());
            notes.notYours(slack, m.channel(), m.threadTs(), m.user(), taker);
        }
    }

    /** {@code <@U…>} as the person's Slack name: kept ones, and others asked of Slack while there is time. */
    private Function<String, Optional<String>> mentions(SlackConfig slack, long began) {
        return id -> users.kept(id).or(() -> System.nanoTime() - began < MENTIONS_ASKED_WITHIN.toNanos()
                ? Optional.of(users.person(slack, id)) : Optional.empty())
                .filter(SlackUsers.Person::looked).map(SlackUsers.Person::name);
    }
}

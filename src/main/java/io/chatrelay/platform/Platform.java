package io.chatrelay.platform;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one destination platform knows, in its own {@code platform.<name>} package: its config
 * type and reader ({@link DestinationType}: keys, checks, secrets through
 * {@link DestinationConfig#secrets()}, default rate limit), its pure formatter, and how it reads the
 * answers it gets. {@code deliver} and {@code config} know only this interface; {@link Platforms}
 * lists every implementation. What every platform must say is abstract, so a platform that lacks it
 * does not compile; {@link #holdOff} and {@link #transport} have defaults that most platforms keep.
 */
public interface Platform<C extends DestinationConfig> extends DestinationType {

    /** The record {@link #read} returns. */
    Class<C> configType();

    Formatter formatter(C destination);

    /**
     * What an answer to {@code request} means: delivered, retry (after how long, if the answer says),
     * or dead with a reason a person can act on. Starts from {@link HttpAnswers} in most platforms.
     */
    Outcome classify(OutboundRequest request, Answer answer, Instant now);

    /**
     * How long to hold further sends after any answer, success included, when the platform's
     * rate-limit headers say no requests are left. Most platforms have none.
     */
    default Optional<Duration> holdOff(Answer answer, Instant now) {
        return Optional.empty();
    }

    /**
     * The destination with every address it sends to replaced by its local stand-in's, for
     * {@code demo}; empty when the platform has no stand-in.
     */
    Optional<C> standIn(C destination, StandIn at);

    /** {@link #standIn} of a destination this platform read. */
    default Optional<DestinationConfig> standInFor(DestinationConfig destination, StandIn at) {
        return standIn(configType().cast(destination), at).map(DestinationConfig.class::cast);
    }

    /**
     * The lines a person reads in this platform's app for a request body the relay sent it (title,
     * text, facts, buttons; markup resolved), for {@code demo}; empty: demo shows the request as sent.
     */
    Optional<List<String>> asRead(byte[] body);

    /**
     * What {@code demo}'s stand-in answers to a request at {@code path} (below the destination's
     * stand-in base URL) with this query, as the platform would when all is well.
     */
    Answer standInAnswer(String path, Map<String, String> query);

    /**
     * The reference of the message an escalation's request posted, read from the answer, to edit it
     * later ({@link Formatter#formatEdit}); empty when this platform cannot edit what it posted.
     */
    default Optional<String> posted(OutboundRequest request, Answer answer) {
        return Optional.empty();
    }

    /** How this platform's requests travel: HTTP for all but email. */
    default Transport transport() {
        return Transport.HTTP;
    }

    /** The formatter of a destination this platform read; {@code destination} must be its {@link #configType()}. */
    default Formatter formatterOf(DestinationConfig destination) {
        return formatter(configType().cast(destination));
    }
}

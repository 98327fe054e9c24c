package io.chatrelay.platform.slack;

import io.chatrelay.config.DestinationConfig;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.ReplyRules;
import io.chatrelay.config.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code type: slack}: an incoming webhook ({@code webhookUrl}) or the Web API ({@code token} + {@code channel}).
 * {@code signingSecret}, the Slack app's, turns on the claim button and the requests Slack sends back.
 */
public record SlackConfig(String name, Optional<Secret> webhookUrl, Optional<Secret> token, Optional<String> channel,
                          URI apiBaseUrl, DestinationOptions options, Optional<Secret> signingSecret,
                          ReplyRules replies) implements DestinationConfig {

    public SlackConfig(String name, Optional<Secret> webhookUrl, Optional<Secret> token, Optional<String> channel,
                       URI apiBaseUrl, DestinationOptions options) {
        this(name, webhookUrl, token, channel, apiBaseUrl, options, Optional.empty(), ReplyRules.DEFAULT);
    }

    public SlackConfig(String name, Optional<Secret> webhookUrl, Optional<Secret> token, Optional<String> channel,
                       URI apiBaseUrl, DestinationOptions options, Optional<Secret> signingSecret) {
        this(name, webhookUrl, token, channel, apiBaseUrl, options, signingSecret, ReplyRules.DEFAULT);
    }

    /** Replies are heard in a bot's threads: with a token and the app's signing secret. */
    public boolean hearsReplies() {
        return token.isPresent() && signingSecret.isPresent();
    }

    /**
     * Who may answer the visitor from this destination's threads, given whether Chat Data's API key is
     * set: {@code off} unless it hears replies at all.
     */
    public ReplyRules.Mode replyMode(boolean apiKey) {
        return hearsReplies() && apiKey ? replies.effective(true, true) : ReplyRules.Mode.OFF;
    }

    @Override
    public Optional<ReplyRules> replyRules() {
        return Optional.of(replies);
    }

    @Override
    public String type() {
        return SlackPlatform.TYPE;
    }

    @Override
    public List<Secret> secrets() {
        List<Secret> secrets = new ArrayList<>();
        webhookUrl.ifPresent(secrets::add);
        token.ifPresent(secrets::add);
        signingSecret.ifPresent(secrets::add);
        return secrets;
    }
}

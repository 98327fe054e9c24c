package io.chatrelay.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;

/**
 * The Slack app manifest {@code connect} prints for a Slack destination with a {@code signing_secret}:
 * pasted into "Create an app → From a manifest", it gives the app the relay's Events API and
 * interactivity Request URLs and the scopes and events that replies and claims need.
 */
final class SlackManifest {

    static final List<String> BOT_SCOPES = List.of("chat:write", "reactions:write", "users:read",
            "channels:history", "groups:history");
    static final List<String> BOT_EVENTS = List.of("message.channels", "message.groups");
    /** Slack's longest app name. */
    private static final int MAX_NAME = 35;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SlackManifest() {}

    /** A manifest for each Slack destination with a {@code signing_secret}, each after a line saying what to do with it. */
    static void print(io.chatrelay.config.RelayConfig config, java.io.PrintWriter out) {
        config.destinations().values().stream().filter(io.chatrelay.platform.slack.SlackConfig.class::isInstance)
                .map(io.chatrelay.platform.slack.SlackConfig.class::cast)
                .filter(destination -> destination.signingSecret().isPresent()).forEach(destination -> {
                    out.println("Slack app manifest for destination " + destination.name() + " (api.slack.com/apps: "
                            + "Create New App, From a manifest, paste it; then install the app and set token and "
                            + "signing_secret from it):");
                    out.println(json(destination.name(), config.server().publicUrlOf("/slack/events").orElseThrow(),
                            config.server().publicUrlOf("/slack/interactions").orElseThrow()));
                });
        out.flush();
    }

    static String json(String destination, URI events, URI interactions) {
        String name = ("Chat Data relay " + destination).strip();
        name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME).strip() : name;
        ObjectNode manifest = JSON.createObjectNode();
        manifest.putObject("display_information").put("name", name)
                .put("description", "Escalations from Chat Data; replies in threads go back to the visitor.");
        manifest.putObject("features").putObject("bot_user").put("display_name", name).put("always_online", true);
        BOT_SCOPES.forEach(manifest.putObject("oauth_config").putObject("scopes").putArray("bot")::add);
        ObjectNode settings = manifest.putObject("settings");
        ObjectNode subscriptions = settings.putObject("event_subscriptions").put("request_url", events.toString());
        BOT_EVENTS.forEach(subscriptions.putArray("bot_events")::add);
        settings.putObject("interactivity").put("is_enabled", true).put("request_url", interactions.toString());
        settings.put("org_deploy_enabled", false).put("socket_mode_enabled", false)
                .put("token_rotation_enabled", false);
        try {
            return JSON.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}

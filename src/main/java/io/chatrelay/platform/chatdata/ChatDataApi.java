package io.chatrelay.platform.chatdata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatrelay.config.ChatDataApiConfig;
import io.chatrelay.config.Secret;
import io.chatrelay.platform.OutboundRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The requests the relay makes of Chat Data's own API, built without I/O: an agent's reply
 * ({@code POST /api/v2/live-chat}) and what {@code connect} registers ({@code get-chatbots},
 * {@code add-webhook}, {@code delete-webhook}). Each carries {@code Authorization: Bearer <key>};
 * its {@code displayUrl} and {@code toString()} never show the key.
 */
public final class ChatDataApi {

    public static final String LIVE_CHAT = "/api/v2/live-chat";
    public static final String GET_CHATBOTS = "/api/v2/get-chatbots";
    public static final String ADD_WEBHOOK = "/api/v2/add-webhook";
    public static final String DELETE_WEBHOOK = "/api/v2/delete-webhook";
    /** Who the reply is from, as {@code live-chat}'s {@code role} names a person (the other is the bot). */
    static final String HUMAN = "human";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final byte[] NO_BODY = new byte[0];

    private ChatDataApi() {}

    /**
     * {@code POST {api_base_url}/api/v2/live-chat} appending {@code reply} as the agent's message.
     *
     * @throws IllegalStateException when {@code api} has no key (replies are off without one)
     */
    public static OutboundRequest reply(ChatDataApiConfig api, AgentReply reply) {
        ObjectNode body = JSON.objectNode()
                .put("chatbotId", reply.chatbotId())
                .put("conversationId", reply.conversationId())
                .put("message", reply.message())
                .put("role", HUMAN)
                .put("name", reply.name());
        reply.avatar().ifPresent(avatar -> body.put("avatar", avatar.toString()));
        return post(api, LIVE_CHAT, body);
    }

    /** {@code GET {api_base_url}/api/v2/get-chatbots}: the account's chatbots. */
    public static OutboundRequest getChatbots(ChatDataApiConfig api) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", bearer(api));
        return new OutboundRequest("GET", endpoint(api.apiBaseUrl(), GET_CHATBOTS),
                shown(api.apiBaseUrl(), GET_CHATBOTS), headers, NO_BODY);
    }

    /** {@code POST {api_base_url}/api/v2/add-webhook}: Chat Data posts {@code event}s of the chatbot to {@code url}. */
    public static OutboundRequest addWebhook(ChatDataApiConfig api, URI url, String event, String chatbotId) {
        return post(api, ADD_WEBHOOK, JSON.objectNode().put("url", url.toString()).put("event", event)
                .put("chatbotId", chatbotId));
    }

    /** {@code POST {api_base_url}/api/v2/delete-webhook}: the chatbot no longer posts to {@code url}. */
    public static OutboundRequest deleteWebhook(ChatDataApiConfig api, URI url, String chatbotId) {
        return post(api, DELETE_WEBHOOK, JSON.objectNode().put("url", url.toString()).put("chatbotId", chatbotId));
    }

    private static OutboundRequest post(ChatDataApiConfig api, String path, ObjectNode body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("Authorization", bearer(api));
        return new OutboundRequest("POST", endpoint(api.apiBaseUrl(), path), shown(api.apiBaseUrl(), path), headers,
                OutboundRequest.json(body));
    }

    private static String bearer(ChatDataApiConfig api) {
        Secret key = api.apiKey().orElseThrow(() -> new IllegalStateException(
                "chat_data.api_key is not set: Chat Data's API is off"));
        return "Bearer " + key.reveal();
    }

    /** {@code path} below the base URL, which may have a path of its own (a proxy's) and a trailing slash. */
    static URI endpoint(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    /**
     * The URL as it may be shown: the endpoint's path is Chat Data's and holds no credential (the key
     * travels in a header), so it shows; a path of the base URL's own (a proxy's) is masked, and
     * user info left out, as for every URL ({@link io.chatrelay.platform.Masking#url}).
     */
    private static String shown(URI base, String path) {
        return io.chatrelay.platform.Masking.url(base) + path;
    }
}

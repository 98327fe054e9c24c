package io.chatrelay.config;

import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code chat_data.api_key} and {@code chat_data.api_base_url}. */
final class ChatDataApiReader {

    private ChatDataApiReader() {}

    static ChatDataApiConfig read(Fields chatData) {
        Optional<Secret> apiKey = chatData.secret("api_key");
        Optional<URI> base = chatData.url("api_base_url", false, false);
        base.filter(url -> url.getRawQuery() != null || url.getRawFragment() != null).ifPresent(url ->
                chatData.problem("api_base_url", "must be a base URL without ?query or #fragment, e.g. "
                        + ChatDataApiConfig.DEFAULT_BASE_URL));
        URI apiBaseUrl = base.filter(url -> url.getRawQuery() == null && url.getRawFragment() == null)
                .orElse(ChatDataApiConfig.DEFAULT_BASE_URL);
        if (apiKey.isPresent() && "http".equalsIgnoreCase(apiBaseUrl.getScheme()) && !isLocal(apiBaseUrl)) {
            chatData.warn("api_base_url", "is http:// to " + apiBaseUrl.getHost() + ": the API key crosses the "
                    + "network in clear, and anyone on the way can read it; use https://");
        }
        return new ChatDataApiConfig(apiKey, apiBaseUrl);
    }

    /** A host on this machine: a stand-in or a proxy next to the relay, where clear text stays local. */
    private static boolean isLocal(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT).replaceAll("^\\[(.*)]$", "$1");
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-f:]+")) {
            return false; // a name: never looked up while reading a config
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException notAnAddress) {
            return false;
        }
    }
}

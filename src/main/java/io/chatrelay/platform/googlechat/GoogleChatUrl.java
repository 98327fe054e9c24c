package io.chatrelay.platform.googlechat;

import io.chatrelay.platform.Masking;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A space webhook's URL: the one that threads replies, and the form that may be shown (key and token masked). */
final class GoogleChatUrl {

    static final Set<String> SECRET_PARAMETERS = Set.of("key", "token");
    static final String REPLY_OPTION = "messageReplyOption";
    static final String REPLY_IN_THREAD = "REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD";

    private GoogleChatUrl() {}

    /** The query's parameters in order, still percent-encoded. */
    static Map<String, String> parameters(URI url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (url.getRawQuery() != null) {
            for (String pair : url.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(equals < 0 ? pair : pair.substring(0, equals), equals < 0 ? "" : pair.substring(equals + 1));
            }
        }
        return parameters;
    }

    /** The webhook URL, asking to reply in the message's thread when {@code threaded}; a deprecated threadKey parameter is dropped. */
    static URI sending(URI webhook, boolean threaded) {
        return URI.create(base(webhook) + query(webhook, threaded, false));
    }

    /** As {@link #sending}, with the key and token masked. */
    static String shown(URI webhook, boolean threaded) {
        return base(webhook) + query(webhook, threaded, true);
    }

    private static String base(URI webhook) {
        return webhook.getScheme() + "://" + webhook.getRawAuthority() + webhook.getRawPath();
    }

    private static String query(URI webhook, boolean threaded, boolean masked) {
        Map<String, String> parameters = parameters(webhook);
        parameters.remove(REPLY_OPTION);
        parameters.remove("threadKey");
        if (threaded) {
            parameters.put(REPLY_OPTION, REPLY_IN_THREAD);
        }
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                .append(masked && SECRET_PARAMETERS.contains(name) ? Masking.MASK : value));
        return query.toString();
    }
}

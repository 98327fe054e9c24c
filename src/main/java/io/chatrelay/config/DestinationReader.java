package io.chatrelay.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code destinations} section: one method per destination type. */
final class DestinationReader {

    private static final URI SLACK_API = URI.create("https://slack.com/api");
    private static final URI TELEGRAM_API = URI.create("https://api.telegram.org");
    private static final String TYPES = "slack, discord, teams, telegram, webhook";

    private DestinationReader() {}

    static Map<String, DestinationConfig> read(Fields section) {
        Map<String, DestinationConfig> destinations = new LinkedHashMap<>();
        for (String name : section.keys()) {
            Optional<Node> node = section.raw(name);
            if (!(node.orElse(null) instanceof Node.Mapping mapping)) {
                section.problem(name, "expected a mapping with a type");
                continue;
            }
            Fields fields = section.child(section.pathOf(name), mapping);
            readOne(name, fields).ifPresent(d -> {
                destinations.put(name, d);
                PlatformUrls.check(d.type(), fields);
            });
            fields.finish();
        }
        return destinations;
    }

    private static Optional<DestinationConfig> readOne(String name, Fields fields) {
        Optional<String> type = fields.requiredString("type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        switch (type.get()) {
            case "slack":
                return slack(name, fields);
            case "discord":
                return discord(name, fields);
            case "teams":
                return teams(name, fields);
            case "telegram":
                return telegram(name, fields);
            case "webhook":
                return webhook(name, fields);
            default:
                fields.problem("type", "unknown destination type '" + type.get() + "'" + Closest.to(type.get(),
                        List.of(TYPES.split(", "))).map(meant -> ": " + meant).orElse(" (expected one of " + TYPES + ")"));
                fields.skipUnknownKeys();
                return Optional.empty();
        }
    }

    private static Optional<DestinationConfig> slack(String name, Fields fields) {
        DestinationOptions options = options(fields, new RateLimit(1, Duration.ofSeconds(1), 3));
        int before = fields.problems().size();
        Optional<URI> webhook = fields.url("webhook_url", false, true);
        Optional<Secret> token = fields.secret("token");
        Optional<String> channel = fields.nonEmpty("channel");
        URI apiBase = fields.url("api_base_url", false, false).orElse(SLACK_API);
        boolean hasWebhook = fields.has("webhook_url");
        boolean hasApi = fields.has("token") || fields.has("channel");
        if (hasWebhook && hasApi) {
            fields.problem("webhook_url", "use either webhook_url or token + channel, not both");
        } else if (!hasWebhook && !hasApi) {
            fields.problem("type", "a slack destination needs webhook_url, or token + channel");
        } else if (hasApi && (!fields.has("token") || !fields.has("channel"))) {
            fields.problem(fields.has("token") ? "channel" : "token", "is required with "
                    + (fields.has("token") ? "token" : "channel"));
        }
        if (fields.problems().size() > before) {
            return Optional.empty(); // never a slack destination without a way to post
        }
        return Optional.of(new DestinationConfig.Slack(name, webhook.map(u -> new Secret(u.toString())), token,
                channel, apiBase, options));
    }

    private static Optional<DestinationConfig> discord(String name, Fields fields) {
        DestinationOptions options = options(fields, new RateLimit(5, Duration.ofSeconds(2)));
        Optional<URI> url = fields.url("webhook_url", true, true);
        Optional<String> username = fields.string("username").filter(s -> !s.isBlank());
        Optional<URI> avatar = fields.url("avatar_url", false, false);
        Optional<String> threadName = fields.string("thread_name").filter(s -> !s.isBlank());
        threadName.ifPresent(source -> TemplateReader.check(fields, "thread_name", source));
        return url.map(u -> new DestinationConfig.Discord(name, new Secret(u.toString()), username,
                avatar.map(URI::toString), threadName, options));
    }

    private static Optional<DestinationConfig> teams(String name, Fields fields) {
        DestinationOptions options = options(fields, new RateLimit(4, Duration.ofSeconds(1)));
        return fields.url("webhook_url", true, true)
                .map(u -> new DestinationConfig.Teams(name, new Secret(u.toString()), options));
    }

    private static Optional<DestinationConfig> telegram(String name, Fields fields) {
        DestinationOptions options = options(fields, new RateLimit(1, Duration.ofSeconds(1)));
        Optional<Secret> token = fields.requiredSecret("bot_token");
        Optional<String> chatId = fields.requiredString("chat_id");
        Optional<String> threadId = fields.string("message_thread_id").filter(s -> !s.isBlank());
        URI apiBase = fields.url("api_base_url", false, false).orElse(TELEGRAM_API);
        if (token.isEmpty() || chatId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DestinationConfig.Telegram(name, token.get(), chatId.get(), threadId, apiBase, options));
    }

    private static Optional<DestinationConfig> webhook(String name, Fields fields) {
        DestinationOptions options = options(fields, null);
        Optional<URI> url = fields.url("url", true, false);
        String method = fields.string("method", "POST").trim().toUpperCase(java.util.Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            fields.problem("method", "must be POST, PUT or PATCH, got " + fields.shown("method", method));
        }
        Map<String, Secret> headers = new LinkedHashMap<>();
        fields.stringMap("headers").forEach((k, v) -> headers.put(k, new Secret(v)));
        Optional<Secret> signing = fields.secret("signing_secret");
        signing.ifPresent(s -> {
            if (!s.reveal().startsWith("whsec_")) {
                fields.problem("signing_secret", "must start with whsec_ (a Standard Webhooks secret)");
            } else if (!isBase64(s.reveal().substring("whsec_".length()))) {
                fields.problem("signing_secret", "the part after whsec_ must be base64");
            }
        });
        return url.map(u -> new DestinationConfig.Webhook(name, new Secret(u.toString()), method, headers, signing, options));
    }

    private static DestinationOptions options(Fields fields, RateLimit platformDefault) {
        Optional<RateLimit> rateLimit = Optional.ofNullable(platformDefault);
        if (fields.has("rate_limit")) {
            Fields limit = fields.mapping("rate_limit");
            long requests = limit.number("requests", 1, 1, 1_000_000);
            Duration per = limit.duration("per", Duration.ofSeconds(1));
            long burst = limit.number("burst", requests, 1, 1_000_000);
            if (!limit.has("requests")) {
                limit.problem("requests", "is required");
            }
            limit.finish();
            rateLimit = Optional.of(new RateLimit((int) requests, per, (int) burst));
        }
        Optional<Duration> timeout = fields.duration("timeout");
        Optional<TemplateConfig> template = TemplateReader.read(fields);
        return new DestinationOptions(rateLimit, timeout, template);
    }

    private static boolean isBase64(String text) {
        try {
            return !text.isEmpty() && java.util.Base64.getDecoder().decode(text).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

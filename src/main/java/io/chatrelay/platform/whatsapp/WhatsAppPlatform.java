package io.chatrelay.platform.whatsapp;

import io.chatrelay.config.DestinationFields;
import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.RateLimit;
import io.chatrelay.config.Secret;
import io.chatrelay.config.WebhookUrls;
import io.chatrelay.platform.Answer;
import io.chatrelay.platform.Formatter;
import io.chatrelay.platform.OutboundRequest;
import io.chatrelay.platform.Outcome;
import io.chatrelay.platform.Platform;
import io.chatrelay.platform.StandIn;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The WhatsApp Cloud API: one message per recipient, a template or a text. */
public final class WhatsAppPlatform implements Platform<WhatsAppConfig> {

    static final String TYPE = "whatsapp";
    private static final URI API = URI.create("https://graph.facebook.com/v23.0");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<WhatsAppConfig> configType() {
        return WhatsAppConfig.class;
    }

    /**
     * Per recipient (each is its own destination part): under the pair rate limit of about one
     * message every six seconds to the same number (error 131056).
     */
    @Override
    public Optional<RateLimit> defaultRateLimit() {
        return Optional.of(new RateLimit(1, Duration.ofSeconds(7)));
    }

    @Override
    public Optional<WhatsAppConfig> read(String name, DestinationFields fields, DestinationOptions options) {
        Optional<String> phoneNumberId = fields.requiredString("phone_number_id").map(String::trim);
        phoneNumberId.filter(id -> !id.matches("[0-9]{1,32}")).ifPresent(id -> fields.problem("phone_number_id",
                "must be the number's id from WhatsApp Manager (digits), not the phone number, got '" + id + "'"));
        Optional<Secret> token = fields.requiredSecret("access_token");
        List<String> to = recipients(fields);
        Optional<WhatsAppConfig.Template> template = fields.has("whatsapp_template") ? template(fields) : Optional.empty();
        URI apiBase = fields.url("api_base_url", false, false).orElse(API);
        if (phoneNumberId.isEmpty() || token.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new WhatsAppConfig(name, phoneNumberId.get(), token.get(), to, template, apiBase, options));
    }

    private static List<String> recipients(DestinationFields fields) {
        List<String> to = new ArrayList<>();
        for (String number : fields.strings("to")) {
            String trimmed = number.trim().replace(" ", "");
            if (!E164.matcher(trimmed).matches()) {
                fields.problem("to", "'" + number + "' is not an E.164 number like +15551234567 (+, country code, number)");
            } else if (to.contains(trimmed)) {
                fields.problem("to", trimmed + " is listed twice");
            } else {
                to.add(trimmed);
            }
        }
        if (fields.strings("to").isEmpty()) {
            fields.problem("to", "is required: the recipients' numbers in E.164, e.g. [\"+15551234567\"]");
        }
        return to;
    }

    private static Optional<WhatsAppConfig.Template> template(DestinationFields fields) {
        DestinationFields template = fields.mapping("whatsapp_template");
        Optional<String> name = template.requiredString("name");
        String language = template.string("language").filter(s -> !s.isBlank()).orElse("en_US").trim();
        if (!LANGUAGE.matcher(language).matches()) {
            template.problem("language", "must be a template language code like en_US or de, got '" + language + "'");
        }
        List<String> parameters = template.strings("parameters");
        for (int i = 0; i < parameters.size(); i++) {
            template.template("parameters", parameters.get(i));
        }
        template.finish();
        return name.map(n -> new WhatsAppConfig.Template(n, language, parameters));
    }

    @Override
    public Optional<WhatsAppConfig> standIn(WhatsAppConfig d, StandIn at) {
        return Optional.of(new WhatsAppConfig(d.name(), d.phoneNumberId(), d.accessToken(), d.to(), d.template(),
                URI.create(at.http() + "/v23.0"), d.options()));
    }

    @Override
    public String displayName() {
        return "WhatsApp";
    }

    @Override
    public WebhookUrls webhookUrls() {
        return WebhookUrls.NONE;
    }

    @Override
    public Optional<List<String>> asRead(byte[] body) {
        return Optional.empty();
    }

    @Override
    public Answer standInAnswer(String path, Map<String, String> query) {
        return Answer.json(200, "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.DEMO\"}]}");
    }

    @Override
    public Formatter formatter(WhatsAppConfig destination) {
        return new WhatsAppFormatter(destination);
    }

    @Override
    public Outcome classify(OutboundRequest request, Answer answer, Instant now) {
        return WhatsAppAnswers.classify(answer, now);
    }
}

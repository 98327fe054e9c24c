package io.chatrelay.format;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.chatrelay.event.ChatDataEvent;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user's Mustache template over the event's fields ({@code {{lead.name}}}, {@code {{event}}}),
 * compiled once for every escaping syntax. Missing fields render empty.
 */
public final class MessageTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    private final String source;
    private final Map<TemplateSyntax, Template> compiled = new EnumMap<>(TemplateSyntax.class);

    /** Compiles {@code source}; throws {@link com.samskivert.mustache.MustacheException} when it does not compile. */
    public MessageTemplate(String source) {
        this.source = source;
        for (TemplateSyntax syntax : TemplateSyntax.values()) {
            compiled.put(syntax, Mustache.compiler().withEscaper(syntax.escaper).defaultValue("").compile(source));
        }
    }

    public String render(ChatDataEvent event, String eventId, TemplateSyntax syntax) {
        Map<String, Object> context = JSON.convertValue(event.fields(), MAP);
        context.putIfAbsent("id", eventId);
        return compiled.get(syntax).execute(context);
    }

    public String source() {
        return source;
    }
}

package io.chatrelay.render;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.chatrelay.event.ChatDataEvent;
import java.io.Writer;
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

    /**
     * The rendered text, cut at {@link #MAX_OUTPUT} characters, where rendering stops: a template
     * whose sections nest over a visitor's long list (1,000 messages three levels deep: a billion
     * lines) ends at once instead of filling the memory. Every platform cuts far shorter anyway.
     */
    public String render(ChatDataEvent event, String eventId, TemplateSyntax syntax) {
        Map<String, Object> context = JSON.convertValue(event.fields(), MAP);
        context.putIfAbsent("id", eventId);
        Bounded out = new Bounded();
        try {
            compiled.get(syntax).execute(context, out);
        } catch (Bounded.Full full) {
            // the text so far is all that any destination could take
        }
        return out.text.toString();
    }

    /** More text than any destination takes: no platform shows more than a few thousand characters. */
    static final int MAX_OUTPUT = 65_536;

    /** Collects the output up to {@link #MAX_OUTPUT} characters, then stops the rendering. */
    private static final class Bounded extends Writer {

        /** Thrown through the template engine to stop it. */
        private static final class Full extends RuntimeException {
            Full() {
                super(null, null, false, false);
            }
        }

        private final StringBuilder text = new StringBuilder();

        @Override
        public void write(char[] chars, int offset, int length) {
            write(new String(chars, offset, length), 0, length);
        }

        @Override
        public void write(String string, int offset, int length) {
            int room = MAX_OUTPUT - text.length();
            text.append(string, offset, offset + Math.min(length, room));
            if (length > room) {
                throw new Full();
            }
        }

        @Override
        public void flush() {
            // nothing to flush
        }

        @Override
        public void close() {
            // nothing to close
        }
    }

    public String source() {
        return source;
    }
}

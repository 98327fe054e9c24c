package io.chatrelay.render;

import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.EventParser;
import io.chatrelay.event.Lead;
import io.chatrelay.event.MalformedEventException;
import io.chatrelay.event.Message;
import io.chatrelay.event.RawEvent;
import io.chatrelay.event.Visitor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a digest, as plain text in parts a platform escapes: when, which chatbot, who, and
 * the first words. Every part is one line and bounded, so a digest's size depends on its count.
 */
public record DigestLine(String time, String chatbot, String who, String words) {

    static final int WORDS = 80;
    static final int NAME = 40;

    /** "14:02 · support-bot · Ada · How do I reset my password?" */
    public String text() {
        return String.join(" · ", time, chatbot, who, words);
    }

    /** A line per event, oldest first; the presence events of one conversation share one line. */
    static List<DigestLine> of(List<RawEvent> events) {
        List<DigestLine> lines = new ArrayList<>();
        Map<String, Presence> presence = new LinkedHashMap<>();
        for (RawEvent raw : events) {
            ChatDataEvent event;
            try {
                event = EventParser.parse(raw.body(), raw.type());
            } catch (MalformedEventException e) {
                lines.add(line(raw.receivedAt(), "", "", "unreadable " + Text.oneLine(raw.type()) + " event"));
                continue;
            }
            if (isPresence(event) && event.conversationId() != null) {
                Presence seen = presence.get(event.conversationId());
                if (seen != null) {
                    lines.set(seen.index(), seen.with(event, raw.receivedAt()).line());
                    presence.put(event.conversationId(), seen.with(event, raw.receivedAt()));
                    continue;
                }
                Presence first = Presence.first(event, raw.receivedAt(), lines.size());
                presence.put(event.conversationId(), first);
                lines.add(first.line());
                continue;
            }
            lines.add(describe(event, raw.receivedAt()));
        }
        return lines;
    }

    private static boolean isPresence(ChatDataEvent event) {
        return event instanceof ChatDataEvent.UserOnline || event instanceof ChatDataEvent.UserOffline;
    }

    private static DigestLine describe(ChatDataEvent event, Instant at) {
        if (event instanceof ChatDataEvent.Chat chat) {
            String question = null;
            for (Message message : chat.messages()) {
                if (message.fromUser()) {
                    question = message.content();
                }
            }
            return line(at, chat.chatbotId(), who(chat.lead(), null), question == null ? "(the chatbot answered)"
                    : question);
        }
        if (event instanceof ChatDataEvent.LeadSubmission lead) {
            return line(at, Text.or(lead.chatbotName(), lead.chatbotId()), who(lead.lead(), null), "new lead");
        }
        if (event instanceof ChatDataEvent.LiveChatEscalation escalation) {
            return line(at, Text.or(escalation.chatbotName(), escalation.chatbotId()), who(escalation.lead(), null),
                    "asked for a human");
        }
        return line(at, event.chatbotId(), "", Text.or(event.type(), "event"));
    }

    static String who(Lead lead, Visitor visitor) {
        if (lead != null && !Text.or(lead.name(), Text.or(lead.email(), "")).isEmpty()) {
            return Text.or(lead.name(), lead.email());
        }
        if (visitor != null) {
            return Text.or(visitor.name(), Text.or(visitor.email(), "visitor"));
        }
        return "visitor";
    }

    static DigestLine line(Instant at, String chatbot, String who, String words) {
        return new DigestLine(Digest.CLOCK.format(at), bounded(chatbot, NAME), bounded(who, NAME),
                bounded(words, WORDS));
    }

    private static String bounded(String text, int max) {
        String line = Text.oneLine(Text.or(text, ""));
        return Text.truncate(line, max);
    }

    /** A conversation's presence in the period: when it first came or went, when it last did, and how it ended. */
    private record Presence(int index, Instant first, Instant last, boolean online, boolean everOnline,
                            String chatbot, String who) {

        static Presence first(ChatDataEvent event, Instant at, int index) {
            boolean online = event instanceof ChatDataEvent.UserOnline;
            return new Presence(index, at, at, online, online, chatbot(event), visitor(event));
        }

        Presence with(ChatDataEvent event, Instant at) {
            boolean nowOnline = event instanceof ChatDataEvent.UserOnline;
            return new Presence(index, first, at, nowOnline, everOnline || nowOnline, chatbot, who);
        }

        /** "online 14:02-14:05", "online since 14:02", "offline 14:05". */
        DigestLine line() {
            String words;
            if (!everOnline) {
                words = "offline " + Digest.CLOCK.format(last);
            } else if (online) {
                words = "online since " + Digest.CLOCK.format(first);
            } else {
                words = "online " + Digest.CLOCK.format(first) + "-" + Digest.CLOCK.format(last);
            }
            return DigestLine.line(first, chatbot, who, words);
        }

        private static String chatbot(ChatDataEvent event) {
            return event instanceof ChatDataEvent.UserOnline online ? Text.or(online.chatbotName(), online.chatbotId())
                    : Text.or(((ChatDataEvent.UserOffline) event).chatbotName(), event.chatbotId());
        }

        private static String visitor(ChatDataEvent event) {
            Visitor visitor = event instanceof ChatDataEvent.UserOnline online ? online.visitor()
                    : ((ChatDataEvent.UserOffline) event).visitor();
            return DigestLine.who(null, visitor);
        }
    }
}

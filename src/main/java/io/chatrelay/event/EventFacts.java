package io.chatrelay.event;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who an event is about and the first words of its message, derived at acceptance so that a list
 * can show them and a search can find the event without reading bodies. {@code who} is the lead's
 * or visitor's name, else email, else phone; {@code terms} are what a search matches by prefix,
 * lower-cased: the whole name and each of its words, the email and its domain, the phone's digits
 * (and its last digits, from seven on, so that it is found without its country or area code).
 */
public record EventFacts(String who, String excerpt, List<String> terms) {

    /** Characters of the message an excerpt keeps. */
    static final int EXCERPT = 80;
    /** Characters of a term kept: longer values are still found by their start. */
    static final int TERM = 120;

    /** The fewest last digits of a phone number that find it. */
    static final int PHONE_TAIL = 7;

    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NOT_DIGITS = Pattern.compile("[^0-9]");

    public static final EventFacts NONE = new EventFacts(null, null, List.of());

    public EventFacts {
        terms = List.copyOf(terms);
    }

    /** The facts of a parsed event. */
    public static EventFacts of(ChatDataEvent event) {
        String name = null;
        String email = null;
        String phone = null;
        List<Message> messages = List.of();
        if (event instanceof ChatDataEvent.Chat chat) {
            name = chat.lead().name();
            email = chat.lead().email();
            phone = chat.lead().phone();
            messages = chat.messages();
        } else if (event instanceof ChatDataEvent.LiveChatEscalation escalation) {
            name = escalation.lead().name();
            email = escalation.lead().email();
            phone = escalation.lead().phone();
            messages = escalation.messages();
        } else if (event instanceof ChatDataEvent.LeadSubmission lead) {
            name = lead.lead().name();
            email = lead.lead().email();
            phone = lead.lead().phone();
        } else if (event instanceof ChatDataEvent.UserOnline online) {
            return of(online.visitor(), List.of());
        } else if (event instanceof ChatDataEvent.UserOffline offline) {
            return of(offline.visitor(), List.of());
        }
        return of(name, email, phone, messages);
    }

    /** The facts of a stored body; none when it cannot be read as an event. */
    public static EventFacts of(byte[] body, String type) {
        try {
            return of(EventParser.parseStored(body, type));
        } catch (MalformedEventException | RuntimeException e) {
            return NONE;
        }
    }

    private static EventFacts of(Visitor visitor, List<Message> messages) {
        return visitor == null ? NONE : of(visitor.name(), visitor.email(), visitor.phone(), messages);
    }

    private static EventFacts of(String name, String email, String phone, List<Message> messages) {
        name = plain(name);
        email = plain(email);
        phone = plain(phone);
        String who = name != null ? name : email != null ? email : phone;
        Set<String> terms = new LinkedHashSet<>();
        if (name != null) {
            term(terms, name);
            for (String word : SPACES.split(name)) {
                term(terms, word);
            }
        }
        if (email != null) {
            term(terms, email);
            term(terms, email.substring(email.indexOf('@') + 1));
        }
        if (phone != null) {
            String digits = NOT_DIGITS.matcher(phone).replaceAll("");
            for (int from = 0; from == 0 || digits.length() - from >= PHONE_TAIL; from++) {
                term(terms, digits.substring(from)); // found without its country or area code too
            }
        }
        return new EventFacts(who, excerpt(messages), List.copyOf(terms));
    }

    /** The first words of the visitor's last message, else of the last message. */
    private static String excerpt(List<Message> messages) {
        Message chosen = null;
        for (Message message : messages) {
            if (chosen == null || !chosen.fromUser() || message.fromUser()) {
                chosen = message;
            }
        }
        String text = chosen == null ? null : plain(chosen.content());
        if (text == null || text.length() <= EXCERPT) {
            return text;
        }
        int end = text.lastIndexOf(' ', EXCERPT - 1);
        end = end < EXCERPT / 2 ? EXCERPT - 1 : end;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static void term(Set<String> terms, String value) {
        String term = normalise(value);
        if (!term.isEmpty()) {
            terms.add(term.length() > TERM ? term.substring(0, TERM) : term);
        }
    }

    /** What a search and a term are compared as: lower-cased, trimmed. */
    public static String normalise(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    /** One line, without the bidirectional isolates the parser added nor control characters; null when blank. */
    private static String plain(String text) {
        if (text == null) {
            return null;
        }
        String line = SPACES.matcher(CONTROLS.matcher(text).replaceAll(" ").strip()).replaceAll(" ");
        return line.isEmpty() ? null : line;
    }
}

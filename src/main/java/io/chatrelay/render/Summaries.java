package io.chatrelay.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatrelay.event.ChatDataEvent;
import io.chatrelay.event.Json;
import io.chatrelay.event.Lead;
import io.chatrelay.event.Message;
import io.chatrelay.event.Visitor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decides what each event type's message says; platform formatters decide how it looks. */
public final class Summaries {

    private static final int RED = 0xE01E5A;
    private static final int GREEN = 0x2EB67D;
    private static final int BLUE = 0x36C5F0;
    private static final int ONLINE = 0x43B581;
    private static final int GREY = 0x99AAB5;

    private Summaries() {}

    public static Summary of(ChatDataEvent event) {
        if (event instanceof ChatDataEvent.Chat chat) {
            return chat(chat);
        }
        if (event instanceof ChatDataEvent.LiveChatEscalation escalation) {
            return escalation(escalation);
        }
        if (event instanceof ChatDataEvent.LeadSubmission lead) {
            return lead(lead);
        }
        if (event instanceof ChatDataEvent.UserOnline online) {
            return presence("🟢", "Visitor online", "came online", online.chatbotName(), online.source(),
                    online.conversationId(), online.visitor(), ONLINE);
        }
        if (event instanceof ChatDataEvent.UserOffline offline) {
            return presence("⚪", "Visitor offline", "went offline", offline.chatbotName(), offline.source(),
                    offline.conversationId(), offline.visitor(), GREY);
        }
        return unknown((ChatDataEvent.Unknown) event);
    }

    private static Summary chat(ChatDataEvent.Chat chat) {
        List<Message> transcript = new ArrayList<>(chat.messages());
        if (chat.answer() != null) {
            transcript.add(new Message("assistant", chat.answer().content()));
        }
        Facts facts = new Facts()
                .add("Chatbot", chat.chatbotId())
                .add("Source", chat.source())
                .add("Conversation", chat.conversationId())
                .add("Client IP", chat.clientIp())
                .add("Credits", chat.costCredits())
                .add("Score", chat.score() == null ? null : String.format(java.util.Locale.ROOT, "%.2f", chat.score()));
        String question = lastFromUser(chat.messages());
        String line = question == null ? "The chatbot answered." : "A visitor asked: " + Text.oneLine(question);
        return new Summary("💬", "New chat answer", line, facts.list(), transcript, Optional.empty(), BLUE, false);
    }

    private static Summary escalation(ChatDataEvent.LiveChatEscalation e) {
        String bot = Text.or(e.chatbotDisplayName(), Text.or(e.chatbotName(), "the chatbot"));
        Facts facts = new Facts()
                .add("Chatbot", Text.or(e.chatbotName(), e.chatbotId()))
                .add("Conversation", e.conversationId())
                .add("Started", e.conversationStartTime() == null ? null
                        : Instant.ofEpochMilli(e.conversationStartTime()).toString())
                .add("Notify", e.notificationEmail());
        addLead(facts, e.lead());
        Optional<Summary.Link> link = Optional.ofNullable(e.handlingUrl()).filter(Summaries::isWebUrl)
                .map(url -> new Summary.Link("Open live chat", url));
        return new Summary("🚨", "Live chat escalation", "A visitor on " + bot + " asked to talk to a human.",
                facts.list(), e.messages(), link, RED, false);
    }

    private static Summary lead(ChatDataEvent.LeadSubmission e) {
        Lead lead = e.lead();
        String bot = Text.or(e.chatbotDisplayName(), Text.or(e.chatbotName(), "the chatbot"));
        Facts facts = new Facts();
        addLead(facts, lead);
        facts.add("Chatbot", Text.or(e.chatbotName(), e.chatbotId()));
        String who = Text.or(lead.name(), Text.or(lead.email(), "A visitor"));
        return new Summary("🎯", "New lead", who + " submitted the lead form on " + bot + ".", facts.list(), List.of(),
                Optional.empty(), GREEN, false);
    }

    private static Summary presence(String emoji, String title, String verb, String chatbotName, String source,
                                    String conversationId, Visitor visitor, int colour) {
        String who = Text.or(visitor.name(), Text.or(visitor.email(), "A visitor"));
        StringBuilder line = new StringBuilder(who);
        if (visitor.name() != null && visitor.email() != null) {
            line.append(" (").append(visitor.email()).append(')');
        }
        line.append(' ').append(verb);
        if (chatbotName != null) {
            line.append(" on ").append(chatbotName);
        }
        if (source != null) {
            line.append(" via ").append(source);
        }
        Facts facts = new Facts()
                .add("Name", visitor.name())
                .add("Email", visitor.email())
                .add("Phone", visitor.phone())
                .add("Source", source)
                .add("Conversation", conversationId);
        return new Summary(emoji, title, line.append('.').toString(), facts.list(), List.of(), Optional.empty(), colour,
                true);
    }

    private static Summary unknown(ChatDataEvent.Unknown e) {
        Facts facts = new Facts();
        for (Map.Entry<String, JsonNode> field : e.fields().properties()) {
            if (field.getValue().isValueNode() && !field.getKey().equals("event")) {
                facts.add(field.getKey(), Json.text(field.getValue()));
            }
        }
        return new Summary("📨", "Chat Data event: " + e.type(), "Chat Data sent an event of type " + e.type() + ".",
                facts.list(), List.of(), Optional.empty(), GREY, false);
    }

    private static void addLead(Facts facts, Lead lead) {
        facts.add("Name", lead.name()).add("Email", lead.email()).add("Phone", lead.phone());
        lead.extra().forEach(facts::add);
    }

    private static String lastFromUser(List<Message> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).fromUser()) {
                return messages.get(i).content();
            }
        }
        return null;
    }

    private static boolean isWebUrl(String url) {
        return url.startsWith("https://") || url.startsWith("http://");
    }

    /** Facts in order, leaving out the ones the event did not carry. */
    private static final class Facts {
        private final List<Summary.Fact> list = new ArrayList<>();

        Facts add(String label, String value) {
            if (value != null && !value.isBlank()) {
                list.add(new Summary.Fact(label, value));
            }
            return this;
        }

        List<Summary.Fact> list() {
            return list;
        }
    }
}

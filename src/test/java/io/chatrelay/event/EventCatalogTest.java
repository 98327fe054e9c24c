package io.chatrelay.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void everyDocumentedTypeHasASampleThatParsesAsItsOwnEvent() throws Exception {
        for (String type : EventCatalog.types()) {
            ChatDataEvent event = EventParser.parse(EventCatalog.sample(type), null);

            assertThat(event.type()).isEqualTo(type);
            assertThat(event).as(type).isNotInstanceOf(ChatDataEvent.Unknown.class);
        }
    }

    @Test
    void fieldPathsComeFromTheSamplesShapes() {
        assertThat(EventCatalog.fieldPaths()).contains("event", "chatbot_id", "lead", "lead.email", "lead.uuid",
                "answer.content", "answer.score", "messages", "conversation_start_time", "handling_url", "email",
                "client_ip", "client_id");
        assertThat(EventCatalog.fieldPaths()).doesNotContain("lead.mail", "evnt", "messages.content");
    }
}

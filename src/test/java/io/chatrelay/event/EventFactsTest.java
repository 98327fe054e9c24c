package io.chatrelay.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a list shows of whom an event is about, and the terms a search finds it by. */
class EventFactsTest {

    private static EventFacts of(String body) throws MalformedEventException {
        return EventFacts.of(EventParser.parse(body.getBytes(StandardCharsets.UTF_8), null));
    }

    @Test
    void aVisitorIsFoundByNameWordsEmailDomainAndPhoneWithOrWithoutItsCountryCode() throws Exception {
        EventFacts facts = EventFacts.of(EventParser.parse(Fixtures.bytes("user-online"), null));

        assertThat(facts.who()).isEqualTo("John Doe");
        assertThat(facts.terms()).containsExactly("john doe", "john", "doe", "john@example.com", "example.com",
                "12345678", "2345678");
        assertThat(facts.excerpt()).isNull();
    }

    @Test
    void aLeadWithNoNameIsShownByItsEmailAndAChatByTheStartOfTheVisitorsLastMessage() throws Exception {
        String words = "word ".repeat(30);
        EventFacts facts = of("""
                {"event": "chat", "lead": {"email": "Jane@Example.com"}, "messages": [
                 {"role": "user", "content": "  first\\n question"},
                 {"role": "user", "content": "%s"},
                 {"role": "assistant", "content": "an answer"}]}""".formatted(words));

        assertThat(facts.who()).isEqualTo("Jane@Example.com");
        assertThat(facts.terms()).containsExactly("jane@example.com", "example.com");
        assertThat(facts.excerpt()).as("cut at a word, with an ellipsis").startsWith("word word").endsWith("word…")
                .hasSizeLessThanOrEqualTo(EventFacts.EXCERPT + 1);
    }

    @Test
    void bidiControlsAndLineBreaksNeverReachWhatAListShows() throws Exception {
        EventFacts facts = of("""
                {"event": "live-chat-escalation", "lead": {"name": "Eve\\u202e gnp.exe"}, "messages": [
                 {"role": "user", "content": "help\\r\\n\\u2066me\\u2069 😀"}]}""");

        assertThat(facts.who()).isEqualTo("Eve gnp.exe");
        assertThat(facts.excerpt()).isEqualTo("help me 😀");
    }

    @Test
    void aBodyThatIsNoEventHasNoFacts() {
        assertThat(EventFacts.of("not json".getBytes(StandardCharsets.UTF_8), "chat")).isEqualTo(EventFacts.NONE);
    }
}

package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.chatrelay.platform.Platforms;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the relay shows of text that came from outside: secrets and contact details masked, bounded. */
class RedactorTest {

    private static Redactor redactor() throws InvalidConfigException {
        return Redactor.of(Platforms.loader(Map.of()).parse("""
                chat_data: {signing_secrets: [s]}
                admin: {token: ADMINsecret0123456789}
                routes: []
                """));
    }

    @Test
    void anExcerptMasksASecretBeforeCuttingSoNoHalfOfItShows() throws Exception {
        String answer = "x".repeat(20) + "ADMINsecret0123456789" + " tail";

        String excerpt = redactor().excerpt(answer, 30);

        assertThat(excerpt).isEqualTo("x".repeat(20) + "*** tail").doesNotContain("ADMINsecret");
        assertThat(redactor().excerpt("y".repeat(10) + "ADMINsecret0123456789", 15)).isEqualTo("y".repeat(10) + "***");
    }

    @Test
    void shownTextHidesEmailAddressesAndPhoneNumbersButNotStatusesOrIds() throws Exception {
        String shown = redactor().shown("400 invalid lead ceo@bigcorp.com / +49 30 1234567 / (415) 555-0100; "
                + "code 10015, id 1234567890123456789, at 2026-11-24T12:00:00Z");

        assertThat(shown).isEqualTo("400 invalid lead ***@*** / *** / ***; "
                + "code 10015, id 1234567890123456789, at 2026-11-24T12:00:00Z");
    }

    /**
     * A visitor's conversation id of a megabyte of letters is shown in every list of events; masking
     * it took time growing with the square of its length (about 45 minutes per view).
     */
    @Test
    void masksAMegabyteOfAddressLettersAtOnce() throws Exception {
        Redactor redactor = redactor();
        String hostile = "a".repeat(1_000_000) + " ceo@bigcorp.com";

        String shown = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> redactor.shown(hostile));

        assertThat(shown).isEqualTo("a".repeat(1_000_000) + " ***@***");
    }

    @Test
    void anExcerptIsOneLineAndBounded() throws Exception {
        assertThat(redactor().excerpt("a\n  b\tc " + "z".repeat(400), 10)).isEqualTo("a b c zzzz…");
        assertThat(redactor().excerpt(null, 10)).isNull();
    }
}

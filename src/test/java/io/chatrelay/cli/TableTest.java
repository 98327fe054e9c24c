package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void idsAreCutToTheShortestPrefixThatStillTellsThemApart() {
        List<String> ids = List.of("01a2510e-1da7-7cc8-bc89-aac67014b039", "01a2510e-1da9-7000-8000-000000000000",
                "01a2510e-1da7-7cc8-bc89-aac67014b039");

        assertThat(Table.uniquePrefixes(ids, 8)).containsExactly("01a2510e-1da7", "01a2510e-1da9", "01a2510e-1da7");
        assertThat(Table.uniquePrefixes(List.of("0123456789ab", "fedcba987654"), 8))
                .containsExactly("01234567", "fedcba98");
    }

    @Test
    void aLongValueIsCutWithAnEllipsisAndTheLineFitsItsWidth() {
        StringWriter text = new StringWriter();
        new Table(40)
                .column("NAME", 10, List.of("a-very-long-destination-name", "crm"))
                .column("RESULT", Table.FULL, List.of("404 Unknown Webhook: the channel was deleted", "-"))
                .print(new PrintWriter(text, true));

        assertThat(text.toString()).isEqualTo("""
                NAME       RESULT
                a-very-lo… 404 Unknown Webhook: the cha…
                crm        -
                """);
    }
}

package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A typo on the command line is answered as validate answers one in a config: with the name meant. */
class DidYouMeanTest {

    @TempDir
    Path dir;

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("relay.yaml"), """
                chat_data: {signing_secrets: [s]}
                destinations:
                  crm: {type: webhook, url: "https://crm.example.com/hook"}
                routes:
                  - {name: leads, match: {event: lead-submission}, to: [crm]}
                """);
    }

    @Test
    void aMisspeltOptionNamesTheOneMeant() throws Exception {
        Cli.Run run = Cli.run("routes", "test", "--config", config().toString(), "--evnt", "lead.json");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("Unknown option: '--evnt': did you mean '--event'?");
    }

    @Test
    void aMisspeltFieldOrEventTypeNamesTheOneMeant() throws Exception {
        Cli.Run field = Cli.run("routes", "test", "--config", config().toString(), "event=lead-submission",
                "lead.emial=ceo@bigcorp.com");
        Cli.Run type = Cli.run("routes", "test", "--config", config().toString(), "event=lead-submision");

        assertThat(field.exit()).isEqualTo(2);
        assertThat(field.err()).startsWith("'lead.emial=ceo@bigcorp.com': no documented event has the field "
                + "'lead.emial': did you mean 'lead.email'?");
        assertThat(type.exit()).isEqualTo(2);
        assertThat(type.err()).startsWith("'event=lead-submision': no documented event has the event type "
                + "'lead-submision': did you mean 'lead-submission'?");
    }

    @Test
    void aFieldNoEventDocumentsAndNoneIsNearIsTriedAsGiven() throws Exception {
        Cli.Run run = Cli.run("routes", "test", "--config", config().toString(), "event=lead-submission",
                "lead.favourite_colour=blue");

        assertThat(run.err()).doesNotContain("did you mean");
        assertThat(run.out()).contains("leads");
    }
}

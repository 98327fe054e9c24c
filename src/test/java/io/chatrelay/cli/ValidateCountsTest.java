package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCountsTest {

    @TempDir
    Path dir;

    @Test
    void countsDestinationsAsWrittenNotAsTheyDeliver() throws Exception {
        Path config = Files.writeString(dir.resolve("relay.yaml"), """
                chat_data: {signing_secrets: [s]}
                destinations:
                  on-call:
                    type: whatsapp
                    phone_number_id: "1234567890"
                    access_token: token
                    to: ["+15551230001", "+15551230002", "+15551230003"]
                  one:
                    type: whatsapp
                    phone_number_id: "1234567890"
                    access_token: token
                    to: ["+15551230004"]
                routes:
                  - {name: all, to: [on-call, one]}
                """);

        Cli.Run run = Cli.run("validate", "--config", config.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("valid (2 destination");
    }
}

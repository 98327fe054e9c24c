package io.chatrelay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigCommandTest {

    @Test
    void configSchemaPrintsTheCheckedInSchema() throws Exception {
        Cli.Run run = Cli.run("config", "schema");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("{").contains("\"$schema\" : \"https://json-schema.org/draft/2020-12/schema\"")
                .isEqualTo(Files.readString(Path.of("docs/config.schema.json")));
    }

    @Test
    void configAloneListsItsSubcommands() {
        assertThat(Cli.run("config").out()).contains("schema");
    }
}

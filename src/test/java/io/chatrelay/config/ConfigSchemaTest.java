package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatrelay.platform.Platforms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    /** The schema is what the loader reads from its probe; a key read elsewhere would be missing from it. */
    @Test
    void everyKeyTheLoaderReadsInTheExampleAndTheDocsIsInTheSchema() throws IOException {
        Set<String> inSchema = ConfigSchema.keyPaths(probe(), Platforms.ALL);
        Set<String> missing = new TreeSet<>();
        for (String yaml : configs()) {
            Set<String> read = ConfigSchema.keyPaths(yaml, Platforms.ALL);
            read.removeAll(inSchema);
            missing.addAll(read);
        }
        assertThat(missing).as("keys the loader reads that schema-probe.yaml does not reach: add them to it, "
                + "describe them in config-keys.properties and regenerate " + ConfigSchema.FILE).isEmpty();
    }

    @Test
    void aKeyAReaderAsksForWithoutADescriptionStopsTheSchema() {
        DestinationType colourful = new DestinationType() {
            public String type() {
                return "slack";
            }

            public String displayName() {
                return "Slack";
            }

            public WebhookUrls webhookUrls() {
                return WebhookUrls.NONE;
            }

            public Optional<RateLimit> defaultRateLimit() {
                return Optional.empty();
            }

            public Optional<? extends DestinationConfig> read(String name, DestinationFields fields,
                                                               DestinationOptions options) {
                fields.string("colour");
                return Optional.empty();
            }
        };
        assertThatThrownBy(() -> ConfigSchema.generate(List.of(colourful)))
                .hasMessageContaining("destinations.slack.colour").hasMessageContaining("config-keys.properties");
    }

    @Test
    void eachKeyHasItsTypeDefaultAndChoices() {
        String schema = ConfigSchema.generate(Platforms.ALL);
        assertThat(schema).contains("\"default\" : 8080", "\"default\" : \"10s\"",
                "\"enum\" : [ \"starttls\", \"implicit\", \"none\" ]", "\"const\" : \"whatsapp\"",
                "\"$schema\" : \"https://json-schema.org/draft/2020-12/schema\"");
    }

    private static String probe() throws IOException {
        try (var in = ConfigSchema.class.getResourceAsStream("schema-probe.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> configs() throws IOException {
        List<String> configs = new ArrayList<>(List.of(Files.readString(Path.of("config.example.yaml"))));
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).forEach(documents::add);
        }
        for (Path document : documents) {
            Matcher block = YAML_BLOCK.matcher(Files.readString(document));
            while (block.find()) {
                configs.add(block.group(1));
            }
        }
        return configs;
    }
}

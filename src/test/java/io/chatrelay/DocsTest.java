package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.ConfigSchema;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.platform.Platforms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents stay true to the tree: every relative link leads to a file (and an anchor to a
 * heading), and every {@code yaml} block in the README and {@code docs/} is a config the relay
 * loads, unless its first line is {@code # fragment} (see CONTRIBUTING.md, "Documents").
 */
class DocsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Pattern FENCE = Pattern.compile("^\\s*(```+|~~~+)\\s*([\\w-]*).*$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1", Pattern.DOTALL);
    private static final String FRAGMENT = "# fragment";

    @Test
    void everyRelativeLinkInTheDocumentsLeadsToAFileAndHeading() {
        List<String> broken = new ArrayList<>();
        for (Path file : markdown(true)) {
            broken.addAll(brokenLinks(file));
        }
        assertThat(broken).as("links that lead nowhere").isEmpty();
    }

    @Test
    void everyYamlBlockInTheReadmeAndDocsIsAConfigTheRelayLoads() {
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (Path file : markdown(false)) {
            for (Block block : yamlBlocks(read(file))) {
                if (!block.isFragment()) {
                    checked++;
                    invalidConfig(block.text()).ifPresent(problem -> invalid.add(name(file) + ":" + block.line()
                            + ": " + problem));
                }
            }
        }
        assertThat(invalid).as("yaml blocks the relay refuses (mark a partial one '# fragment')").isEmpty();
        assertThat(checked).as("whole configs checked").isGreaterThanOrEqualTo(10);
    }

    @Test
    void theCheckedInSchemaIsWhatConfigSchemaPrints() {
        assertThat(read(ROOT.resolve(ConfigSchema.FILE)))
                .as(ConfigSchema.FILE + " is stale; regenerate it: java -jar target/chat-data-relay.jar config schema > "
                        + ConfigSchema.FILE)
                .isEqualTo(ConfigSchema.generate(Platforms.ALL));
    }

    @Test
    void theExampleAndEveryYamlBlockMatchTheSchemaEditorsUse() {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(read(ROOT.resolve(ConfigSchema.FILE)));
        List<String> invalid = new ArrayList<>();
        schemaErrors(schema, read(ROOT.resolve("config.example.yaml")))
                .forEach(error -> invalid.add("config.example.yaml: " + error));
        for (Path file : markdown(false)) {
            for (Block block : yamlBlocks(read(file))) {
                if (!block.isFragment()) {
                    schemaErrors(schema, block.text()).forEach(error -> invalid.add(name(file) + ":" + block.line()
                            + ": " + error));
                }
            }
        }
        assertThat(invalid).as("configs the schema refuses").isEmpty();
    }

    @Test
    void theSchemaRefusesAMisspeltKeyAndAKeyOfAnotherPlatform() {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(ConfigSchema.generate(Platforms.ALL));
        assertThat(schemaErrors(schema, "server: {prot: 8080}")).anyMatch(error -> error.contains("prot"));
        assertThat(schemaErrors(schema, "destinations: {d: {type: discord, channel: x, webhook_url: x}}"))
                .anyMatch(error -> error.contains("channel"));
        assertThat(schemaErrors(schema, "destinations: {d: {type: email, smtp: {host: h, tls: tsl}}}"))
                .anyMatch(error -> error.contains("tls"));
        assertThat(schemaErrors(schema, "server: {port: \"${PORT:-8080}\", read_timeout: 10s}")).isEmpty();
    }

    /** The validator's words for each way {@code yaml} breaks the schema; variables stay as written, as an editor sees them. */
    private static List<String> schemaErrors(JsonSchema schema, String yaml) {
        try {
            JsonNode tree = new YAMLMapper().readTree(yaml);
            return schema.validate(tree).stream().map(ValidationMessage::getMessage).toList();
        } catch (IOException e) {
            return List.of("not YAML: " + e.getMessage());
        }
    }

    @Test
    void theExampleConfigLoads() {
        assertThat(invalidConfig(read(ROOT.resolve("config.example.yaml")))).isEmpty();
    }

    @Test
    void aLinkToAMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("other.md"), "# Other page\n\n## Rate limits\n");
        Path page = dir.resolve("page.md");
        Files.writeString(page, """
                # Page

                [fine](other.md#rate-limits), [here](#page), `[in code](nowhere.md)`, [web](https://example.com/x)
                [gone](missing.md) and [no heading](other.md#retries) and [no anchor here](#nothing)

                ```text
                [in a block](nowhere.md)
                ```
                """);

        assertThat(brokenLinks(page)).containsExactly("page.md: missing.md", "page.md: other.md#retries",
                "page.md: #nothing");
    }

    @Test
    void aYamlBlockTheLoaderRefusesIsReportedUnlessMarkedAFragment() {
        List<Block> blocks = yamlBlocks("""
                ```yaml
                chat_data: {signing_secrets: ["${SECRET}"]}
                destinations:
                  chat: {type: slack, webhok_url: "${SLACK_WEBHOOK_URL}"}
                routes: [{name: all, to: [chat]}]
                ```

                ```yaml
                # fragment: one section
                store: {url: "jdbc:sqlite:x.db"}
                ```
                """);

        assertThat(blocks).hasSize(2);
        assertThat(invalidConfig(blocks.get(0).text())).hasValueSatisfying(problem -> assertThat(problem)
                .contains("webhok_url"));
        assertThat(blocks.get(1).isFragment()).isTrue();
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(anchors("""
                # Try it in ten seconds: `demo`
                ## Where is my lead? Every event's story
                ## chat_data
                ## Retries
                ### Retries
                """)).containsExactly("try-it-in-ten-seconds-demo", "where-is-my-lead-every-events-story", "chat_data",
                "retries", "retries-1");
    }

    /** README, CONTRIBUTING and docs/; with {@code all}, BENCHMARKS too. */
    private static List<Path> markdown(boolean all) {
        List<Path> files = new ArrayList<>();
        Stream.of("README.md", "CONTRIBUTING.md", "BENCHMARKS.md")
                .filter(name -> all || name.equals("README.md"))
                .map(ROOT::resolve).filter(Files::exists).forEach(files::add);
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(files).as("documents").hasSizeGreaterThan(all ? 3 : 1);
        return files;
    }

    private static List<String> brokenLinks(Path file) {
        Map<Path, List<String>> anchorsOf = new java.util.HashMap<>();
        List<String> broken = new ArrayList<>();
        for (String target : links(read(file))) {
            if (target.contains("://") || target.startsWith("mailto:")) {
                continue;
            }
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? "" : target.substring(hash + 1);
            Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
            boolean fine = Files.exists(resolved) && (anchor.isEmpty() || !resolved.toString().endsWith(".md")
                    || anchorsOf.computeIfAbsent(resolved, md -> anchors(read(md))).contains(anchor));
            if (!fine) {
                broken.add(name(file) + ": " + target);
            }
        }
        return broken;
    }

    /** Link targets outside code blocks and code spans. */
    private static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        for (String paragraph : prose(markdown).split("\n\\s*\n")) {
            Matcher link = LINK.matcher(CODE_SPAN.matcher(paragraph).replaceAll(""));
            while (link.find()) {
                targets.add(link.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static List<String> anchors(String markdown) {
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (String line : prose(markdown).split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String text = heading.group(1).replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1");
                String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** The text with every fenced code block blanked out (lines kept, so line numbers hold). */
    private static String prose(String markdown) {
        StringBuilder out = new StringBuilder();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher opening = FENCE.matcher(line);
            if (fence == null && opening.matches()) {
                fence = opening.group(1);
                out.append('\n');
            } else if (fence != null) {
                if (line.strip().startsWith(fence) && line.strip().replace(fence.substring(0, 1), "").isEmpty()) {
                    fence = null;
                }
                out.append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    record Block(int line, String text) {

        boolean isFragment() {
            return text.strip().startsWith(FRAGMENT);
        }
    }

    private static List<Block> yamlBlocks(String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher opening = FENCE.matcher(lines[i]);
            if (!opening.matches()) {
                continue;
            }
            String fence = opening.group(1);
            StringBuilder text = new StringBuilder();
            int start = i + 1;
            for (i++; i < lines.length && !lines[i].strip().equals(fence); i++) {
                text.append(lines[i]).append('\n');
            }
            if (opening.group(2).equals("yaml")) {
                blocks.add(new Block(start, text.toString()));
            }
        }
        return blocks;
    }

    /** Why the loader refuses this config, if it does; every variable it needs (no fallback) gets a placeholder. */
    private static java.util.Optional<String> invalidConfig(String yaml) {
        Map<String, String> environment = new LinkedHashMap<>();
        ConfigLoader.requiredVariables(yaml).forEach(name -> environment.put(name, placeholder(name)));
        try {
            Platforms.loader(environment).parse(yaml);
            return java.util.Optional.empty();
        } catch (InvalidConfigException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    /** A value each kind of variable accepts: URLs (with the key and token Google Chat wants), whsec_ keys, text. */
    private static String placeholder(String name) {
        if (name.endsWith("_URL")) {
            return "https://example.com/placeholder?key=placeholder&token=placeholder";
        }
        return name.contains("WHSEC") ? "whsec_cGxhY2Vob2xkZXI=" : "placeholder";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(Path file) {
        Path relative = file.isAbsolute() && file.startsWith(ROOT) ? ROOT.relativize(file) : file.getFileName();
        return relative.toString();
    }
}

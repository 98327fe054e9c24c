package io.chatrelay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Docker image runs the relay with the JVM options the README and docs/operations.md recommend,
 * whatever the container's memory limit, and the docs show the command it runs.
 */
class DockerImageTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** A recommended command in the docs: {@code java OPTIONS -jar …}. */
    private static final Pattern RECOMMENDED = Pattern.compile("`java ((?:-\\S+ )+)-jar …`");

    @Test
    void theImageRunsTheRelayWithTheMemoryOptionsTheDocsRecommend() throws IOException {
        List<String> readme = recommended(read("README.md"));
        List<String> operations = recommended(section(read("docs/operations.md"), "## Memory"));

        assertThat(readme).as("the README's recommended JVM options").contains("-Xmx256m");
        assertThat(operations).as("docs/operations.md's, section Memory").isEqualTo(readme);
        assertThat(jvmOptions(instruction("ENTRYPOINT")))
                .as("the options the image's ENTRYPOINT gives the JVM")
                .containsAll(readme)
                .contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theDockerSectionShowsTheCommandTheImageRuns() throws IOException {
        List<String> runs = new ArrayList<>(instruction("ENTRYPOINT"));
        runs.addAll(instruction("CMD"));

        assertThat(section(read("docs/operations.md"), "## Docker"))
                .as("docs/operations.md, section Docker, shows the image's command")
                .contains("\n" + String.join(" ", runs) + "\n");
    }

    /** The options of the docs' first {@code java … -jar …} command. */
    private static List<String> recommended(String text) {
        Matcher command = RECOMMENDED.matcher(text);
        assertThat(command.find()).as("a recommended `java <options> -jar …` in:%n%s", text).isTrue();
        return Arrays.asList(command.group(1).trim().split(" "));
    }

    /** The words before {@code -jar}, less {@code java}. */
    private static List<String> jvmOptions(List<String> command) {
        assertThat(command).startsWith("java").contains("-jar");
        return command.subList(1, command.indexOf("-jar"));
    }

    /** A Dockerfile instruction in exec form, as its words. */
    private static List<String> instruction(String name) throws IOException {
        Matcher line = Pattern.compile("(?m)^" + name + " (\\[.*])$").matcher(read("Dockerfile"));
        assertThat(line.find()).as("the Dockerfile's %s in exec form", name).isTrue();
        return new ObjectMapper().readValue(line.group(1), new TypeReference<List<String>>() {});
    }

    /** From a heading to the next heading of its level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("heading %s", heading).isNotNegative();
        int end = markdown.indexOf("\n" + heading.substring(0, heading.indexOf(' ') + 1), start + 1);
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }
}

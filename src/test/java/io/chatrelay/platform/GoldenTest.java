package io.chatrelay.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chatrelay.testkit.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture through every platform, compared with a reviewed copy in
 * {@code src/test/resources/golden/}: a formatting change shows up as a diff. After a deliberate
 * change run {@code mvn test -Dtest=GoldenTest -Dgolden.update=true}, read the diff, commit it.
 */
class GoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TestFactory
    List<DynamicTest> everyFixtureOnEveryPlatformMatchesItsGoldenCopy() {
        List<DynamicTest> tests = new ArrayList<>();
        for (PlatformCase platform : PlatformKit.ALL) {
            for (String fixture : Fixtures.ALL) {
                tests.add(DynamicTest.dynamicTest(platform + "/" + fixture, () -> check(platform, fixture)));
            }
        }
        return tests;
    }

    private static void check(PlatformCase platform, String fixture) throws IOException {
        OutboundRequest request = platform.formatter().format(FormatterFixtures.envelope(Fixtures.bytes(fixture)));
        String rendered = render(request);
        Path golden = GOLDEN.resolve(platform.name()).resolve(fixture + ".txt");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden copy (create it with -Dgolden.update=true)").exists();
        assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        assertThat(platform.violations(request)).isEmpty();
    }

    private static String render(OutboundRequest request) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(request.method()).append(' ').append(request.displayUrl()).append('\n');
        request.headers().forEach((name, value) -> out.append(name).append(": ").append(Masking.header(name, value))
                .append('\n'));
        request.okField().ifPresent(field -> out.append("(success needs \"").append(field).append("\": true)\n"));
        request.threadCapture().ifPresent(capture -> out.append("(thread of ").append(capture.conversationId())
                .append(" from \"").append(capture.field()).append("\")\n"));
        out.append('\n').append(body(request.body())).append('\n');
        return out.toString();
    }

    /** JSON pretty-printed; anything else (a mail message) as text, with its line ends as they are. */
    private static String body(byte[] body) {
        try {
            return JSON.writeValueAsString(JSON.readTree(body));
        } catch (IOException notJson) {
            return new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }
}

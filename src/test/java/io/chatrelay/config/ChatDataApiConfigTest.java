package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Platforms;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chat_data.api_key} and {@code chat_data.api_base_url}: Chat Data's API for replies and connect. */
class ChatDataApiConfigTest {

    private static final String KEY = "sk-live-0123456789abcdef";
    private static final Map<String, String> ENV = Map.of("CHAT_DATA_API_KEY", KEY);

    @TempDir
    Path dir;

    private Path write(String chatData) throws Exception {
        return Files.writeString(dir.resolve("relay.yaml"), """
                chat_data:
                  signing_secrets: [x]
                %s
                routes: []
                """.formatted(chatData.indent(2).stripTrailing()));
    }

    private ConfigLoader.Loaded check(String chatData) throws Exception {
        return Platforms.loader(ENV).check(write(chatData));
    }

    private List<String> problems(String chatData) throws Exception {
        try {
            check(chatData);
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    @Test
    void withoutAnApiKeyTheApiIsOffAndTheBaseUrlIsChatDatas() throws Exception {
        ChatDataApiConfig api = check("dedupe_window: 1h").config().chatDataApi();

        assertThat(api.apiKey()).isEmpty();
        assertThat(api.apiBaseUrl()).isEqualTo(URI.create("https://api.chat-data.com"));
    }

    @Test
    void readsTheApiKeyFromTheEnvironmentAndABaseUrl() throws Exception {
        ChatDataApiConfig api = check("""
                api_key: "${CHAT_DATA_API_KEY}"
                api_base_url: https://chat-data-proxy.example.com/base
                """).config().chatDataApi();

        assertThat(api.apiKey()).map(Secret::reveal).contains(KEY);
        assertThat(api.apiBaseUrl()).isEqualTo(URI.create("https://chat-data-proxy.example.com/base"));
    }

    @Test
    void theApiKeyNeverShowsInTheConfigsOwnText() throws Exception {
        RelayConfig config = check("api_key: \"${CHAT_DATA_API_KEY}\"").config();

        assertThat(config.toString()).doesNotContain(KEY);
        assertThat(config.chatDataApi().toString()).doesNotContain(KEY);
    }

    @Test
    void theRedactorHidesTheApiKeyAlsoAfterBearer() throws Exception {
        Redactor redactor = Redactor.of(check("api_key: \"${CHAT_DATA_API_KEY}\"").config());

        assertThat(redactor.redact("refused Authorization: Bearer " + KEY + " here"))
                .isEqualTo("refused Authorization: Bearer *** here");
    }

    @Test
    void anEmptyApiKeyOrABadBaseUrlNamesFieldLineAndFix() throws Exception {
        assertThat(problems("api_key: \"\"")).containsExactly(
                "chat_data.api_key: is empty: give it a value, or remove the key (line 3)");
        assertThat(problems("api_base_url: ftp://api.chat-data.com")).singleElement().asString()
                .startsWith("chat_data.api_base_url: must be an http:// or https:// URL").endsWith("(line 3)");
        assertThat(problems("api_base_url: https://api.chat-data.com/?x=1")).containsExactly(
                "chat_data.api_base_url: must be a base URL without ?query or #fragment, e.g. "
                        + "https://api.chat-data.com (line 3)");
    }

    @Test
    void anUnsetApiKeyVariableIsToBeExportedAndItsValueNeverShown() throws Exception {
        List<String> problems;
        try {
            Platforms.loader(Map.of()).check(write("api_key: \"${CHAT_DATA_API_KEY}\""));
            throw new AssertionError("expected the config to be invalid");
        } catch (InvalidConfigException e) {
            problems = e.problems().stream().map(ConfigProblem::toString).toList();
        }

        assertThat(problems).singleElement().asString().startsWith("chat_data.api_key: ")
                .contains("CHAT_DATA_API_KEY").doesNotContain(":-");
    }

    @Test
    void plainHttpToAnotherHostIsAWarningButNotToThisMachine() throws Exception {
        List<String> warnings = check("""
                api_key: "${CHAT_DATA_API_KEY}"
                api_base_url: http://chat-data-proxy.example.com
                """).warnings().stream().map(ConfigProblem::toString).toList();

        assertThat(warnings).singleElement().asString()
                .startsWith("chat_data.api_base_url: is http:// to chat-data-proxy.example.com: the API key crosses")
                .contains("use https://").doesNotContain(KEY).endsWith("(line 4)");
        assertThat(check("""
                api_key: "${CHAT_DATA_API_KEY}"
                api_base_url: http://127.0.0.1:8089
                """).warnings()).isEmpty();
        assertThat(check("api_base_url: http://localhost:8089").warnings()).isEmpty();
    }

    @Test
    void aTypoInTheSectionSuggestsTheKeyMeant() throws Exception {
        assertThat(problems("api_kye: x")).singleElement().asString()
                .isEqualTo("chat_data.api_kye: unknown key: did you mean 'api_key'? (line 3)");
    }
}

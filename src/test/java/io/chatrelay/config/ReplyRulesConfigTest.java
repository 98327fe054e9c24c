package io.chatrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.platform.Platforms;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code replies} and {@code internal_prefix}, and Chat Data's API as the destination of replies. */
class ReplyRulesConfigTest {

    private static final String SLACK = """
              support:
                type: slack
                token: xoxb-1
                channel: C1
                signing_secret: s3cret
            """;

    private static String config(String chatData, String destinations) {
        return "chat_data: {signing_secrets: [x]" + chatData + "}\ndestinations:\n" + destinations
                + "routes:\n  - {name: all, to: [support]}\n";
    }

    private static List<String> problems(String yaml) {
        try {
            Platforms.loader(Map.of()).parse(yaml);
        } catch (InvalidConfigException e) {
            return e.problems().stream().filter(p -> !p.isWarning()).map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("expected the config to be invalid");
    }

    @Test
    void claimerIsTheDefaultOnceTheBotCanHearRepliesAndTheApiKeyIsSet() throws Exception {
        RelayConfig on = Platforms.loader(Map.of()).parse(config(", api_key: sk-1", SLACK));
        RelayConfig noKey = Platforms.loader(Map.of()).parse(config("", SLACK));

        ReplyRules rules = on.destinations().get("support").replyRules().orElseThrow();
        assertThat(rules.effective(true, true)).isEqualTo(ReplyRules.Mode.CLAIMER);
        assertThat(rules.internal("  // a note")).isTrue();
        assertThat(rules.internal("hello // not a note")).isFalse();
        assertThat(on.destinations()).containsKey(ChatDataDestination.NAME);
        assertThat(noKey.destinations()).doesNotContainKey(ChatDataDestination.NAME);
    }

    @Test
    void readsAnyoneAndAnotherPrefix() throws Exception {
        RelayConfig config = Platforms.loader(Map.of()).parse(config(", api_key: sk-1",
                SLACK + "    replies: anyone\n    internal_prefix: \"!note\"\n"));

        assertThat(config.destinations().get("support").replyRules())
                .contains(new ReplyRules(Optional.of(ReplyRules.Mode.ANYONE), "!note"));
    }

    @Test
    void refusesRepliesWithoutTheApiKeyOrAWayToHearThem() {
        assertThat(problems(config("", SLACK + "    replies: claimer\n"))).singleElement().asString()
                .startsWith("destinations.support.replies: replies: claimer sends agents' replies to Chat Data's API, "
                        + "which needs chat_data.api_key");
        assertThat(problems(config(", api_key: sk-1", """
                  support:
                    type: slack
                    webhook_url: https://hooks.slack.com/services/T/B/x
                    replies: anyone
                """))).singleElement().asString().startsWith("destinations.support.replies: replies: anyone needs "
                + "token + channel");
        assertThat(problems(config(", api_key: sk-1", SLACK + "    replies: everyone\n"))).singleElement()
                .asString().contains("destinations.support.replies");
    }

    @Test
    void refusesADestinationNamedLikeTheRelaysOwn() {
        assertThat(problems(config(", api_key: sk-1", SLACK + """
                  chat-data: {type: webhook, url: "https://crm.example.com/x"}
                """))).anySatisfy(p -> assertThat(p).startsWith("destinations.chat-data: is the name of the relay's "
                + "own destination"));
    }
}

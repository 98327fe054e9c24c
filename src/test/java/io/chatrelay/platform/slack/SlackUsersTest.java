package io.chatrelay.platform.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.config.DestinationOptions;
import io.chatrelay.config.Secret;
import io.chatrelay.testkit.ManualClock;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The name a press is taken under: users.info's display name, else real name, kept an hour; else {@code <@U…>}. */
class SlackUsersTest {

    private final ManualClock clock = new ManualClock();

    private static SlackConfig destination(SlackStandIn slack, boolean token) {
        return new SlackConfig("support-slack", token ? Optional.empty() : Optional.of(new Secret(slack.webhookUrl())),
                token ? Optional.of(new Secret(SlackStandIn.TOKEN)) : Optional.empty(),
                token ? Optional.of("C0SUPPORT") : Optional.empty(), URI.create(slack.apiBase()),
                new DestinationOptions(Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.of(new Secret("signing")));
    }

    @Test
    void asksSlackOncePerUserAnHourAndTakesTheRealNameWhenNoDisplayNameIsSet() throws Exception {
        try (SlackStandIn slack = new SlackStandIn().user("U0ANA", "Ana").user("U0BEN", " ", "Ben Okafor")) {
            SlackUsers users = new SlackUsers(clock);
            SlackConfig destination = destination(slack, true);

            assertThat(users.name(destination, "U0ANA")).isEqualTo("Ana");
            assertThat(users.name(destination, "U0ANA")).isEqualTo("Ana");
            assertThat(users.name(destination, "U0BEN")).isEqualTo("Ben Okafor");
            assertThat(slack.userLookups()).isEqualTo(2);

            clock.advance(Duration.ofMinutes(61));
            assertThat(users.name(destination, "U0ANA")).isEqualTo("Ana");
            assertThat(slack.userLookups()).isEqualTo(3);
        }
    }

    @Test
    void aPersonComesWithTheirPictureAndWithoutOneWhenSlackCannotSay() throws Exception {
        try (SlackStandIn slack = new SlackStandIn().user("U0ANA", "Ana")) {
            SlackUsers users = new SlackUsers(clock);

            assertThat(users.person(destination(slack, true), "U0ANA"))
                    .isEqualTo(new SlackUsers.Person("Ana", Optional.of("https://example.com/a.png"), true));
            assertThat(users.kept("U0ANA")).map(SlackUsers.Person::name).contains("Ana");
            assertThat(users.person(destination(slack, true), "U0NOBODY"))
                    .isEqualTo(new SlackUsers.Person("<@U0NOBODY>", Optional.empty(), false));
            assertThat(users.kept("U0NOBODY")).isEmpty();
        }
    }

    @Test
    void fallsBackToTheUsersMentionWhenSlackCannotSayOrThereIsNoToken() throws Exception {
        try (SlackStandIn slack = new SlackStandIn()) {
            SlackUsers users = new SlackUsers(clock);

            assertThat(users.name(destination(slack, true), "U0NOBODY")).isEqualTo("<@U0NOBODY>");
            assertThat(users.name(destination(slack, false), "U0ANA")).isEqualTo("<@U0ANA>");
            assertThat(slack.userLookups()).isEqualTo(1);
        }
    }
}

package io.chatrelay.platform.email;

import static io.chatrelay.platform.PlatformCase.answer;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.util.List;
import java.util.Map;

/** Email samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class EmailKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("email", "email", "{type: email, smtp: {host: smtp.example.com, username: relay@example.com,"
                    + " password: smtpPASSWORDsecret}, from: \"Chat Data Relay <relay@example.com>\","
                    + " to: [support@example.com, \"Sales Team <sales@example.com>\"]}",
                    EmailRules::violations, List.of("smtpPASSWORDsecret"), List.of(
                            Expect.delivered(250, "250 2.0.0 Ok: queued as 4BdVx"),
                            Expect.retry(answer(451, Map.of(), "451 4.7.1 Greylisted, try again later"), null),
                            Expect.retry(answer(421, Map.of(), "421 4.3.2 Service not available"), null),
                            Expect.dead(550, "550 5.1.1 <nobody@example.com>: Recipient address rejected",
                                    "SMTP 550 5.1.1 <nobody@example.com>: Recipient address rejected"),
                            Expect.dead(535, "authentication failed: 535 5.7.8 Bad credentials", "535 5.7.8 Bad credentials"))));

    private EmailKit() {}
}

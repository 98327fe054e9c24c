package io.chatrelay.platform.teams;

import static io.chatrelay.platform.PlatformCase.http;
import static io.chatrelay.platform.PlatformCase.json;

import io.chatrelay.platform.PlatformCase;
import io.chatrelay.platform.PlatformCase.Expect;
import java.util.List;

/** Microsoft Teams samples for the shared platform kit ({@code PlatformKit}), with the rules its stand-in enforces. */
public final class TeamsKit {

    public static final List<PlatformCase> CASES = List.of(
            new PlatformCase("teams", "teams",
                    "{type: teams, webhook_url: \"https://prod.westus.logic.azure.com/workflows/x/triggers?sig=SECRET\"}",
                    json(TeamsRules::violations), List.of("sig=SECRET"), http("", "404", Expect.delivered(202, ""))));

    private TeamsKit() {}
}

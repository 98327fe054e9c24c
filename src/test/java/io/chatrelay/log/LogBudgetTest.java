package io.chatrelay.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatrelay.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogBudgetTest {

    private final ManualClock clock = new ManualClock();
    private final LogBudget budget = new LogBudget(clock);
    private final List<String> lines = new ArrayList<>();

    @Test
    void writesOneLinePerKindPerMinuteAndCountsTheRest() {
        for (int i = 0; i < 1_000; i++) {
            budget.write("bad request", note -> lines.add("bad request" + note));
        }
        budget.write("other", note -> lines.add("other" + note));
        clock.advance(Duration.ofSeconds(59));
        budget.write("bad request", note -> lines.add("bad request" + note));
        clock.advance(Duration.ofSeconds(1));
        budget.write("bad request", note -> lines.add("bad request" + note));
        budget.write("bad request", note -> lines.add("bad request" + note));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("bad request");
        assertThat(lines.get(1)).isEqualTo("other");
        assertThat(lines.get(2)).startsWith("bad request (and 1000 more like it since ");
    }

    @Test
    void kindsPastTheLimitShareOneBudget() {
        for (int i = 0; i < LogBudget.MAX_KINDS + 500; i++) {
            String kind = "kind " + i;
            budget.write(kind, note -> lines.add(kind));
        }

        assertThat(lines).hasSize(LogBudget.MAX_KINDS + 1);
    }
}

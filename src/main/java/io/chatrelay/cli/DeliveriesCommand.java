package io.chatrelay.cli;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.DeliveryView;
import io.chatrelay.store.JdbcOutbox;
import io.chatrelay.store.Outbox;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Inspects the store and re-queues dead deliveries; safe while {@code serve} runs on the same store. */
@Command(name = "deliveries", description = "Lists deliveries in the store and replays dead ones.",
        subcommands = {DeliveriesCommand.ListCommand.class, DeliveriesCommand.ReplayCommand.class})
final class DeliveriesCommand {

    static Optional<Outbox> open(ConfigOption config, PrintWriter err) {
        Optional<RelayConfig> loaded = config.load(err);
        return loaded.map(c -> JdbcOutbox.openForTools(c.store()));
    }

    @Command(name = "list", description = "Lists the newest deliveries, optionally of one status.")
    static final class ListCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--status", paramLabel = "dead|pending|delivered", description = "Only this status.")
        DeliveryStatus status;

        @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "At most N rows (default 50).")
        int limit;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<Outbox> store = open(config, spec.commandLine().getErr());
            if (store.isEmpty()) {
                return 1;
            }
            try (Outbox outbox = store.get()) {
                List<DeliveryView> rows = outbox.list(Optional.ofNullable(status), Math.max(1, limit));
                out.printf("%-8s %-10s %-22s %-20s %-8s %s%n", "ID", "STATUS", "EVENT", "DESTINATION", "ATTEMPTS",
                        "LAST RESULT");
                for (DeliveryView row : rows) {
                    out.printf("%-8d %-10s %-22s %-20s %-8d %s%n", row.id(), row.status().name().toLowerCase(),
                            row.eventType(), row.destination(), row.attempts(),
                            row.lastReason() == null ? "-" : row.lastReason());
                }
                out.printf("%d deliveries%n", rows.size());
            }
            return 0;
        }
    }

    @Command(name = "replay", description = "Re-queues dead deliveries by id, or all of them.")
    static final class ReplayCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Parameters(paramLabel = "ID", arity = "1..*", description = "Dead delivery ids (see deliveries list).")
            List<Long> ids;

            @Option(names = "--all-dead", required = true, description = "Every dead delivery.")
            boolean allDead;
        }

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Optional<Outbox> store = open(config, spec.commandLine().getErr());
            if (store.isEmpty()) {
                return 1;
            }
            try (Outbox outbox = store.get()) {
                int replayed = which.allDead ? outbox.replayAllDead(Instant.now()) : outbox.replay(which.ids, Instant.now());
                spec.commandLine().getOut().printf("replayed %d dead deliveries%n", replayed);
                if (!which.allDead && replayed < which.ids.size()) {
                    spec.commandLine().getErr().printf("%d of the ids were not dead deliveries%n",
                            which.ids.size() - replayed);
                    return 1;
                }
            }
            return 0;
        }
    }
}

package io.chatrelay.cli;

import io.chatrelay.admin.Replays;
import io.chatrelay.admin.Stories;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.DeliveryStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
@Command(name = "deliveries", description = "Lists deliveries, shows one with every attempt, replays dead ones.",
        subcommands = {DeliveriesCommand.ListCommand.class, DeliveriesCommand.ShowCommand.class,
                DeliveriesCommand.ReplayCommand.class})
final class DeliveriesCommand {

    @Command(name = "list", description = "Lists the newest deliveries, filtered.")
    static final class ListCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--status", paramLabel = "dead|pending|delivered", description = "Only this status.")
        DeliveryStatus status;

        @Option(names = "--destination", paramLabel = "NAME", description = "Only to this destination.")
        String destination;

        @Option(names = "--event", paramLabel = "ID", description = "Only of this event.")
        String event;

        @Option(names = "--conversation", paramLabel = "ID", description = "Only of this conversation.")
        String conversation;

        @Mixin
        ListingOptions listing;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Instant from = listing.from(spec);
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> {
                DeliveryFilter filter = DeliveryFilter.newest(listing.limit).withStatus(status).withDestination(destination)
                        .withEventId(event).withConversation(conversation).withSince(from);
                Stories stories = opened.stories();
                List<Map<String, Object>> rows = opened.history().find(filter).stream().map(stories::row).toList();
                StoryPrinter printer = new StoryPrinter(spec.commandLine().getOut());
                if (listing.json) {
                    printer.json(Map.of("deliveries", rows));
                } else {
                    printer.deliveryRows(rows, listing.wide, Instant.now());
                }
                return 0;
            });
        }
    }

    @Command(name = "show", description = "Shows one delivery: its event and every attempt with the answer.")
    static final class ShowCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "A delivery id (see deliveries list).")
        long id;

        @Option(names = "--json", description = "Print JSON, as the admin API answers.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> {
                Optional<Map<String, Object>> story = opened.stories().delivery(id);
                if (story.isEmpty()) {
                    spec.commandLine().getErr().printf("no delivery %d%n", id);
                    return 1;
                }
                StoryPrinter printer = new StoryPrinter(spec.commandLine().getOut());
                if (json) {
                    printer.json(story.get());
                } else {
                    printer.delivery(story.get());
                }
                return 0;
            });
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

        @Option(names = "--json", description = "Print JSON: replayed, and not_replayed with each id's reason.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> {
                Replays.Result result = which.allDead
                        ? new Replays.Result(opened.maintenance().replayAllDead(Instant.now()), List.of())
                        : opened.replays().replay(which.ids, Instant.now());
                if (json) {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("replayed", result.replayed());
                    answer.put("not_replayed", result.notReplayed().stream().map(Replays.NotReplayed::json).toList());
                    new StoryPrinter(out).json(answer);
                } else {
                    out.printf("replayed %s%n", Plural.count(result.replayed(), "dead delivery", "dead deliveries"));
                    result.notReplayed().forEach(skipped -> spec.commandLine().getErr()
                            .printf("not replayed: %s%n", skipped.reason()));
                }
                return result.notReplayed().isEmpty() ? 0 : 1;
            });
        }
    }
}

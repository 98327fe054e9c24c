package io.chatrelay.cli;

import io.chatrelay.admin.DeliveryActions;
import io.chatrelay.admin.Replays;
import io.chatrelay.admin.Stories;
import io.chatrelay.store.ActionSource;
import io.chatrelay.store.DeliveryFilter;
import io.chatrelay.store.DeliveryStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Inspects the store and re-queues dead deliveries; safe while {@code serve} runs on the same store. */
@Command(name = "deliveries", description = "Lists deliveries, shows one with every attempt, replays dead ones, retries or resends one.",
        subcommands = {DeliveriesCommand.ListCommand.class, DeliveriesCommand.ShowCommand.class,
                DeliveriesCommand.ReplayCommand.class, DeliveriesCommand.RetryCommand.class,
                DeliveriesCommand.ResendCommand.class})
final class DeliveriesCommand {

    @Command(name = "list", description = "Lists the newest deliveries, filtered.")
    static final class ListCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--status", paramLabel = "dead|pending|delivered|skipped", description = "Only this status.")
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

    @Command(name = "replay", description = "Re-queues dead deliveries: by id, all of them, or those a filter "
            + "lists (as deliveries list --status dead would).")
    static final class ReplayCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Dead delivery ids (see deliveries list).")
        List<Long> ids = List.of();

        @Option(names = "--all-dead", description = "Every dead delivery.")
        boolean allDead;

        @Option(names = "--destination", paramLabel = "NAME", description = "The dead deliveries to this destination.")
        String destination;

        @Option(names = "--event", paramLabel = "ID", description = "The dead deliveries of this event.")
        String event;

        @Option(names = "--conversation", paramLabel = "ID", description = "The dead deliveries of this conversation.")
        String conversation;

        @Option(names = "--since", paramLabel = "WHEN",
                description = "The dead deliveries of events accepted since: a duration back (30m, 2h, 7d) or an "
                        + "instant (ISO-8601).")
        String since;

        @Option(names = "--json", description = "Print JSON: replayed, and not_replayed with each id's reason.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Optional<DeliveryFilter> filter = filter();
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> {
                Replays.Result result = filter.isPresent()
                        ? new Replays.Result(opened.actions().replay(filter.get(), ActionSource.CLI, Instant.now()),
                                List.of())
                        : opened.replays().replay(ids, ActionSource.CLI, Instant.now());
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

        /** The dead deliveries to replay by filter ({@code --all-dead}: no condition), or none when ids are given. */
        private Optional<DeliveryFilter> filter() {
            boolean filtered = destination != null || event != null || conversation != null || since != null;
            int ways = (ids.isEmpty() ? 0 : 1) + (allDead ? 1 : 0) + (filtered ? 1 : 0);
            if (ways != 1) {
                throw new ParameterException(spec.commandLine(), ways == 0
                        ? "give dead delivery ids, --all-dead, or a filter (--destination, --event, --conversation, "
                        + "--since)"
                        : "give one of: dead delivery ids, --all-dead, a filter");
            }
            if (!ids.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(DeliveryFilter.newest(Integer.MAX_VALUE).withDestination(destination)
                    .withEventId(event).withConversation(conversation).withSince(ListingOptions.since(spec, since)));
        }
    }

    @Command(name = "retry", description = "Sends a delivery waiting in backoff now, not at its next attempt's time.")
    static final class RetryCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "A pending delivery id (see deliveries list --status pending).")
        long id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> report(spec,
                    opened.actions().retryNow(id, ActionSource.CLI, Instant.now()),
                    "delivery " + id + " is due now: a running relay sends it at once"));
        }
    }

    @Command(name = "resend", description = "Sends a delivered delivery again, counting its attempts afresh.")
    static final class ResendCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "A delivered delivery id (see deliveries list --status delivered).")
        long id;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> report(spec,
                    opened.actions().resend(id, ActionSource.CLI, Instant.now()),
                    "delivery " + id + " is queued to be sent again"));
        }
    }

    /** Says what an action did, or on standard error why it did nothing (exit 1). */
    private static int report(CommandSpec spec, DeliveryActions.Outcome outcome, String done) {
        if (!outcome.done()) {
            spec.commandLine().getErr().println(outcome.reason());
            return 1;
        }
        spec.commandLine().getOut().println(done);
        return 0;
    }
}

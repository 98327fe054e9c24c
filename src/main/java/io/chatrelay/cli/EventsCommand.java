package io.chatrelay.cli;

import io.chatrelay.admin.EventIdPrefix;
import io.chatrelay.admin.Stories;
import io.chatrelay.store.DeliveryStatus;
import io.chatrelay.store.EventFilter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An event's story: what was accepted, which routes sent it where, and every attempt of every delivery. */
@Command(name = "events", description = "Shows accepted events and what became of them.",
        subcommands = {EventsCommand.ListCommand.class, EventsCommand.ShowCommand.class})
final class EventsCommand {

    @Command(name = "list", description = "Lists the newest events, filtered, each with where it went.")
    static final class ListCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type (lead-submission, "
                + "chat, ...).")
        String type;

        @Option(names = "--status", paramLabel = "dead|pending|delivered|skipped",
                description = "Only events with a delivery in this status.")
        DeliveryStatus status;

        @Option(names = "--destination", paramLabel = "NAME", description = "Only events sent to this destination.")
        String destination;

        @Option(names = "--conversation", paramLabel = "ID", description = "Only of this conversation.")
        String conversation;

        @Option(names = "--search", paramLabel = "TEXT", description = "Only events about this lead or visitor "
                + "(the start of a name, email or phone, in any case), of this conversation, or whose id starts "
                + "with these 8 characters or more.")
        String search;

        @Mixin
        ListingOptions listing;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Instant from = listing.from(spec);
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> {
                EventFilter filter = EventFilter.newest(listing.limit).withType(type).withStatus(status)
                        .withDestination(destination).withConversation(conversation).withSince(from)
                        .withSearch(search);
                Stories stories = opened.stories();
                List<Map<String, Object>> rows = opened.history().events(filter).stream().map(stories::eventRow)
                        .toList();
                StoryPrinter printer = new StoryPrinter(spec.commandLine().getOut());
                if (listing.json) {
                    printer.json(Map.of("events", rows));
                } else {
                    printer.eventRows(rows, listing.wide, Instant.now());
                }
                return 0;
            });
        }
    }

    @Command(name = "show", description = "Shows one event: type, acceptance, routes, contact, every delivery and "
            + "attempt.")
    static final class ShowCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "An event id (the relay answered it to Chat Data; see "
                + "events list), or its first 8 characters or more.")
        String id;

        @Option(names = "--json", description = "Print JSON, as the admin API answers.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> {
                Optional<Map<String, Object>> story;
                try {
                    story = opened.stories().event(EventIdPrefix.resolve(opened.history(), id));
                } catch (IllegalArgumentException notOne) {
                    spec.commandLine().getErr().println(notOne.getMessage());
                    return 1;
                }
                if (story.isEmpty()) {
                    spec.commandLine().getErr().printf("no event %s%n", id.trim());
                    return 1;
                }
                StoryPrinter printer = new StoryPrinter(spec.commandLine().getOut());
                if (json) {
                    printer.json(story.get());
                } else {
                    printer.event(story.get());
                }
                return 0;
            });
        }
    }
}

package io.chatrelay.cli;

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
        subcommands = {EventsCommand.ShowCommand.class})
final class EventsCommand {

    @Command(name = "show", description = "Shows one event: type, acceptance, routes, contact, every delivery and "
            + "attempt.")
    static final class ShowCommand implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID", description = "An event id (the relay answered it to Chat Data; see "
                + "deliveries list).")
        String id;

        @Option(names = "--json", description = "Print JSON, as the admin API answers.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return OpenStore.with(config, spec.commandLine().getErr(), opened -> {
                Optional<Map<String, Object>> story = opened.stories().event(id.trim());
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

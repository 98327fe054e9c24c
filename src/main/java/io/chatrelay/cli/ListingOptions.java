package io.chatrelay.cli;

import io.chatrelay.admin.Stories;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** What every listing takes besides its own filters: how far back, how many, and how to print them. */
final class ListingOptions {

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only events accepted since: a duration back (30m, 2h, 7d) or an instant (ISO-8601).")
    String since;

    @Option(names = "--limit", defaultValue = "50", paramLabel = "N", description = "At most N rows (default 50).")
    int limit;

    @Option(names = "--json", description = "Print JSON, as the admin API answers.")
    boolean json;

    @Option(names = "--wide", description = "Every column in full: whole ids and exact times (the default fits "
            + "100 columns).")
    boolean wide;

    /** The earliest acceptance asked for, or null for any; a bad {@code --limit} or {@code --since} is a usage error. */
    Instant from(CommandSpec spec) {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, got " + limit);
        }
        return since(spec, since);
    }

    /** {@code --since} as an instant, or null when not given; a value it cannot read is a usage error. */
    static Instant since(CommandSpec spec, String since) {
        try {
            return since == null ? null : Stories.since(since, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--since: " + e.getMessage());
        }
    }
}

package io.chatrelay.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What {@code connect} and {@code disconnect} both take: a dry run, and which chatbots. */
final class ConnectOptions {

    @Option(names = "--dry-run", description = "Prints what it would do, and changes nothing.")
    boolean dryRun;

    @Option(names = "--chatbot", paramLabel = "ID",
            description = "A chatbot to work on (repeatable); default: every chatbot the API key lists.")
    List<String> chatbots = new ArrayList<>();
}

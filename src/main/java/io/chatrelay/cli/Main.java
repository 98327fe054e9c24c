package io.chatrelay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code serve}, {@code validate}, {@code preview}, {@code sign}, {@code demo},
 * {@code deliveries}, {@code events}, {@code routes}, {@code healthcheck}.
 */
@Command(name = "chat-data-relay", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Relays signed Chat Data webhook events to Slack, Discord, Teams, Telegram and any webhook.",
        subcommands = {ServeCommand.class, ValidateCommand.class, PreviewCommand.class, SignCommand.class,
                DemoCommand.class, DeliveriesCommand.class, EventsCommand.class, RoutesCommand.class,
                HealthcheckCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: {@code --status dead} as users type it. */
    static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"chat-data-relay " + (version == null ? "development build" : version)};
        }
    }
}

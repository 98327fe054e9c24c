package io.chatrelay.cli;

import io.chatrelay.config.Closest;
import io.chatrelay.log.LibraryLogs;
import io.chatrelay.platform.Platform;
import io.chatrelay.platform.Platforms;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The command line. Every command and subcommand inherits {@code --help} and {@code --version}
 * from here, and every failure a command does not handle itself ends in {@link Failures}: one line
 * on stderr and an exit code, never a stack trace.
 */
@Command(name = "chat-data-relay", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT,
        versionProvider = Main.Version.class,
        subcommands = {CommandLine.HelpCommand.class, ServeCommand.class, ValidateCommand.class, PreviewCommand.class,
                SignCommand.class, DemoCommand.class, DeliveriesCommand.class, EventsCommand.class,
                RoutesCommand.class, HealthcheckCommand.class, ConfigCommand.class, ConnectCommand.class,
                DisconnectCommand.class})
public final class Main implements Callable<Integer> {

    static {
        LibraryLogs.install(); // before the first log line picks slf4j's provider
    }

    /** Exit code of a command whose work failed (an invalid config, a store that cannot be opened). */
    static final int FAILED = 1;
    /** Exit code of a command given wrong arguments (picocli's own choice for usage errors). */
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: {@code --status dead} as users type it, failures as one line. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.getCommandSpec().usageMessage().description(description());
        commandLine.setExecutionExceptionHandler(new Failures());
        commandLine.setParameterExceptionHandler(Main::wrongArguments);
        return commandLine;
    }

    /** No command: the help, where the command is missing (stderr), and the exit of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** What the relay does, naming every platform of the registry so the help never falls behind it. */
    static String[] description() {
        String types = Platforms.ALL.stream().map(Platform::type).collect(Collectors.joining(", "));
        return new String[] {
            "Relays signed Chat Data webhook events to chat apps, mail and webhooks, through a durable outbox.",
            "Destination types: " + types + "."};
    }

    /**
     * Wrong arguments: one line that says what is wrong and where the help is, exit {@link #USAGE};
     * not picocli's default of the whole usage text after it, where the line that matters is lost.
     */
    private static int wrongArguments(CommandLine.ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        e.getCommandLine().getErr().println(e.getMessage() + meant(e) + " (see " + command + " --help)");
        return USAGE;
    }

    /** {@code --evnt}: did you mean {@code --event}?, as {@code validate} says of a config's keys. */
    private static String meant(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
            return "";
        }
        java.util.Set<String> options = e.getCommandLine().getCommandSpec().optionsMap().keySet();
        return unmatched.getUnmatched().stream().filter(arg -> arg.startsWith("-"))
                .map(arg -> arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg)
                .flatMap(arg -> Closest.to(arg, options).stream()).findFirst().map(meant -> ": " + meant).orElse("");
    }

    /** The project's version, written into {@code version.properties} by the build from the pom. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chat-data-relay " + version()};
        }

        static String version() {
            try (InputStream in = Main.class.getResourceAsStream("/io/chatrelay/version.properties")) {
                Properties properties = new Properties();
                if (in != null) {
                    properties.load(in);
                }
                return properties.getProperty("version", "(unknown version)");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package io.chatrelay.cli;

import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.ConfigProblem;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.config.StoreConfig;
import io.chatrelay.platform.Platforms;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that read a config, and the one way they load it. */
final class ConfigOption {

    /** What a command does with warnings once the config is valid: print them, or log them. */
    interface Warnings {
        void report(Path file, List<ConfigProblem> warnings);
    }

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (default: $RELAY_CONFIG, else config.yaml). Relative paths in it are "
                    + "relative to its directory.")
    Path file;

    Path path() {
        if (file != null) {
            return file;
        }
        String fromEnvironment = System.getenv("RELAY_CONFIG");
        return Path.of(fromEnvironment == null || fromEnvironment.isBlank() ? "config.yaml" : fromEnvironment);
    }

    /** The config with its warnings printed on {@code err}, or empty after printing every problem. */
    Optional<RelayConfig> load(PrintWriter err) {
        return load(err, (path, warnings) -> print(err, path, warnings), Placeholders.NONE);
    }

    /**
     * For commands that send nothing to the configured destinations ({@code routes test}, {@code demo}):
     * a variable the environment lacks gets a placeholder value, and a note on {@code err} says so,
     * so that trying routes needs no real webhook URLs or tokens.
     */
    Optional<RelayConfig> loadWithPlaceholders(PrintWriter err) {
        return load(err, (path, warnings) -> print(err, path, warnings), Placeholders.NOTED);
    }

    /**
     * For the store tools, which need the config only to know what to mask: placeholders stand in
     * for unset variables without a note, and warnings are left to {@code validate}.
     */
    Optional<RelayConfig> loadForRedaction(PrintWriter err) {
        return load(err, (path, warnings) -> { }, Placeholders.QUIET);
    }

    private enum Placeholders { NONE, NOTED, QUIET }

    /**
     * The config, or empty after printing every problem as {@code path.to.field: message (line N)};
     * warnings of a valid config go to {@code warnings}.
     */
    Optional<RelayConfig> load(PrintWriter err, Warnings warnings) {
        return load(err, warnings, Placeholders.NONE);
    }

    private Optional<RelayConfig> load(PrintWriter err, Warnings warnings, Placeholders placeholders) {
        Path path = path();
        try {
            Map<String, String> environment = new HashMap<>(System.getenv());
            if (placeholders != Placeholders.NONE) {
                for (String name : ConfigLoader.requiredVariables(Files.readString(path))) {
                    if (environment.putIfAbsent(name, "https://unset.invalid/" + name) == null
                            && placeholders == Placeholders.NOTED) {
                        err.println("note: " + name + " is not set; a placeholder stands in for it here");
                    }
                }
            }
            ConfigLoader.Loaded loaded = Platforms.loader(environment).check(path);
            warnings.report(path, loaded.warnings());
            return Optional.of(loaded.config());
        } catch (InvalidConfigException e) {
            print(err, path, e);
        } catch (IOException e) {
            unreadable(err, path, e);
        }
        err.flush();
        return Optional.empty();
    }

    /** Only the store section: for commands that need nothing else, so no destination secret is demanded. */
    Optional<StoreConfig> loadStore(PrintWriter err) {
        Path path = path();
        try {
            return Optional.of(Platforms.fromSystemEnvironment().loadStore(path));
        } catch (InvalidConfigException e) {
            print(err, path, e);
        } catch (IOException e) {
            unreadable(err, path, e);
        }
        err.flush();
        return Optional.empty();
    }

    private static void unreadable(PrintWriter err, Path path, IOException e) {
        if (e instanceof FileSystemException file) {
            err.println(Failures.file(file));
        } else if (e instanceof java.nio.charset.CharacterCodingException) {
            err.println(path + ": cannot read: not UTF-8 text");
        } else if (java.nio.file.Files.isDirectory(path)) {
            err.println(path + ": is a directory, not a config file");
        } else {
            err.println(path + ": cannot read: " + Failures.describe(e));
        }
    }

    private static void print(PrintWriter err, Path path, InvalidConfigException e) {
        List<ConfigProblem> problems = e.problems();
        err.println(path + ": " + Plural.count(problems.size(), "problem") + (e.warnings().isEmpty() ? ""
                : ", " + Plural.count(e.warnings().size(), "warning")));
        problems.forEach(problem -> err.println("  " + problem));
        e.warnings().forEach(warning -> err.println("  warning: " + warning));
    }

    static void print(PrintWriter err, Path path, List<ConfigProblem> warnings) {
        if (!warnings.isEmpty()) {
            err.println(path + ": " + Plural.count(warnings.size(), "warning"));
            warnings.forEach(warning -> err.println("  warning: " + warning));
            err.flush();
        }
    }
}

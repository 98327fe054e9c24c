package io.chatrelay.cli;

import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.ConfigProblem;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by the commands that read a config, and the one way they load it. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Config file (default: $RELAY_CONFIG, else config.yaml).")
    Path file;

    Path path() {
        if (file != null) {
            return file;
        }
        String fromEnvironment = System.getenv("RELAY_CONFIG");
        return Path.of(fromEnvironment == null || fromEnvironment.isBlank() ? "config.yaml" : fromEnvironment);
    }

    /** The config, or empty after printing every problem as {@code path.to.field: message (line N)}. */
    Optional<RelayConfig> load(PrintWriter err) {
        return load(err, false);
    }

    /**
     * For commands that send nothing to the configured destinations ({@code routes test}, {@code demo}):
     * a variable the environment lacks gets a placeholder value, and a note on {@code err} says so,
     * so that trying routes needs no real webhook URLs or tokens.
     */
    Optional<RelayConfig> loadWithPlaceholders(PrintWriter err) {
        return load(err, true);
    }

    private Optional<RelayConfig> load(PrintWriter err, boolean placeholders) {
        Path path = path();
        try {
            Map<String, String> environment = new HashMap<>(System.getenv());
            if (placeholders) {
                for (String name : ConfigLoader.requiredVariables(Files.readString(path))) {
                    if (environment.putIfAbsent(name, "https://unset.invalid/" + name) == null) {
                        err.println("note: " + name + " is not set; a placeholder stands in for it here");
                    }
                }
            }
            RelayConfig config = new ConfigLoader(environment).load(path);
            return Optional.of(config);
        } catch (InvalidConfigException e) {
            print(err, path, e.problems());
        } catch (NoSuchFileException e) {
            err.println(path + ": no such file");
        } catch (IOException e) {
            err.println(path + ": cannot read: " + e.getMessage());
        }
        err.flush();
        return Optional.empty();
    }

    private static void print(PrintWriter err, Path path, List<ConfigProblem> problems) {
        err.println(path + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        problems.forEach(problem -> err.println("  " + problem));
    }
}

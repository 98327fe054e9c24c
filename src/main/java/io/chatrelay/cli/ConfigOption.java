package io.chatrelay.cli;

import io.chatrelay.config.ConfigLoader;
import io.chatrelay.config.ConfigProblem;
import io.chatrelay.config.InvalidConfigException;
import io.chatrelay.config.RelayConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Path path = path();
        try {
            RelayConfig config = ConfigLoader.fromSystemEnvironment().load(path);
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

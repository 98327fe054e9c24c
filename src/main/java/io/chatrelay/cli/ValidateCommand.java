package io.chatrelay.cli;

import io.chatrelay.config.RelayConfig;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "validate", description = "Checks a config and prints each problem with its field and line.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<RelayConfig> loaded = config.load(spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return 1;
        }
        RelayConfig relay = loaded.get();
        spec.commandLine().getOut().printf("%s: valid (%s, %s)%n", config.path(),
                Plural.count(relay.destinations().size(), "destination"), Plural.count(relay.routes().size(), "route"));
        return 0;
    }
}

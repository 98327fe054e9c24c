package io.chatrelay.cli;

import io.chatrelay.config.DestinationConfig;
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
        // as written: a whatsapp destination with three numbers is one, though it delivers as three
        long destinations = relay.destinations().values().stream().map(DestinationConfig::writtenAs).distinct().count();
        spec.commandLine().getOut().printf("%s: valid (%s, %s)%n", config.path(),
                Plural.count(destinations, "destination"), Plural.count(relay.routes().size(), "route"));
        return 0;
    }
}

package io.chatrelay.cli;

import io.chatrelay.config.ConfigSchema;
import io.chatrelay.platform.Platforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** About the config file itself, rather than one config. */
@Command(name = "config", description = "About the config file's format.",
        subcommands = ConfigCommand.Schema.class)
final class ConfigCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The JSON Schema editors check a config against; docs/config.schema.json is its output. */
    @Command(name = "schema", description = {
            "Prints the config's JSON Schema (draft 2020-12): every key, its type, default and meaning.",
            "Editors complete and check a config with it: docs/config.schema.json is this output."})
    static final class Schema implements Runnable {

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().print(ConfigSchema.generate(Platforms.ALL));
            spec.commandLine().getOut().flush();
        }
    }
}

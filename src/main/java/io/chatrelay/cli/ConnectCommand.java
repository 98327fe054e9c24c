package io.chatrelay.cli;

import io.chatrelay.config.RelayConfig;
import io.chatrelay.platform.chatdata.ChatDataException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code connect}: registers the relay with Chat Data (its events reach {@code server.path}) and with
 * Telegram (each bot's updates reach {@code /telegram/{destination}}), and prints the Slack app
 * manifest for each Slack destination that takes replies and claims.
 */
@Command(name = "connect", description = {
        "Registers {server.public_url}{server.path} with Chat Data (add-webhook) for each chatbot and each event "
                + "type the routes can match; points each Telegram destination with a webhook_secret at "
                + "{server.public_url}/telegram/{destination} (setWebhook); prints a Slack app manifest for each "
                + "Slack destination with a signing_secret. Running it again changes nothing.",
        "Needs chat_data.api_key and server.public_url. Exit 0 done; 1 Chat Data refused (its words); "
                + "2 the config lacks what connecting needs."})
final class ConnectCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    ConnectOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<RelayConfig> loaded = config.load(spec.commandLine().getErr());
        if (loaded.isEmpty()) {
            return Main.FAILED;
        }
        ChatDataWebhooks webhooks = ChatDataWebhooks.of(loaded.get(), spec.commandLine().getOut());
        try {
            webhooks.connect(options.chatbots, options.dryRun);
        } catch (ChatDataException e) {
            throw refused(e);
        }
        new TelegramWebhooks(loaded.get(), spec.commandLine().getOut()).connect(options.dryRun);
        SlackManifest.print(loaded.get(), spec.commandLine().getOut());
        return 0;
    }

    /** Chat Data's own words, exit 1; a temporary failure says that running the command again is safe. */
    static Failures.CommandFailure refused(ChatDataException e) {
        return new Failures.CommandFailure("Chat Data refused: " + e.getMessage()
                + (e.temporary() ? " (temporary: running the command again is safe)" : ""), Main.FAILED);
    }
}

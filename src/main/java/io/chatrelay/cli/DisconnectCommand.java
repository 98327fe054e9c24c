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

/** {@code disconnect}: undoes what {@code connect} registered (the Slack app stays: Slack has no API for it). */
@Command(name = "disconnect", description = {
        "Removes {server.public_url}{server.path} from Chat Data's webhooks (delete-webhook) for each chatbot, "
                + "and the webhook of each Telegram destination with a webhook_secret (deleteWebhook): what connect "
                + "registered.",
        "Needs chat_data.api_key and server.public_url. Exit 0 done; 1 Chat Data refused (its words); "
                + "2 the config lacks what it needs."})
final class DisconnectCommand implements Callable<Integer> {

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
            webhooks.disconnect(options.chatbots, options.dryRun);
        } catch (ChatDataException e) {
            throw ConnectCommand.refused(e);
        }
        new TelegramWebhooks(loaded.get(), spec.commandLine().getOut()).disconnect(options.dryRun);
        return 0;
    }
}

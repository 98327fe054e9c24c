package io.chatrelay.cli;

import io.chatrelay.config.Secret;
import io.chatrelay.ingest.SignatureVerifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sign", description = "Prints the x-chat-data-hmac-sha256 value Chat Data would send for FILE (or stdin).")
final class SignCommand implements Callable<Integer> {

    @Option(names = "--secret", required = true, paramLabel = "S", description = "The signing secret.")
    String secret;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The body to sign; stdin when absent.")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (secret.isEmpty()) {
            // what `sign --secret "$CHAT_DATA_SIGNING_SECRET"` runs when the variable is not set
            throw Failures.usage("--secret is empty (is the variable you passed set?)");
        }
        byte[] body = file == null ? System.in.readAllBytes() : Files.readAllBytes(file);
        spec.commandLine().getOut().println(SignatureVerifier.sign(new Secret(secret), body));
        return 0;
    }
}

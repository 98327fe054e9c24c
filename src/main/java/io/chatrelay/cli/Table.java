package io.chatrelay.cli;

import io.chatrelay.render.Text;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A text table for a terminal: each column as wide as its widest value up to its cap, values past
 * the cap cut with an ellipsis, and the last column taking what is left of the line. A cap of
 * {@link #FULL} never cuts (what {@code --wide} prints).
 */
final class Table {

    static final int FULL = Integer.MAX_VALUE;
    /** The last column never gets narrower than this, however full the line. */
    private static final int MIN_LAST = 12;

    private record Column(String header, int cap, List<String> values) {}

    private final List<Column> columns = new ArrayList<>();
    private final int lineWidth;

    /** A table whose lines are at most {@code lineWidth} characters ({@link #FULL}: as long as they need). */
    Table(int lineWidth) {
        this.lineWidth = lineWidth;
    }

    Table column(String header, int cap, List<String> values) {
        columns.add(new Column(header, cap, values));
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns.size()];
        int used = 0;
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            int widest = column.values().stream().mapToInt(String::length).max().orElse(0);
            widths[i] = Math.min(Math.max(column.header().length(), widest), column.cap());
            used += i < columns.size() - 1 ? widths[i] + 1 : 0;
        }
        int last = columns.size() - 1;
        if (lineWidth != FULL) {
            widths[last] = Math.min(widths[last], Math.max(MIN_LAST, lineWidth - used));
        }
        int rows = columns.get(0).values().size();
        line(out, widths, -1);
        for (int row = 0; row < rows; row++) {
            line(out, widths, row);
        }
    }

    private void line(PrintWriter out, int[] widths, int row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String value = row < 0 ? column.header() : column.values().get(row);
            String cut = value.length() > widths[i] ? Text.truncate(value, widths[i]) : value;
            line.append(cut);
            if (i < columns.size() - 1) {
                line.append(" ".repeat(widths[i] - cut.length() + 1));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    /**
     * The ids cut to the shortest prefix, at least {@code min} characters, that still tells every
     * one of them apart (as git shortens commit ids).
     */
    static List<String> uniquePrefixes(List<String> ids, int min) {
        List<String> distinct = ids.stream().distinct().toList();
        int longest = distinct.stream().mapToInt(String::length).max().orElse(0);
        for (int length = min; length < longest; length++) {
            Set<String> prefixes = new HashSet<>();
            int n = length;
            if (distinct.stream().allMatch(id -> prefixes.add(id.substring(0, Math.min(n, id.length()))))) {
                return ids.stream().map(id -> id.substring(0, Math.min(n, id.length()))).toList();
            }
        }
        return ids;
    }
}

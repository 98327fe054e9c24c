package io.chatrelay.config;

import io.chatrelay.log.LogBudget;
import io.chatrelay.log.LogSafe;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A route's regex against an event's value, in bounded work. Java's regex engine backtracks and
 * recurses: a pattern such as {@code ^(.*a){12}!} takes n^12 steps on a visitor's
 * {@code aaaa…}, and {@code ^(a|b)*$} overflows the stack on a long enough value. A search that
 * needs more than a budget of character reads (a few hundred per character of the value), or more
 * stack than the thread has, gives up: the condition does not hold, and one line says so (at most one a minute per pattern).
 */
final class BoundedMatch {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedMatch.class);
    static final long BASE_BUDGET = 1_000_000;
    static final long BUDGET_PER_CHAR = 200;

    private BoundedMatch() {}

    static boolean find(Pattern pattern, String value) {
        try {
            return pattern.matcher(new Budgeted(value, BASE_BUDGET + BUDGET_PER_CHAR * value.length())).find();
        } catch (OverBudget | StackOverflowError e) {
            String why = e instanceof OverBudget ? "too much backtracking" : "too deep for the stack";
            LogBudget.SHARED.write("route condition " + pattern.pattern(), note -> LOG.warn(
                    "route condition /{}/ gave up on a value of {} characters ({}); taken as not matching{}",
                    LogSafe.value(pattern.pattern()), value.length(), why, note));
            return false;
        }
    }

    /** Thrown through the regex engine when the search has read its budget of characters. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** The value, counting every character the engine reads. */
    private static final class Budgeted implements CharSequence {
        private final String value;
        private long left;

        Budgeted(String value, long budget) {
            this.value = value;
            this.left = budget;
        }

        @Override
        public char charAt(int index) {
            if (--left < 0) {
                throw new OverBudget();
            }
            return value.charAt(index);
        }

        @Override
        public int length() {
            return value.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return value.subSequence(start, end);
        }

        @Override
        public String toString() {
            return value;
        }
    }
}

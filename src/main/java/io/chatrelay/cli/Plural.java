package io.chatrelay.cli;

/** A count and its noun as a person writes them: "1 delivery", "2 deliveries", "0 attempts". */
final class Plural {

    private Plural() {}

    /** {@code n} and the noun with an {@code s} unless {@code n} is one ("1 attempt", "3 attempts"). */
    static String count(long n, String noun) {
        return count(n, noun, noun + "s");
    }

    /** {@code n} and {@code one} or {@code many}, for nouns whose plural is not an added s. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** The count of deliveries, the noun the CLI counts most. */
    static String deliveries(long n) {
        return count(n, "delivery", "deliveries");
    }
}

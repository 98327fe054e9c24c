package io.chatrelay.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The name a typo most likely meant: the nearest candidate by edit distance (insertions, deletions,
 * substitutions and swaps of neighbours), if it is near enough to be a typo rather than another name.
 */
public final class Closest {

    private Closest() {}

    /** {@code did you mean 'event'?}, or {@code 'user-online' or 'user-offline'} when two are as near. */
    public static Optional<String> to(String typed, Collection<String> candidates) {
        List<String> nearest = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        String lower = typed.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (distance < best) {
                nearest.clear();
                best = distance;
            }
            if (distance == best) {
                nearest.add(candidate);
            }
        }
        if (nearest.isEmpty() || nearest.contains(typed) || best > allowed(typed)) {
            return Optional.empty();
        }
        return Optional.of("did you mean " + nearest.stream().sorted().map(n -> "'" + n + "'")
                .collect(Collectors.joining(" or ")) + "?");
    }

    /** One edit in a short name, two in a longer one: {@code evnt} is {@code event}, {@code name} is not {@code uuid}. */
    private static int allowed(String typed) {
        return typed.length() < 9 ? 1 : 2;
    }

    /** Optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

package dev.duet.common;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The choice a mistyped word most likely meant: the one fewest edits away (an insertion, a
 * deletion, a change, or two neighbours swapped, as in {@code tpc} for {@code tcp}), if it is near
 * enough to be a slip rather than another word.
 */
public final class Nearest {
    private Nearest() {}

    public static Optional<String> of(String word, List<String> choices) {
        String typed = word.toLowerCase(Locale.ROOT);
        // two slips at most, and fewer than the word's own letters: "ab" is not a slip for "ws"
        int limit = Math.min(2, typed.length() - 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String choice : choices) {
            int distance = distance(typed, choice.toLowerCase(Locale.ROOT));
            if (distance <= limit && distance < bestDistance) {
                best = choice;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "a", "a or b", "a, b or c": the choices as a sentence says them. */
    public static String list(List<String> choices) {
        if (choices.size() < 2) {
            return String.join("", choices);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }

    /** Edits from one to the other, a swap of neighbours counting as one (optimal string alignment). */
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
                int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + change);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

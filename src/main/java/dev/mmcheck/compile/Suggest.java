package dev.mmcheck.compile;

import dev.mmcheck.model.Prim;
import java.util.ArrayList;
import java.util.List;

/** "did you mean ...?" for a misspelt routine or primitive: the closest name within two edits. */
final class Suggest {
    private Suggest() {}

    static String closest(String name, Library lib) {
        String best = null;
        int bestD = 3;
        List<String> all = new ArrayList<>(lib.names());
        for (Prim p : Prim.values()) all.add(p.cname);
        for (String n : all) {
            int d = distance(name, n);
            if (d < bestD) { bestD = d; best = n; }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++)
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}

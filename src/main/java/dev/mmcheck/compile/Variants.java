package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import java.util.List;
import java.util.Map;

/**
 * Which variant of a routine a scenario runs: an explicit {@code use}; else, for {@code kernel
 * "K"}, the variant with the highest version not above K (the kernel kept old code until it
 * changed it); else the default body. Non-version names such as "xchg-loop" need {@code use}.
 */
final class Variants {
    private Variants() {}

    /** Returns the chosen routine, or null when none applies. */
    static Ast.Routine pick(List<Ast.Routine> candidates, String kernel, Map<String, String> uses, String name) {
        String forced = uses.get(name);
        if (forced != null) {
            for (Ast.Routine r : candidates) if (forced.equals(r.variant())) return r;
            return null;
        }
        Ast.Routine best = null, dflt = null;
        for (Ast.Routine r : candidates) {
            if (r.variant() == null) { dflt = r; continue; }
            if (kernel == null || !isVersion(r.variant()) || compare(r.variant(), kernel) > 0) continue;
            if (best == null || compare(r.variant(), best.variant()) > 0) best = r;
        }
        return best != null ? best : dflt;
    }

    static boolean isVersion(String v) { return v.matches("\\d+(\\.\\d+)*"); }

    static int compare(String a, String b) {
        if (!isVersion(b)) return a.compareTo(b);
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0, q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) return Long.compare(p, q);
        }
        return 0;
    }

    static String list(List<Ast.Routine> candidates) {
        StringBuilder b = new StringBuilder();
        for (Ast.Routine r : candidates) {
            if (b.length() > 0) b.append(", ");
            b.append(r.variant() == null ? "a default body" : "\"" + r.variant() + "\"");
        }
        return b.toString();
    }
}

package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import java.util.List;

/**
 * Kernel versions ("2.6.19", "2.6.19.2": numbers separated by dots) and the releases a routine
 * covers. Comparison is by number, a missing part counting as 0: 2.6.19 < 2.6.19.1 < 2.6.19.2 <
 * 2.6.20. A range covers exactly the releases between its ends, both included; a stable
 * release is covered only where a range says so ("2.6.20" does not cover "2.6.20.1").
 */
final class Versions {
    private Versions() {}

    static boolean isVersion(String v) { return v.matches("\\d{1,9}(\\.\\d{1,9})*"); }

    static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0, q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) return Long.compare(p, q);
        }
        return 0;
    }

    static boolean covers(List<Ast.KernelRange> ranges, String kernel) {
        if (ranges == null) return false;
        for (Ast.KernelRange r : ranges)
            if (compare(r.lo(), kernel) <= 0 && compare(kernel, r.hi()) <= 0) return true;
        return false;
    }

    static boolean overlap(List<Ast.KernelRange> a, List<Ast.KernelRange> b) {
        for (Ast.KernelRange x : a)
            for (Ast.KernelRange y : b)
                if (compare(x.lo(), y.hi()) <= 0 && compare(y.lo(), x.hi()) <= 0) return true;
        return false;
    }

    /** "2.6.19 .. 2.6.19.1, 2.6.20" */
    static String describe(List<Ast.KernelRange> ranges) {
        StringBuilder b = new StringBuilder();
        for (Ast.KernelRange r : ranges) {
            if (b.length() > 0) b.append(", ");
            b.append(r.lo());
            if (!r.hi().equals(r.lo())) b.append(" .. ").append(r.hi());
        }
        return b.toString();
    }
}

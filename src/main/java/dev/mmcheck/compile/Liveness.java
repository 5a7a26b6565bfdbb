package dev.mmcheck.compile;

import java.util.List;

/** Backward liveness over a thread's code: which registers may be read from each pc on. */
final class Liveness {
    private Liveness() {}

    /** live-in sets, one bitset per pc, over n registers. */
    static long[][] liveIn(List<Ir> code, int n) {
        int words = Math.max(1, (n + 63) >>> 6);
        long[][] in = new long[code.size()][words];
        boolean changed = true;
        long[] out = new long[words];
        while (changed) {
            changed = false;
            for (int pc = code.size() - 1; pc >= 0; pc--) {
                Ir ir = code.get(pc);
                java.util.Arrays.fill(out, 0);
                for (int succ : ir.successors(pc, code.size())) or(out, in[succ]);
                if (ir.dst >= 0) out[ir.dst >>> 6] &= ~(1L << ir.dst);
                for (int u : ir.uses()) out[u >>> 6] |= 1L << u;
                if (!java.util.Arrays.equals(out, in[pc])) {
                    System.arraycopy(out, 0, in[pc], 0, words);
                    changed = true;
                }
            }
        }
        return in;
    }

    private static void or(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) a[i] |= b[i];
    }

    static boolean has(long[] set, int r) { return (set[r >>> 6] & (1L << r)) != 0; }

    /**
     * Gives registers that are never live at once the same slot, so the state vector holds
     * only as many locals as are live together (greedy colouring, in order of first use).
     */
    static int[] allocate(List<Ir> code, int n, long[][] in) {
        // clash[r] is a bitset over registers: n^2 bits, not n^2 booleans.
        int words = Math.max(1, (n + 63) >>> 6);
        long[][] clash = new long[n][];
        for (int pc = 0; pc < code.size(); pc++) {
            Ir ir = code.get(pc);
            long[] live = in[pc].clone();
            for (int succ : ir.successors(pc, code.size())) or(live, in[succ]);
            if (ir.dst >= 0) live[ir.dst >>> 6] |= 1L << ir.dst;
            for (int r : members(live, n)) {
                if (clash[r] == null) clash[r] = new long[words];
                or(clash[r], live);
            }
        }
        int[] slot = new int[n];
        java.util.Arrays.fill(slot, -1);
        boolean[] taken = new boolean[n + 1];
        for (int r = 0; r < n; r++) {
            java.util.Arrays.fill(taken, false);
            if (clash[r] != null)
                for (int o : members(clash[r], n)) if (o != r && slot[o] >= 0) taken[slot[o]] = true;
            int s = 0;
            while (taken[s]) s++;
            slot[r] = s;
        }
        return slot;
    }

    private static int[] members(long[] set, int n) {
        int c = 0;
        for (int r = 0; r < n; r++) if (has(set, r)) c++;
        int[] m = new int[c];
        c = 0;
        for (int r = 0; r < n; r++) if (has(set, r)) m[c++] = r;
        return m;
    }
}

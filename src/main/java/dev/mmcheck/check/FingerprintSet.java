package dev.mmcheck.check;

import java.util.Arrays;

/**
 * The visited set: 64-bit fingerprints of state vectors in an open-addressing table of
 * primitive longs (linear probing, 0 = empty). Two distinct states share a fingerprint with
 * probability about n^2 / 2^65 — for ten million states, under 3 in a million.
 */
public final class FingerprintSet {
    private long[] table;
    private int size;
    private int mask;

    public FingerprintSet(int capacityPow2) {
        table = new long[capacityPow2];
        mask = capacityPow2 - 1;
    }

    public int size() { return size; }
    public long bytes() { return (long) table.length * 8; }
    /** What the next resize would allocate, to check against the memory limit before it happens. */
    public long bytesAfterGrow() { return size + 1 > table.length * 0.6 ? (long) table.length * 16 : 0; }

    /** Adds fp; returns false if it was already there. */
    public boolean add(long fp) {
        if (fp == 0) fp = 1;
        int i = (int) (fp ^ (fp >>> 32)) & mask;
        while (true) {
            long v = table[i];
            if (v == 0) break;
            if (v == fp) return false;
            i = (i + 1) & mask;
        }
        table[i] = fp;
        if (++size > table.length * 0.6) grow();
        return true;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length - 1;
        for (long v : old) {
            if (v == 0) continue;
            int i = (int) (v ^ (v >>> 32)) & mask;
            while (table[i] != 0) i = (i + 1) & mask;
            table[i] = v;
        }
    }

    /**
     * A 64-bit hash of a state vector: the sum, mod 2^64, of a strong mix of each (position,
     * value) pair. Being a sum, it can be updated from a parent state's fingerprint by the few
     * positions a step changed ({@link #update}), instead of rehashing the whole vector for every
     * successor. fmix64 is a bijection, so distinct pairs have distinct terms, and two distinct
     * vectors collide only when their differing terms happen to sum to zero: the same 2^-64 odds
     * as any good 64-bit hash.
     */
    public static long fingerprint(int[] s) {
        long h = 0;
        for (int i = 0; i < s.length; i++) h += term(i, s[i]);
        return h;
    }

    /**
     * The fingerprint of {@code next}, from that of {@code prev} ({@code fp}): the terms of the
     * positions where the two differ are swapped. Arrays.mismatch is a vectorised compare.
     */
    public static long update(long fp, int[] prev, int[] next) {
        int n = prev.length;
        for (int i = 0; i < n; i++) {
            int d = Arrays.mismatch(prev, i, n, next, i, n);
            if (d < 0) break;
            i += d;
            fp += term(i, next[i]) - term(i, prev[i]);
        }
        return fp;
    }

    private static long term(int i, int v) { return fmix(((long) i << 32 | (v & 0xFFFFFFFFL)) ^ 0x9E3779B97F4A7C15L); }

    private static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}

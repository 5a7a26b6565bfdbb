package dev.mmcheck.check;

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

    /** A 64-bit hash of a state vector (murmur3-style mixing per int, fmix64 to finish). */
    public static long fingerprint(int[] s) {
        long h = 0x9E3779B97F4A7C15L ^ s.length;
        for (int x : s) {
            long k = x * 0x87C37B91114253D5L;
            k = Long.rotateLeft(k, 31) * 0x4CF5AD432745937FL;
            h ^= k;
            h = Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}

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

    /**
     * A 64-bit hash of a state vector. Two ints make one 64-bit word, and four lanes mix every
     * fourth word each (murmur3's per-word mixing), so the CPU works on four independent
     * multiply chains instead of one serial chain over the whole vector; each lane is finished
     * with fmix64, and the lanes are combined rotated (so equal words in different lanes do
     * not cancel) and finished once more.
     */
    public static long fingerprint(int[] s) {
        long h0 = 0x9E3779B97F4A7C15L, h1 = 0xC2B2AE3D27D4EB4FL, h2 = 0x165667B19E3779F9L, h3 = 0x27D4EB2F165667C5L;
        int n = s.length, i = 0;
        for (; i + 8 <= n; i += 8) {
            h0 = mix(h0, word(s[i], s[i + 1]));
            h1 = mix(h1, word(s[i + 2], s[i + 3]));
            h2 = mix(h2, word(s[i + 4], s[i + 5]));
            h3 = mix(h3, word(s[i + 6], s[i + 7]));
        }
        for (; i < n; i++) h0 = mix(h0, s[i] & 0xFFFFFFFFL);
        long h = fmix(h0) ^ Long.rotateLeft(fmix(h1), 16) ^ Long.rotateLeft(fmix(h2), 32) ^ Long.rotateLeft(fmix(h3), 48);
        return fmix(h ^ n);
    }

    private static long word(int lo, int hi) { return (lo & 0xFFFFFFFFL) | ((long) hi << 32); }

    private static long mix(long h, long k) {
        k *= 0x87C37B91114253D5L;
        k = Long.rotateLeft(k, 31) * 0x4CF5AD432745937FL;
        h ^= k;
        return Long.rotateLeft(h, 27) * 5 + 0x52DCE729;
    }

    private static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}

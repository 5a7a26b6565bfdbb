package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * fsync_durability (docs/invariants.md): when fsync(2) or msync(MS_SYNC) returns, every block of
 * its file holds on disk the last value stored to it before the call began, or a value stored
 * to it since. Judged where the library's sys_fsync returns (the __fsync_return mark).
 *
 * <p>Ghost: per block, the last value a user stored (as data_integrity keeps it); per thread,
 * the file its fsync in progress syncs + 1 (0: none); then per thread and block, what that
 * fsync saw at its start — the last value stored — and the set of values stored since (bit v
 * for a value v in 0..30; bit 31 for any other, which then accepts whatever the disk holds: a
 * scenario's values are small). Outside an fsync a thread's entries stay 0, so they split no
 * states.
 */
final class FsyncDurability extends Monitor {
    FsyncDurability() { super(Invariant.FSYNC_DURABILITY); }

    private static final int ANY = 1 << 31;

    @Override public When when() { return When.STEP; }

    @Override public int ghostSize(World w, int nThreads) { return w.nBlocks + nThreads + 2 * nThreads * w.nBlocks; }

    private static int last(int g, int block) { return g + block; }
    private static int active(World w, int g, int thread) { return g + w.nBlocks + thread; }
    private static int seen(World w, int g, int thread, int block) {
        return g + w.nBlocks + w.threads.size() + 2 * (thread * w.nBlocks + block);
    }

    @Override public void memoryWritten(Ctx c, int block, int value) {
        int g = ghost(c.layout);
        World w = c.world;
        c.s[last(g, block)] = value;
        int bit = value >= 0 && value < 31 ? 1 << value : ANY;
        for (int t = 0; t < w.threads.size(); t++) {
            int f = c.s[active(w, g, t)] - 1;
            if (f >= 0 && block >= w.fileFirstBlock(f) && block < w.fileFirstBlock(f) + w.fileBlocks(f)) c.s[seen(w, g, t, block) + 1] |= bit;
        }
    }

    @Override public void fsyncStarts(Ctx c, int file) {
        int g = ghost(c.layout);
        World w = c.world;
        c.s[active(w, g, c.thread)] = file + 1;
        for (int b = w.fileFirstBlock(file); b < w.fileFirstBlock(file) + w.fileBlocks(file); b++) {
            int i = seen(w, g, c.thread, b);
            c.s[i] = c.s[last(g, b)];
            c.s[i + 1] = 0;
        }
    }

    @Override public void fsyncReturns(Ctx c, int file) {
        c.judge(invariant);
        int g = ghost(c.layout);
        Layout l = c.layout;
        World w = c.world;
        String broken = null;
        for (int b = w.fileFirstBlock(file); b < w.fileFirstBlock(file) + w.fileBlocks(file); b++) {
            int i = seen(w, g, c.thread, b);
            int disk = c.s[l.diskBase + b], before = c.s[i], since = c.s[i + 1];
            boolean ok = disk == before || (since & ANY) != 0 || disk >= 0 && disk < 31 && (since & (1 << disk)) != 0;
            if (!ok && broken == null)
                broken = c.threadName() + "'s fsync of " + w.files.get(file).name() + " returns with disk block " + w.blockName(b)
                        + " holding " + disk + ", but " + before + " was stored to it before the call began (memory holds "
                        + c.s[l.dataBase + b] + ")";
            c.s[i] = 0;   // the call is over: forget what it saw
            c.s[i + 1] = 0;
        }
        c.s[active(w, g, c.thread)] = 0;
        if (broken != null) c.violate(invariant, broken);
    }

    @Override public String neverJudged() { return "returned from fsync or msync(MS_SYNC)"; }
}

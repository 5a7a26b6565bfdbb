package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * dirty_bit_lost (docs/invariants.md): set_pte_at overwrites a dirty PTE with a clean value
 * although the hardware set the dirty bit after the writing thread last read the word.
 * Ghost: per PTE, the threads that have read it since the hardware last set its dirty bit
 * (at the start every thread has, in effect, seen every PTE).
 */
final class DirtyBitLost extends Monitor {
    DirtyBitLost() { super(Invariant.DIRTY_BIT_LOST); }

    @Override public When when() { return When.STEP; }

    @Override public int ghostSize(World w, int nThreads) { return w.nPteSlots(); }

    @Override public void initGhost(int[] s, Layout l, World w) {
        for (int slot = 0; slot < w.nPteSlots(); slot++) s[ghost(l) + slot] = -1;
    }

    @Override public void kernelReadPte(Ctx c, int slot) { c.s[ghost(c.layout) + slot] |= 1 << c.thread; }

    @Override public void kernelSetsPte(Ctx c, int slot, int old, int now) {
        c.judge(invariant);
        if (Pte.dirty(old) && !Pte.dirty(now) && (c.s[ghost(c.layout) + slot] & (1 << c.thread)) == 0)
            c.violate(invariant, c.threadName() + " overwrote PTE " + c.world.pteName(slot) + " (" + Pte.describe(old, c.world::pageName)
                    + ") with a clean value: the hardware set its dirty bit after " + c.threadName() + " last read it");
    }

    /** Only a 0 -> 1 change of D is an update a kernel read can miss. */
    @Override public void hardwareSetsDirty(Ctx c, int slot, int pte) {
        if (!Pte.dirty(pte)) c.s[ghost(c.layout) + slot] = 0;
    }

    @Override public String neverJudged() { return "wrote a PTE with set_pte_at"; }
}

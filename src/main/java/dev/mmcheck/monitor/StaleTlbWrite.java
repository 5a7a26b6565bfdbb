package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Ipi;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * stale_tlb_write (docs/invariants.md): a store goes through a writable TLB entry while the
 * PTE is read-only or not present, and no thread that downgraded that PTE still owes a flush
 * of it. Ghost: per PTE, the threads that downgraded it and owe a flush of it; then per thread,
 * the flush it sent and has not yet waited for (an IPI request). A flush of one page pays the
 * debt for that page only.
 */
final class StaleTlbWrite extends Monitor {
    StaleTlbWrite() { super(Invariant.STALE_TLB_WRITE); }

    @Override public When when() { return When.STEP; }

    @Override public int ghostSize(World w, int nThreads) { return w.nPteSlots() + nThreads; }

    private static int flushing(World w, int base, int thread) { return base + w.nPteSlots() + thread; }

    /** Taking write or presence away from a PTE owes a flush. */
    @Override public void kernelWrotePte(Ctx c, int slot, int old, int now) {
        boolean wasWritable = Pte.present(old) && Pte.writable(old);
        boolean isWritable = Pte.present(now) && Pte.writable(now);
        if (wasWritable && !isWritable) c.s[ghost(c.layout) + slot] |= 1 << c.thread;
    }

    @Override public void flushSent(Ctx c, int mm, int vpage) {
        int f = flushing(c.world, ghost(c.layout), c.thread);
        c.s[f] = Ipi.merge(c.s[f], Ipi.request(mm, vpage));
    }

    @Override public void flushesAcked(Ctx c) {
        int base = ghost(c.layout), f = flushing(c.world, base, c.thread), req = c.s[f];
        if (req == 0) return;
        int mm = Ipi.requestMm(req), vpage = Ipi.requestVpage(req);
        for (int slot = 0; slot < c.world.nPteSlots(); slot++) {
            boolean covered = req == Ipi.FLUSH_EVERYTHING || (c.world.slotMm(slot) == mm && (vpage < 0 || c.world.slotVpage(slot) == vpage));
            if (covered) c.s[base + slot] &= ~(1 << c.thread);
        }
        c.s[f] = 0;
    }

    /** A finished thread owes no flush. */
    @Override public void threadFinished(int[] s, Layout l, World w, int thread) {
        int base = ghost(l);
        for (int slot = 0; slot < w.nPteSlots(); slot++) s[base + slot] &= ~(1 << thread);
        s[flushing(w, base, thread)] = 0;
    }

    @Override public void userStore(Ctx c) { c.judge(invariant); }

    @Override public void storeThroughTlb(Ctx c, int slot) {
        int pte = c.s[c.layout.pteBase + slot];
        if (Pte.present(pte) && Pte.writable(pte)) return;
        if (c.s[ghost(c.layout) + slot] != 0) return;
        c.violate(invariant, "cpu" + c.cpu + " stored through a writable TLB entry for " + c.world.pteName(slot) + " whose PTE is "
                + (Pte.present(pte) ? "read-only" : "not present") + ", and no flush is owed");
    }

    @Override public String neverJudged() { return "stored through the MMU"; }
}

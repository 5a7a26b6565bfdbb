package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.World;

/**
 * use_after_free (docs/invariants.md): no user load or store reaches a page frame through a
 * translation made before the frame was freed — a TLB entry filled before the free, or a PTE
 * that still mapped the frame when it was freed (the frame may be free, or someone else's page
 * by the time of the access). Freeing alone breaks nothing: 2.4's fast mode frees before it
 * flushes, and that is wrong only if some CPU can still use the translation. Judged at every
 * user access in a scenario with page frames.
 *
 * <p>Ghost state: per PTE slot, 1 when the PTE mapped a frame at the moment it was freed or
 * allocated again (machine/Frames sets it: a PTE that already maps a frame the allocator hands
 * out was made before, from a stale pointer); the kernel's next write of the PTE that maps
 * another page, or none, clears it. The TLB side is the entry's own {@code Tlb.STALE} mark.
 */
final class UseAfterFree extends Monitor {
    UseAfterFree() { super(Invariant.USE_AFTER_FREE); }

    @Override public When when() { return When.STEP; }

    @Override public int ghostSize(World w, int nThreads) { return w.nPteSlots(); }

    /**
     * A kernel write that maps another page, or none, ends the PTE's old translation; one that
     * keeps the page (ptep_set_access_flags, a write-protect) keeps its mark.
     */
    @Override public void kernelWrotePte(Ctx c, int slot, int old, int now) {
        if (!Pte.present(now) || Pte.pageHandle(now) != Pte.pageHandle(old)) c.s[ghost(c.layout) + slot] = 0;
    }

    @Override public void frameAccess(Ctx c, String freed) {
        c.judge(invariant);
        if (freed != null) c.violate(invariant, freed);
    }

    @Override public String neverJudged() { return "made a user access to a page frame"; }
}

package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * use_after_free (docs/invariants.md): no user load or store reaches a page frame through a
 * translation made before the frame was freed — a TLB entry filled before the free, or a PTE
 * that still mapped the frame when it was freed (the frame may be free, or someone else's page
 * by the time of the access). Freeing alone breaks nothing: 2.4's fast mode frees before it
 * flushes, and that is wrong only if some CPU can still use the translation. Judged at every
 * user access in a scenario with page frames.
 *
 * <p>Ghost state: per PTE slot, 1 when the PTE mapped a frame at the moment it was freed
 * (machine/Frames.free sets it); the kernel's next write of the PTE clears it. The TLB side is
 * the entry's own {@code Tlb.STALE} mark.
 */
final class UseAfterFree extends Monitor {
    UseAfterFree() { super(Invariant.USE_AFTER_FREE); }

    @Override public When when() { return When.STEP; }

    @Override public int ghostSize(World w, int nThreads) { return w.nPteSlots(); }

    @Override public void kernelWrotePte(Ctx c, int slot, int old, int now) { c.s[ghost(c.layout) + slot] = 0; }

    @Override public void frameAccess(Ctx c, String freed) {
        c.judge(invariant);
        if (freed != null) c.violate(invariant, freed);
    }

    @Override public String neverJudged() { return "made a user access to a scenario with page frames"; }
}

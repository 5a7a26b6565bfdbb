package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.World;

/**
 * pt_use_after_free (docs/invariants.md): no page-table page is freed while anything can still
 * reach it, and no walk reaches a freed one. "Reach" is what the hardware can do without the
 * kernel's say: a CPU whose paging-structure cache holds an entry for the page may walk through
 * it at any moment (speculation, or an instruction's TLB miss), and an mm's pmd that still
 * points at it leads every later walk there. Thread 001's invariant: clear, invalidate, then
 * free; the 2.4 order (clear, free, invalidate) breaks it as soon as another CPU cached the pmd.
 * Judged at every pte_free and every walk of a dynamic page table; no ghost state.
 */
final class PtUseAfterFree extends Monitor {
    PtUseAfterFree() { super(Invariant.PT_USE_AFTER_FREE); }

    @Override public When when() { return When.STEP; }

    @Override public void tableFreed(Ctx c, int frame, String reachedBy) {
        c.judge(invariant);
        if (reachedBy != null)
            c.violate(invariant, World.tableName(frame) + " is freed while " + reachedBy + " still reaches it");
    }

    @Override public void walkReachesFreedTable(Ctx c, int frame, String how) {
        c.judge(invariant);
        c.violate(invariant, how);
    }

    @Override public String neverJudged() { return "freed a page-table page"; }
}

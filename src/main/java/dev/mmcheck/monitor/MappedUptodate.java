package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * mapped_uptodate (docs/invariants.md): no PTE maps a page-cache page that is not PG_uptodate
 * -- a user could read what the page does not hold. Thread 003's first invariant: 2.6.9's
 * invalidate_inode_pages2() cleared PG_uptodate of a page it left mapped. Judged in the state
 * each thread step leaves (only kernel code maps pages or clears the flag; the hardware sets
 * accessed and dirty bits only). Anonymous pages (frames) carry no PG_uptodate in 2.6.19 and
 * are not judged. No ghost state.
 */
final class MappedUptodate extends Monitor {
    MappedUptodate() { super(Invariant.MAPPED_UPTODATE); }

    @Override public When when() { return When.STEP; }

    @Override public boolean watchesSteps() { return true; }

    @Override public void stepDone(Ctx c) {
        c.judge(invariant);
        Layout l = c.layout;
        World w = c.world;
        int flags = l.pageFlags, uptodate = 1 << l.constant("PG_uptodate");
        for (int slot = 0; slot < w.nPteSlots(); slot++) {
            int pte = c.s[l.pteBase + slot];
            if (!Pte.present(pte)) continue;
            int page = Pte.pageHandle(pte) - 1;
            if (w.isFrame(page) || (c.s[l.field(flags, page, 0)] & uptodate) != 0) continue;
            c.violate(invariant, "PTE " + w.pteName(slot) + " maps " + w.pageName(page) + ", which is not PG_uptodate");
            return;
        }
    }

    @Override public String neverJudged() { return "took a step"; }
}

package dev.mmcheck.monitor;

import dev.mmcheck.machine.Monitor;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.World;

/**
 * dirty_accounting (docs/invariants.md): once every thread has finished, no present dirty PTE
 * maps a page without PG_dirty. Defined on the library's page->flags and its PG_dirty bit: the
 * compiler refuses a scenario that checks it against a library without them.
 */
final class DirtyAccounting extends Monitor {
    DirtyAccounting() { super(Invariant.DIRTY_ACCOUNTING); }

    @Override public When when() { return When.THREADS_FINISHED; }

    @Override public String check(Model m, int[] s) {
        Layout l = m.layout();
        World w = m.world();
        int flags = l.fieldIndex("page", "flags"), dirty = 1 << l.constant("PG_dirty");
        for (int slot = 0; slot < w.nPteSlots(); slot++) {
            int pte = s[l.pteBase + slot];
            if (!Pte.present(pte) || !Pte.dirty(pte)) continue;
            int page = Pte.pageHandle(pte) - 1;
            if ((s[l.field(flags, page, 0)] & dirty) == 0)
                return "PTE " + w.pteName(slot) + " maps " + w.pageName(page) + " dirty, but PG_dirty is clear: "
                        + "writeback and sync will not see the page";
        }
        return null;
    }
}

package dev.mmcheck.check;

import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.World;

/**
 * The invariants judged on a whole state rather than on a step (docs/invariants.md):
 * data_integrity in final states, dirty_accounting once every thread has finished.
 * Each returns null when the state is fine, or why it is not.
 */
final class StateInvariants {
    private StateInvariants() {}

    static String dataIntegrity(Model m, int[] s) {
        Layout l = m.layout();
        World w = m.world();
        for (int b = 0; b < w.nBlocks; b++) {
            int disk = s[l.diskBase + b], last = s[l.ghostLastStoreBase + b];
            if (disk != last)
                return "disk block " + w.blockName(b) + " holds " + disk + ", but the last value stored to it was " + last
                        + " (memory holds " + s[l.dataBase + b] + pageFlags(l, w, s, w.blockPage(b)) + ")";
        }
        return null;
    }

    /** ", page flags PG_uptodate|PG_dirty", if the library declares page->flags. */
    private static String pageFlags(Layout l, World w, int[] s, int page) {
        int f = l.fieldIndex("page", "flags");
        return f < 0 ? "" : ", page flags " + l.fields[f].render(w, s[l.field(f, page, 0)]);
    }

    /**
     * dirty_accounting is defined on the library's page->flags and its PG_dirty bit: the
     * compiler refuses a scenario that checks it against a library without them.
     */
    static String dirtyAccounting(Model m, int[] s) {
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

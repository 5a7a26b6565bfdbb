package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.World;

/**
 * data_integrity (docs/invariants.md): in a final state every disk block holds the last value
 * a user stored to it. Ghost: per block, the last value stored.
 */
final class DataIntegrity extends Monitor {
    DataIntegrity() { super(Invariant.DATA_INTEGRITY); }

    @Override public When when() { return When.END; }

    @Override public int ghostSize(World w, int nThreads) { return w.nBlocks; }

    @Override public void memoryWritten(Ctx c, int block, int value) { c.s[ghost(c.layout) + block] = value; }

    @Override public String check(Model m, int[] s) {
        Layout l = m.layout();
        World w = m.world();
        for (int b = 0; b < w.nBlocks; b++) {
            int disk = s[l.diskBase + b], last = s[ghost(l) + b];
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
}

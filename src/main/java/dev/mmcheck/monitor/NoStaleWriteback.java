package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * no_stale_writeback (docs/invariants.md): no block is written to disk from a page that is not
 * PG_uptodate -- what the page holds is not the file's data, and writing it would put stale
 * or garbage data over the disk's. Thread 003's second invariant (mpage_writepage's
 * BUG_ON(!PageUptodate(page))). Judged at every submit_bh(WRITE). No ghost state.
 */
final class NoStaleWriteback extends Monitor {
    NoStaleWriteback() { super(Invariant.NO_STALE_WRITEBACK); }

    @Override public When when() { return When.STEP; }

    @Override public void blockWritten(Ctx c, int block) {
        c.judge(invariant);
        Layout l = c.layout;
        World w = c.world;
        int page = w.blockPage(block);
        if ((c.s[l.field(l.pageFlags, page, 0)] & (1 << l.constant("PG_uptodate"))) == 0)
            c.violate(invariant, "disk block " + w.blockName(block) + " is written from " + w.pageName(page)
                    + ", which is not PG_uptodate (memory holds " + c.s[l.dataBase + block] + ")");
    }

    @Override public String neverJudged() { return "wrote a block to disk (submit_bh WRITE)"; }
}

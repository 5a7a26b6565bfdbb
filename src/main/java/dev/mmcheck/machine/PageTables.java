package dev.mmcheck.machine;

import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * Page tables in frames (a scenario with {@code pagetables N}): the upper level of each mm's
 * page table (one pmd entry per mm, pointing at the page-table page that holds the mm's PTEs),
 * the pool of page-table frames, and each CPU's paging-structure cache (PSC), which remembers
 * the pmd entry a walk read so that later walks skip it.
 *
 * <p>What the hardware does here, per the Intel SDM (vol. 3A, 4.10.3, 4.10.4):
 * <ul>
 * <li>A walk may use a PSC entry instead of reading the pmd, and fills the PSC from the pmd
 *     it reads. The processor may walk, and fill its TLB and PSC, at any time for any address
 *     its CR3 maps (speculation), not only when an instruction needs the translation: here a
 *     hardware move of the search, bounded by {@code bound speculative N}.
 * <li>INVLPG invalidates the TLB entries for the page and <em>all</em> PSC entries, whatever
 *     address they serve; a CR3 load (local_flush_tlb) invalidates every non-global TLB entry
 *     and every PSC entry. So every flush the kernel makes here empties the CPU's PSC.
 * </ul>
 *
 * <p>Simplified, and why no race hides in it: the PTE words stay where v1 keeps them, one slot
 * per (mm, virtual page), rather than inside the frame. A page-table page is only ever reached
 * through its mm's pmd or a PSC entry made from it, so while the page is in use the two are the
 * same. Once it is freed, any reach at all is the violation pt_use_after_free reports (and,
 * when that invariant is not checked, a model gap: what a walk through a freed page reads is
 * not modelled), so no verdict depends on what a freed page holds. Each mm has one page-table
 * page (its address space is one pmd's span), so a CPU's PSC needs one entry.
 */
public final class PageTables {
    private PageTables() {}

    /** A walk found the pmd empty: the access faults. */
    public static final int NONE = -1;

    /** A PSC entry: (mm, table frame), 0 when empty. */
    public static int pscEntry(int mm, int frame) { return (mm + 1) | (frame + 1) << 8; }

    public static int pscMm(int e) { return (e & 255) - 1; }

    public static int pscFrame(int e) { return (e >>> 8) - 1; }

    /**
     * The page-table page a walk of mm on the context's CPU uses: the PSC's entry for mm, else
     * the mm's pmd, which fills the PSC; NONE when the pmd is empty. A walk that reaches a freed
     * page tells the monitors (pt_use_after_free) and is a model gap otherwise.
     */
    public static int walk(Ctx c, int mm) {
        int[] s = c.s;
        Layout l = c.layout;
        int psc = l.psc(c.cpu, 0);
        int frame;
        String how;
        if (s[psc] != 0 && pscMm(s[psc]) == mm) {
            frame = pscFrame(s[psc]);
            how = "cpu" + c.cpu + "'s paging-structure cache";
        } else {
            int pmd = s[l.pmdBase + mm];
            if (pmd == 0) return NONE;
            frame = pmd - 1;
            s[psc] = pscEntry(mm, frame);
            how = c.world.mms.get(mm).name() + "'s pmd";
        }
        if (s[l.tableFrameBase + frame] == 0) {
            c.walkReachesFreedTable(frame, "cpu" + c.cpu + "'s walk of " + c.world.mms.get(mm).name() + " reaches "
                    + World.tableName(frame) + ", which is free, through " + how);
            if (!c.model.checks(dev.mmcheck.model.Invariant.PT_USE_AFTER_FREE))
                c.violate(dev.mmcheck.model.Invariant.MODEL_GAP, "a walk through freed page-table page " + World.tableName(frame)
                        + " (what it reads is not modelled; check pt_use_after_free to judge it)");
        }
        return frame;
    }

    /** INVLPG or a CR3 load on cpu: its PSC is empty afterwards. */
    public static void flushPsc(int[] s, Layout l, int cpu) {
        for (int i = 0; i < l.pscSize; i++) s[l.psc(cpu, i)] = 0;
    }

    /** The first free page-table frame, taken; -1 when none is free (the allocation fails). */
    public static int alloc(int[] s, Layout l, World w) {
        for (int f = 0; f < w.nTableFrames; f++)
            if (s[l.tableFrameBase + f] == 0) { s[l.tableFrameBase + f] = 1; return f; }
        return -1;
    }

    /**
     * Describes which CPU caches, or which mm's pmd, still reach frame: the "still reachable"
     * half of pt_use_after_free, null when nothing does.
     */
    public static String reachedBy(int[] s, Layout l, World w, int frame) {
        StringBuilder b = new StringBuilder();
        for (int cpu = 0; cpu < l.nCpus; cpu++)
            for (int i = 0; i < l.pscSize; i++) {
                int e = s[l.psc(cpu, i)];
                if (e != 0 && pscFrame(e) == frame)
                    b.append(b.length() == 0 ? "" : "; ").append("cpu").append(cpu).append("'s paging-structure cache (")
                            .append(w.mms.get(pscMm(e)).name()).append("'s pmd -> ").append(World.tableName(frame)).append(")");
            }
        for (int mm = 0; mm < w.mms.size(); mm++)
            if (s[l.pmdBase + mm] == frame + 1)
                b.append(b.length() == 0 ? "" : "; ").append(w.mms.get(mm).name()).append("'s pmd");
        return b.length() == 0 ? null : b.toString();
    }

    /** "A -> pt#0" for a PSC entry. */
    public static String describePsc(int e, World w) {
        return e == 0 ? "empty" : w.mms.get(pscMm(e)).name() + " -> " + World.tableName(pscFrame(e));
    }
}

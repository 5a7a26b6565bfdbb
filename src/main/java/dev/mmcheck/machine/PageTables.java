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
 * per (mm, virtual page), rather than inside the frame. What keeps that faithful:
 * <ul>
 * <li>a page-table page is reached through its mm's pmd or a PSC entry made from it; once it
 *     is freed, any reach (a walk through a stale entry, even after the frame is reused) is
 *     the violation pt_use_after_free reports, or a model gap when that is not checked, so no
 *     verdict depends on what a freed page holds;
 * <li>pmd_populate zeroes the mm's PTE slots (the page pte_alloc_one gives is a cleared one),
 *     and refuses, as a kernel bug, a page that is free or another mm's, or a pmd that is
 *     not empty (the model has one page per mm and cannot share or leak one);
 * <li>the kernel's PTE accessors on an mm whose pmd is none are a bug (they would touch a page
 *     that is not there), and a fault with no page table is a model gap (the fault path's
 *     pte_alloc is not modelled yet).
 * </ul>
 * Each mm has one page-table page (its address space is one pmd's span), so a CPU's PSC
 * needs one entry.
 */
public final class PageTables {
    private PageTables() {}

    /** A walk found the pmd empty: the access faults. */
    public static final int NONE = -1;

    /**
     * What a page-table frame's slot holds: FREE; UNOWNED once pte_alloc_one took it and before
     * pmd_populate gives it to an mm; else the mm + 1 whose page table it is (so that freeing
     * it knows whose translations could still reach it).
     */
    public static final int FREE = 0, UNOWNED = -1;

    /**
     * A PSC entry: (mm, table frame), 0 when empty; STALE once the frame was freed under it
     * (the frame may be in use again by then, so a later walk through the entry must still
     * be seen for what it is).
     */
    public static int pscEntry(int mm, int frame) { return (mm + 1) | (frame + 1) << 8; }

    static final int STALE = 1 << 16;

    public static int pscMm(int e) { return (e & 255) - 1; }

    public static int pscFrame(int e) { return ((e & ~STALE) >>> 8) - 1; }

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
        boolean cached = s[psc] != 0 && pscMm(s[psc]) == mm, stale = false;
        if (cached) {
            frame = pscFrame(s[psc]);
            stale = (s[psc] & STALE) != 0;
        } else {
            int pmd = s[l.pmdBase + mm];
            if (pmd == 0) return NONE;
            frame = pmd - 1;
            s[psc] = pscEntry(mm, frame);
        }
        if (stale || s[l.tableFrameBase + frame] == FREE) {
            // Words only here: every walk of the search passes above, and most reach a page in use.
            String how = cached ? "cpu" + c.cpu + "'s paging-structure cache" + (stale ? ", filled before the page was freed" : "")
                    : c.world.mms.get(mm).name() + "'s pmd";
            c.walkReachesFreedTable(frame, "cpu" + c.cpu + "'s walk of " + c.world.mms.get(mm).name() + " reaches "
                    + World.tableName(frame) + (stale ? ", which was freed since," : ", which is free,") + " through " + how);
            if (!c.model.checks(dev.mmcheck.model.Invariant.PT_USE_AFTER_FREE))
                c.violate(dev.mmcheck.model.Invariant.MODEL_GAP, "a walk through freed page-table page " + World.tableName(frame)
                        + " (what it reads is not modelled; check pt_use_after_free to judge it)");
        }
        return frame;
    }

    /**
     * A flush of mm on cpu (mm < 0: of everything): INVLPG or a CR3 load empties the whole
     * PSC, but the kernel issues them only on a CPU whose current mm is mm (i386's
     * flush_tlb_mm/flush_tlb_page test active_mm == mm), so a cached entry of another mm stays.
     */
    public static void flushPsc(int[] s, Layout l, int cpu, int mm) {
        for (int i = 0; i < l.pscSize; i++) {
            int e = s[l.psc(cpu, i)];
            if (e != 0 && (mm < 0 || pscMm(e) == mm)) s[l.psc(cpu, i)] = 0;
        }
    }

    /** pte_free: every PSC entry for frame is stale from now on. */
    public static void markStale(int[] s, Layout l, int frame) {
        for (int i = 0; i < l.nCpus * l.pscSize; i++) {
            int e = s[l.pscBase + i];
            if (e != 0 && pscFrame(e) == frame) s[l.pscBase + i] = e | STALE;
        }
    }

    /**
     * Whether mm has a page table: an accessor of the kernel's (*ptep, set_pte_at...) on an mm
     * whose pmd is none works on a page that is not there.
     */
    public static boolean hasTable(int[] s, Layout l, World w, int mm) {
        return w.nTableFrames == 0 || s[l.pmdBase + mm] != 0;
    }

    /** The first free page-table frame, taken; -1 when none is free (the allocation fails). */
    public static int alloc(int[] s, Layout l, World w) {
        for (int f = 0; f < w.nTableFrames; f++)
            if (s[l.tableFrameBase + f] == FREE) { s[l.tableFrameBase + f] = UNOWNED; return f; }
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

    /**
     * On a blind-dirty CPU a TLB entry also reaches the page table: the CPU ORs the dirty bit
     * into the PTE by the address it cached, with no walk (thread 000's hypothetical CPU).
     * The entries of mm's translations, once mm's table is frame.
     */
    public static String reachedByBlindTlb(int[] s, Layout l, World w, int mm) {
        StringBuilder b = new StringBuilder();
        for (int cpu = 0; cpu < l.nCpus; cpu++)
            for (int i = 0; i < l.tlbSize; i++) {
                int e = s[l.tlb(cpu, i)];
                if (e != 0 && Tlb.mm(e) == mm && (e & Tlb.DIRTY) == 0)
                    b.append(b.length() == 0 ? "" : "; ").append("cpu").append(cpu).append("'s TLB entry for ")
                            .append(w.mms.get(mm).name()).append(':').append(Tlb.vpage(e)).append(" (a blind-dirty CPU writes its PTE by address)");
            }
        return b.length() == 0 ? null : b.toString();
    }

    /** "A -> pt#0" for a PSC entry ("(stale)" once its page was freed). */
    public static String describePsc(int e, World w) {
        return e == 0 ? "empty" : w.mms.get(pscMm(e)).name() + " -> " + World.tableName(pscFrame(e)) + ((e & STALE) != 0 ? " (stale)" : "");
    }
}

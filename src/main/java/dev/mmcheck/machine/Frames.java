package dev.mmcheck.machine;

import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * Physical page frames for anonymous memory (a scenario's {@code frames N}): the zero page,
 * always allocated, and N frames that the page allocator hands out and takes back, each with
 * {@link World#frameWords} words of data. What the allocator keeps is here (which frames are
 * free); what the kernel keeps about a page ({@code _count}, {@code _mapcount}, flags) is its
 * struct page, in the library. A freed frame keeps its contents, and the next allocation takes
 * the lowest free frame, so a frame freed too early is soon someone else's page.
 *
 * <p>use_after_free needs to know, at a user access, whether the translation it goes through
 * was made for the frame's present life. A free marks what still reaches the frame: each TLB
 * entry for it gets {@link Tlb#STALE}, and each present PTE that maps it gets a mark in the
 * monitor's ghost state (cleared when the kernel next points that PTE elsewhere); an
 * allocation marks the PTEs that already map the frame it hands out (made from a stale
 * pointer, before this life). A walk through a marked PTE, or to a frame that is free, fills
 * the TLB with a stale entry. Marks are made only when use_after_free is checked, so they
 * split no states otherwise; a correct kernel frees nothing that is still reachable, and
 * makes none.
 */
public final class Frames {
    private Frames() {}

    public static final int FREE = 0, ALLOCATED = 1;

    /** Index in the state vector of word i of frame page (a page index of the pool). */
    public static int word(Layout l, World w, int page, int i) {
        return l.frameDataBase + (page - w.firstFrame) * w.frameWords + i;
    }

    public static boolean isFree(int[] s, Layout l, World w, int page) {
        return s[l.frameBase + page - w.firstFrame] == FREE;
    }

    /**
     * The lowest free frame, taken: its page index, or -1 when none is free (the allocation
     * fails). A PTE that already maps the frame was made before this life of it (from a stale
     * page pointer): with use_after_free checked it is marked, as at a free.
     */
    public static int alloc(int[] s, Layout l, World w) {
        for (int k = 1; k <= w.nFrames; k++)
            if (s[l.frameBase + k] == FREE) {
                s[l.frameBase + k] = ALLOCATED;
                markPtes(s, l, w, w.firstFrame + k);
                return w.firstFrame + k;
            }
        return -1;
    }

    /** With use_after_free checked: every present PTE that maps page gets the monitor's stale mark. */
    private static void markPtes(int[] s, Layout l, World w, int page) {
        int ghost = l.ghostBase[Invariant.USE_AFTER_FREE.ordinal()];
        if (ghost < 0) return;
        for (int slot = 0; slot < w.nPteSlots(); slot++) {
            int pte = s[l.pteBase + slot];
            if (Pte.present(pte) && Pte.pageHandle(pte) == page + 1) s[ghost + slot] = 1;
        }
    }

    /**
     * Gives page back to the allocator (the end of free_hot_cold_page). Freeing a page the pool
     * does not own (a file's page, the zero page) or a free one is a kernel bug.
     */
    public static void free(Ctx c, int page) {
        int[] s = c.s;
        Layout l = c.layout;
        World w = c.world;
        if (!w.isFrame(page) || page == w.zeroPage()) {
            c.bug("freeing " + w.pageName(page) + ", which the page allocator did not hand out");
            return;
        }
        if (isFree(s, l, w, page)) { c.bug("freeing " + w.pageName(page) + ", which is already free"); return; }
        s[l.frameBase + page - w.firstFrame] = FREE;
        if (l.ghostBase[Invariant.USE_AFTER_FREE.ordinal()] < 0) return;
        for (int i = l.tlbBase; i < l.tlbBase + l.nCpus * l.tlbSize; i++)
            if (s[i] != 0 && Tlb.pageHandle(s[i]) == page + 1) s[i] |= Tlb.STALE;
        markPtes(s, l, w, page);
    }

    /**
     * Whether a walk that reads PTE word pte at slot reaches a frame freed since the PTE was
     * made: the frame is free, or the PTE was marked when it was freed (it may be in use again).
     * Only with use_after_free checked; file pages never are.
     */
    public static boolean walkReachesFreed(int[] s, Layout l, World w, int slot, int pte) {
        int ghost = l.ghostBase[Invariant.USE_AFTER_FREE.ordinal()];
        if (ghost < 0) return false;
        int page = Pte.pageHandle(pte) - 1;
        return s[ghost + slot] != 0 || w.isFrame(page) && isFree(s, l, w, page);
    }

    /**
     * The kernel or a device reaches page through a page pointer, not a translation (a DMA, a
     * copy's source): use_after_free judges it when page is a frame. A free frame is a use after
     * free; one freed and taken again is someone else's page, which a pointer cannot tell.
     */
    public static void throughPointer(Ctx c, int page, String what) {
        if (!c.world.isFrame(page)) return;
        c.frameAccess(isFree(c.s, c.layout, c.world, page) ? what + " reaches " + c.world.pageName(page) + ", which is free" : null);
    }

    /** clear_user_highpage: every word of the frame 0. */
    public static void clear(int[] s, Layout l, World w, int page) {
        for (int i = 0; i < w.frameWords; i++) s[word(l, w, page, i)] = 0;
    }

    /**
     * copy_user_highpage(to, from): the frame to gets from's data, word by word: a frame's
     * words, or a file page's blocks (words past its last block become 0).
     */
    public static void copy(int[] s, Layout l, World w, int to, int from) {
        World.PageInfo src = w.pages.get(from);
        for (int i = 0; i < w.frameWords; i++)
            s[word(l, w, to, i)] = w.isFrame(from) ? s[word(l, w, from, i)]
                    : i < src.nBuffers() ? s[l.dataBase + src.firstBlock() + i] : 0;
    }

    /** "free", "allocated": what a trace shows for a frame. */
    public static String describe(int v) { return v == FREE ? "free" : "allocated"; }
}

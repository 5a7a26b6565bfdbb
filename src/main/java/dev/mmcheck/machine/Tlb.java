package dev.mmcheck.machine;

/**
 * A CPU's TLB: a small array of entries in the state vector, valid ones first in fill order
 * (oldest first), so a TLB's contents have one representation. An entry caches
 * (mm, virtual page) -> (page, write, dirty as cached); 0 is an empty slot.
 */
public final class Tlb {
    private Tlb() {}

    public static final int VALID = 1, WRITE = 2, DIRTY = 4;
    /**
     * Not the hardware's: set on an entry whose page frame was freed after the entry was filled
     * (machine/Frames.java), only when use_after_free is checked. The entry still translates.
     */
    public static final int STALE = 1 << 31;
    private static final int MM_SHIFT = 3, VPAGE_SHIFT = 8, PAGE_SHIFT = 16;

    public static int entry(int mm, int vpage, int pageHandle, boolean write, boolean dirty) {
        return VALID | (write ? WRITE : 0) | (dirty ? DIRTY : 0) | (mm << MM_SHIFT) | (vpage << VPAGE_SHIFT)
                | (pageHandle << PAGE_SHIFT);
    }

    public static int mm(int e) { return (e >>> MM_SHIFT) & 31; }
    public static int vpage(int e) { return (e >>> VPAGE_SHIFT) & 255; }
    public static int pageHandle(int e) { return (e & ~STALE) >>> PAGE_SHIFT; }

    /** Index in the state vector of cpu's entry for (mm, vpage), or -1. */
    public static int find(int[] s, int base, int size, int mm, int vpage) {
        for (int i = base; i < base + size; i++) {
            int e = s[i];
            if (e == 0) return -1;
            if (mm(e) == mm && vpage(e) == vpage) return i;
        }
        return -1;
    }

    /** Fills an entry; a full TLB drops its oldest entry (eviction at other times is the checker's choice). */
    public static void fill(int[] s, int base, int size, int e) {
        int i = base;
        while (i < base + size && s[i] != 0) i++;
        if (i == base + size) { remove(s, base, size, base); i = base + size - 1; }
        s[i] = e;
    }

    /** Removes the entry at index i, keeping the rest in order. */
    public static void remove(int[] s, int base, int size, int i) {
        System.arraycopy(s, i + 1, s, i, base + size - i - 1);
        s[base + size - 1] = 0;
    }

    /** Invalidates cpu's entries for mm at vpage, or all of mm's when vpage < 0; mm < 0 means every entry. */
    public static void flush(int[] s, int base, int size, int mm, int vpage) {
        for (int i = base + size - 1; i >= base; i--) {
            int e = s[i];
            if (e == 0) continue;
            if (mm < 0 || (mm(e) == mm && (vpage < 0 || vpage(e) == vpage))) remove(s, base, size, i);
        }
    }

    public static String describe(int e, java.util.function.IntFunction<String> mmName,
                                  java.util.function.IntFunction<String> pageName) {
        if (e == 0) return "empty";
        return mmName.apply(mm(e)) + ":" + vpage(e) + " -> " + pageName.apply(pageHandle(e) - 1)
                + ((e & WRITE) != 0 ? " write" : " read-only") + ((e & DIRTY) != 0 ? " dirty" : " clean")
                + ((e & STALE) != 0 ? " (its frame freed since)" : "");
    }
}

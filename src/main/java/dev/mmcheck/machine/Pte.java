package dev.mmcheck.machine;

/**
 * A PTE word: flag bits below bit 8, the page handle (page index + 1) above. 0 is pte_none.
 * The bits are x86's in meaning, not in position.
 */
public final class Pte {
    private Pte() {}

    public static final int PRESENT = 1, WRITE = 2, YOUNG = 4, DIRTY = 8, SOFT_DIRTY = 16;
    public static final int PAGE_SHIFT = 8;

    public static int make(int pageHandle, int flags) { return (pageHandle << PAGE_SHIFT) | flags; }
    public static int pageHandle(int pte) { return pte >>> PAGE_SHIFT; }
    public static boolean present(int pte) { return (pte & PRESENT) != 0; }
    public static boolean writable(int pte) { return (pte & WRITE) != 0; }
    public static boolean dirty(int pte) { return (pte & DIRTY) != 0; }

    /** "present|write|dirty f[0]" — what a trace shows for a PTE word. */
    public static String describe(int pte, java.util.function.IntFunction<String> pageName) {
        if (pte == 0) return "none";
        StringBuilder b = new StringBuilder();
        flag(b, pte, PRESENT, "present");
        flag(b, pte, WRITE, "write");
        flag(b, pte, YOUNG, "young");
        flag(b, pte, DIRTY, "dirty");
        flag(b, pte, SOFT_DIRTY, "soft-dirty");
        if (b.length() == 0) b.append("0");
        int h = pageHandle(pte);
        if (h != 0) b.append(' ').append(pageName.apply(h - 1));
        return b.toString();
    }

    private static void flag(StringBuilder b, int pte, int bit, String name) {
        if ((pte & bit) == 0) return;
        if (b.length() > 0) b.append('|');
        b.append(name);
    }
}

package dev.mmcheck.machine;

/**
 * A PTE word as an i386 (non-PAE) page table holds it: flag bits in the low 12 bits at x86's
 * positions (include/asm-i386/pgtable.h: _PAGE_PRESENT 0x001, _PAGE_RW 0x002, _PAGE_ACCESSED
 * 0x020, _PAGE_DIRTY 0x040; soft-dirty at bit 11, where later kernels put _PAGE_SOFT_DIRTY),
 * the page frame above: the frame number is the page's handle (index + 1). 0 is pte_none.
 * The walker (Mmu) reads and sets these bits; the kernel's helpers over them (pte_mkclean,
 * pte_dirty, mk_pte...) are library code, whose constants the compiler checks against these.
 */
public final class Pte {
    private Pte() {}

    public static final int PRESENT = 0x001, WRITE = 0x002, YOUNG = 0x020, DIRTY = 0x040, SOFT_DIRTY = 0x800;
    public static final int PAGE_SHIFT = 12;

    /** The library's names for the machine's PTE format, which must agree with it. */
    public static final java.util.Map<String, Integer> KERNEL_NAMES = java.util.Map.of(
            "_PAGE_PRESENT", PRESENT, "_PAGE_RW", WRITE, "_PAGE_ACCESSED", YOUNG, "_PAGE_DIRTY", DIRTY, "PAGE_SHIFT", PAGE_SHIFT);

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

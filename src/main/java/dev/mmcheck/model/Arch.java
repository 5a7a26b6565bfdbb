package dev.mmcheck.model;

/** How a CPU's page-table walker treats the accessed and dirty bits. */
public enum Arch {
    /**
     * A store through a TLB entry whose cached D is clear re-walks and sets D atomically only if
     * the PTE is still present and writable; otherwise it faults.
     */
    X86("x86", "i386", "x86"),
    /**
     * The hypothetical CPU of thread 000: it ORs D into whatever the PTE word holds and stores.
     * Its page tables are i386's, so the kernel's i386 code serves it.
     */
    BLIND_DIRTY("blind-dirty", "i386", "x86");

    public final String name;
    /**
     * The kernel's names for this architecture's code: the library's {@code include/asm-NAME/}
     * and {@code arch/NAME/} directories hold it, and a scenario of this arch sees only those
     * (with the generic code).
     */
    public final java.util.Set<String> dirs;

    Arch(String name, String... dirs) {
        this.name = name;
        this.dirs = java.util.Set.of(dirs);
    }

    public static Arch byName(String n) {
        for (Arch a : values()) if (a.name.equals(n)) return a;
        return null;
    }
}

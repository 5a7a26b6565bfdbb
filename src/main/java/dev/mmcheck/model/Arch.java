package dev.mmcheck.model;

/** How a CPU's page-table walker treats the accessed and dirty bits. */
public enum Arch {
    /**
     * A store through a TLB entry whose cached D is clear re-walks and sets D atomically only if
     * the PTE is still present and writable; otherwise it faults.
     */
    X86("x86"),
    /** The hypothetical CPU of thread 000: it ORs D into whatever the PTE word holds and stores. */
    BLIND_DIRTY("blind-dirty");

    public final String name;

    Arch(String name) { this.name = name; }

    public static Arch byName(String n) {
        for (Arch a : values()) if (a.name.equals(n)) return a;
        return null;
    }
}

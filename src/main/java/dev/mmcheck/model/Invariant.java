package dev.mmcheck.model;

/** The built-in invariants; docs/invariants.md defines each exactly. */
public enum Invariant {
    DATA_INTEGRITY("data_integrity"),
    DIRTY_BIT_LOST("dirty_bit_lost"),
    STALE_TLB_WRITE("stale_tlb_write"),
    DIRTY_ACCOUNTING("dirty_accounting"),
    NO_DEADLOCK("no_deadlock"),
    /** BUG_ON and assert: always checked. */
    BUG("bug"),
    ASSERT("assert");

    public final String name;

    Invariant(String name) { this.name = name; }

    public int bit() { return 1 << ordinal(); }

    public static Invariant byName(String n) {
        for (Invariant i : values()) if (i.name.equals(n)) return i;
        return null;
    }
}

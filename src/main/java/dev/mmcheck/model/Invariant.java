package dev.mmcheck.model;

/** The built-in invariants; docs/invariants.md defines each exactly. */
public enum Invariant {
    DATA_INTEGRITY("data_integrity"),
    DIRTY_BIT_LOST("dirty_bit_lost"),
    STALE_TLB_WRITE("stale_tlb_write"),
    DIRTY_ACCOUNTING("dirty_accounting"),
    NO_DEADLOCK("no_deadlock"),
    /** The scenario's own forall conditions: checked whenever it states one. */
    FORALL("forall"),
    /** BUG_ON and assert: always checked. */
    BUG("bug"),
    ASSERT("assert"),
    /**
     * Not an invariant: the scenario reached a path the model does not cover ({@code
     * unmodelled("why")}). Recorded like a violation, so that its trace can be shown, but it is
     * never a finding: it never satisfies {@code expect violation}, and it makes the run undecided.
     */
    MODEL_GAP("model_gap");

    public final String name;

    Invariant(String name) { this.name = name; }

    public int bit() { return 1 << ordinal(); }

    /** The invariants a scenario may name in {@code check}: not the model-gap record. */
    public static Invariant byName(String n) {
        for (Invariant i : values()) if (i.name.equals(n) && i != MODEL_GAP) return i;
        return null;
    }

    /** Checked whether named or not: a BUG_ON, an assert, a model gap always stop the thread and are reported. */
    public boolean always() { return this == BUG || this == ASSERT || this == MODEL_GAP; }
}

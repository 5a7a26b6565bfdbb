package dev.mmcheck.model;

/** The built-in invariants; docs/invariants.md defines each exactly. */
public enum Invariant {
    DATA_INTEGRITY("data_integrity", "in every final state each disk block holds the last value a user stored to it"),
    DIRTY_BIT_LOST("dirty_bit_lost", "set_pte_at never overwrites a dirty bit the hardware set after the writer last read the PTE"),
    STALE_TLB_WRITE("stale_tlb_write", "no store goes through a writable TLB entry of a read-only or absent PTE unless a flush is still owed"),
    DIRTY_ACCOUNTING("dirty_accounting", "once every thread has finished, no dirty PTE maps a page without PG_dirty"),
    NO_DEADLOCK("no_deadlock", "some thread can always make progress (or take an IPI) until every thread has finished"),
    PT_USE_AFTER_FREE("pt_use_after_free", "no page-table page is freed while a pmd or a CPU's paging-structure cache still reaches it, and no walk reaches a freed one"),
    USE_AFTER_FREE("use_after_free", "no user load or store reaches a page frame through a translation made before the frame was freed"),
    FSYNC_DURABILITY("fsync_durability", "when fsync or msync(MS_SYNC) returns, each block of its file is on disk as last stored before the call began, or as stored since"),
    MAPPED_UPTODATE("mapped_uptodate", "no PTE maps a page-cache page that is not PG_uptodate, after any step of a thread"),
    NO_STALE_WRITEBACK("no_stale_writeback", "no block is written to disk from a page that is not PG_uptodate"),
    NO_WRITE_AFTER_MPROTECT("no_write_after_mprotect", "once an mprotect that takes write away from a page, or a munmap of it, has done its work, no user store to the page completes until write is given back"),
    /** The scenario's own forall conditions: checked whenever it states one. */
    FORALL("forall", "the scenario's own forall (COND) conditions hold in every final state"),
    /** BUG_ON and assert: always checked. */
    BUG("bug", "no BUG_ON fires and no primitive oopses (NULL, an unlock by a non-holder...)"),
    ASSERT("assert", "no assert of the scenario or the library fails"),
    /**
     * Not an invariant: the scenario reached a path the model does not cover ({@code
     * unmodelled("why")}). Recorded like a violation, so that its trace can be shown, but it is
     * never a finding: it never satisfies {@code expect violation}, and it makes the run undecided.
     */
    MODEL_GAP("model_gap", "not an invariant: the scenario reached a path the model does not cover");

    public final String name;
    /** One line: what it claims (docs/invariants.md has the exact definition). */
    public final String summary;

    Invariant(String name, String summary) {
        this.name = name;
        this.summary = summary;
    }

    public int bit() { return 1 << ordinal(); }

    /** The invariants a scenario may name in {@code check}: not the model-gap record. */
    public static Invariant byName(String n) {
        for (Invariant i : values()) if (i.name.equals(n) && i != MODEL_GAP) return i;
        return null;
    }

    /** Checked whether named or not: a BUG_ON, an assert, a model gap always stop the thread and are reported. */
    public boolean always() { return this == BUG || this == ASSERT || this == MODEL_GAP; }
}

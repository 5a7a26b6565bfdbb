package dev.mmcheck.machine;

import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.World;

/**
 * A built-in invariant, as one class: the events of the machine it watches, the ghost state it
 * keeps (allocated in the state vector only when the scenario checks it), and, for an invariant
 * of a whole state, the check and the states it is judged in. The machine and the kernel
 * primitives report events to the checked monitors (through {@link Ctx}); a monitor reports a
 * violation with {@link Ctx#violate}. Every event hook does nothing unless overridden.
 * The built-ins are listed in dev.mmcheck.monitor.Monitors.
 */
public abstract class Monitor {
    /** Where the invariant is judged. */
    public enum When {
        /** on the steps that could break it (it calls Ctx.judge when it looks) */
        STEP,
        /** in final states: every thread and the after block finished */
        END,
        /** once every thread (not the after block) has finished */
        THREADS_FINISHED,
        /** by the search itself (no_deadlock) */
        SEARCH
    }

    public final Invariant invariant;

    protected Monitor(Invariant invariant) { this.invariant = invariant; }

    public abstract When when();

    /** The ints of ghost state it keeps; 0 for none. */
    public int ghostSize(World w, int nThreads) { return 0; }

    /** Where its ghost state starts (valid only when the scenario checks it). */
    protected final int ghost(Layout l) { return l.ghostBase[invariant.ordinal()]; }

    /** Its ghost state in the initial state, if not all 0. */
    public void initGhost(int[] s, Layout l, World w) {}

    // ---- events of the kernel's primitives ----
    /** The kernel read a PTE word (*ptep, ptep_get_and_clear, ptep_xchg). */
    public void kernelReadPte(Ctx c, int slot) {}
    /** set_pte_at is about to replace old with now. */
    public void kernelSetsPte(Ctx c, int slot, int old, int now) {}
    /** The kernel wrote a PTE word (any primitive). */
    public void kernelWrotePte(Ctx c, int slot, int old, int now) {}
    /** flush_tlb_others sent a flush of (mm, vpage), vpage -1 for the whole mm. */
    public void flushSent(Ctx c, int mm, int vpage) {}
    /** wait_flush_acks returned: every flush this thread sent is done. */
    public void flushesAcked(Ctx c) {}
    /** The kernel freed page-table frame (pte_free); reachedBy says what still reaches it, null for nothing. */
    public void tableFreed(Ctx c, int frame, String reachedBy) {}
    /** A page-table walk reached a freed page-table frame. */
    public void walkReachesFreedTable(Ctx c, int frame, String how) {}
    /** A thread finished (it owes nothing any more). */
    public void threadFinished(int[] s, Layout l, World w, int thread) {}

    // ---- events of the hardware ----
    /** A user store begins. */
    public void userStore(Ctx c) {}
    /**
     * A thread's step is done (c.s is the state it leaves): for invariants of every state that
     * only kernel code can break. Called only for monitors whose {@link #watchesSteps} is true.
     */
    public void stepDone(Ctx c) {}
    /** Whether {@link #stepDone} does anything: the executor calls it after every step of every thread. */
    public boolean watchesSteps() { return false; }
    /** submit_bh(WRITE) writes block to disk. */
    public void blockWritten(Ctx c, int block) {}
    /** The calling thread's fsync(2) of file begins (the library's sys_fsync, __fsync_start). */
    public void fsyncStarts(Ctx c, int file) {}
    /** The calling thread's fsync(2) of file returns (__fsync_return). */
    public void fsyncReturns(Ctx c, int file) {}
    /** A user load or store reaches a page, with page frames in the scenario; freed says how it reaches a freed frame, or is null. */
    public void frameAccess(Ctx c, String freed) {}
    /** A store goes through a TLB entry that allows it without looking at the PTE. */
    public void storeThroughTlb(Ctx c, int slot) {}
    /** The walker is about to OR the dirty bit into the PTE word pte. */
    public void hardwareSetsDirty(Ctx c, int slot, int pte) {}
    /** A user store to (mm, vpage) completed: the data is in memory. */
    public void userStoreDone(Ctx c, int mm, int vpage) {}
    /** sys_mprotect's change of mm's pages [start, start+len) is complete (the __mprotect_done mark). */
    public void mprotectDone(Ctx c, int mm, int start, int len) {}
    /** A user store wrote value to memory block. */
    public void memoryWritten(Ctx c, int block, int value) {}

    // ---- invariants of a whole state ----
    /** For END and THREADS_FINISHED: null when the state is fine, else why it is not. */
    public String check(Model m, int[] s) { return null; }

    /** For STEP: what no explored step did, when none judged it ("wrote a PTE with set_pte_at"). */
    public String neverJudged() { return null; }
}

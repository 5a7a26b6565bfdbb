package dev.mmcheck.model;

import java.util.EnumSet;
import java.util.Map;
import static dev.mmcheck.model.Footprint.Area.*;

/**
 * Which areas of the state vector each primitive and each hardware move reads and writes: what
 * partial-order reduction will need to know which steps commute. Ghost state is not here (it
 * belongs to the monitors, and only reflects what the step did), nor the stepping thread's own
 * pc and locals. FootprintTest holds every primitive to its declaration on the corpus.
 */
public record Footprint(EnumSet<Area> reads, EnumSet<Area> writes) {
    /** The areas of the state vector that steps share; each {@link Layout.Region} has one, or none. */
    /**
     * PT: the upper level of page tables (pmd entries) and which page-table frames are in use;
     * TLB includes the paging-structure caches; FRAME: which page frames the allocator has handed
     * out; MEMORY: the data of file pages and frames.
     */
    public enum Area { PTE, PT, TLB, IPI, IRQ, FIELD, FRAME, MEMORY, DISK }

    private static Footprint of(EnumSet<Area> reads, EnumSet<Area> writes) { return new Footprint(reads, writes); }

    private static final EnumSet<Area> NONE = EnumSet.noneOf(Area.class);

    /** A PURE primitive reads the topology and its arguments only. */
    public static final Footprint PURE = of(NONE, NONE);

    /** A CPU takes a flush IPI: it flushes its TLB and acknowledges. */
    public static final Footprint TAKE_IPI = of(EnumSet.of(IPI, IRQ), EnumSet.of(IPI, TLB));
    /** A speculative walk: the pmd (or the PSC) and the PTE read, the PSC and TLB filled, the PTE's accessed bit set (FRAME: whether the frame is free, for use_after_free's mark). */
    public static final Footprint SPECULATE = of(EnumSet.of(PT, TLB, PTE, FRAME), EnumSet.of(TLB, PTE));
    /** A TLB drops an entry. */
    public static final Footprint EVICTION = of(EnumSet.of(TLB), EnumSet.of(TLB));

    private static final Map<Prim, Footprint> SHARED = Map.ofEntries(
            Map.entry(Prim.ALLOC_FRAME, of(EnumSet.of(FRAME), EnumSet.of(FRAME))),
            Map.entry(Prim.FREE_FRAME, of(EnumSet.of(FRAME, TLB, PTE), EnumSet.of(FRAME, TLB))),   // TLB: entries of the frame go stale
            Map.entry(Prim.CLEAR_HIGHPAGE, of(EnumSet.of(FRAME), EnumSet.of(MEMORY))),
            Map.entry(Prim.DMA_WRITE, of(EnumSet.of(FRAME), EnumSet.of(MEMORY))),
            Map.entry(Prim.COPY_USER_HIGHPAGE, of(EnumSet.of(FRAME, MEMORY), EnumSet.of(MEMORY))),
            Map.entry(Prim.FSYNC_START, of(EnumSet.of(MEMORY), NONE)),   // what was stored before it: the order against stores matters
            Map.entry(Prim.FSYNC_RETURN, of(EnumSet.of(DISK), NONE)),
            Map.entry(Prim.PTE_READ, of(EnumSet.of(PTE), NONE)),
            Map.entry(Prim.PTEP_GET_AND_CLEAR, of(EnumSet.of(PTE), EnumSet.of(PTE))),
            Map.entry(Prim.SET_PTE_AT, of(EnumSet.of(PTE), EnumSet.of(PTE))),
            Map.entry(Prim.PTEP_XCHG, of(EnumSet.of(PTE), EnumSet.of(PTE))),
            Map.entry(Prim.LOCAL_FLUSH_TLB_PAGE, of(EnumSet.of(TLB), EnumSet.of(TLB))),
            Map.entry(Prim.LOCAL_FLUSH_TLB_MM, of(EnumSet.of(TLB), EnumSet.of(TLB))),
            Map.entry(Prim.FLUSH_TLB_OTHERS, of(EnumSet.of(IPI), EnumSet.of(IPI))),
            Map.entry(Prim.WAIT_FLUSH_ACKS, of(EnumSet.of(IPI), NONE)),
            Map.entry(Prim.PMD_READ, of(EnumSet.of(PT), NONE)),
            Map.entry(Prim.PMD_CLEAR, of(NONE, EnumSet.of(PT))),
            Map.entry(Prim.PMD_POPULATE, of(EnumSet.of(PT, TLB), EnumSet.of(PT, PTE))),   // PTE: the new page starts empty
            Map.entry(Prim.PTE_ALLOC_ONE, of(EnumSet.of(PT), EnumSet.of(PT))),
            Map.entry(Prim.PTE_FREE, of(EnumSet.of(PT, TLB), EnumSet.of(PT, TLB))),   // TLB: cache entries of the page go stale
            Map.entry(Prim.WAIT_FLUSH_IPI, of(EnumSet.of(IPI), NONE)),
            Map.entry(Prim.FLUSH_IPI_SENDER, of(EnumSet.of(IPI), NONE)),
            Map.entry(Prim.FLUSH_IPI_MM, of(EnumSet.of(IPI), NONE)),
            Map.entry(Prim.ACK_FLUSH_IPI, of(EnumSet.of(IPI), EnumSet.of(IPI))),
            Map.entry(Prim.LOAD_CR3_SWAPPER, of(NONE, EnumSet.of(TLB))),
            Map.entry(Prim.LOCAL_IRQ_DISABLE, of(NONE, EnumSet.of(IRQ))),
            Map.entry(Prim.LOCAL_IRQ_ENABLE, of(NONE, EnumSet.of(IRQ))),
            Map.entry(Prim.FIELD_LOAD, of(EnumSet.of(FIELD), NONE)),
            Map.entry(Prim.FIELD_STORE, of(NONE, EnumSet.of(FIELD))),
            Map.entry(Prim.TEST_BIT, of(EnumSet.of(FIELD), NONE)),
            Map.entry(Prim.SET_BIT, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.CLEAR_BIT, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.TEST_AND_SET_BIT, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.TEST_AND_CLEAR_BIT, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.ATOMIC_READ, of(EnumSet.of(FIELD), NONE)),
            Map.entry(Prim.ATOMIC_SET, of(NONE, EnumSet.of(FIELD))),
            Map.entry(Prim.ATOMIC_INC, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.ATOMIC_DEC, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.ATOMIC_INC_AND_TEST, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.ATOMIC_DEC_AND_TEST, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.ATOMIC_ADD_NEGATIVE, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.WAIT_ON_BIT, of(EnumSet.of(FIELD), NONE)),
            Map.entry(Prim.WAIT_ON_BIT_LOCK, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.SPIN_LOCK, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.SPIN_UNLOCK, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.DOWN_READ, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.UP_READ, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.DOWN_WRITE, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.UP_WRITE, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.RWSEM_DOWN_FAILED, of(EnumSet.of(FIELD), NONE)),
            Map.entry(Prim.FORCE_SIG, of(NONE, NONE)),
            Map.entry(Prim.MPROTECT_DONE, of(EnumSet.of(FIELD), NONE)),   // the vmas' vm_flags as the change left them
            Map.entry(Prim.MUNMAP_DONE, of(EnumSet.of(FIELD), NONE)),     // ... and the vma list
            Map.entry(Prim.FIND_VMA_LIVE, of(EnumSet.of(FIELD), NONE)),
            Map.entry(Prim.VMA_UNLINK, of(EnumSet.of(FIELD), EnumSet.of(FIELD))),
            Map.entry(Prim.SUBMIT_BH, of(EnumSet.of(MEMORY, DISK), EnumSet.of(MEMORY, DISK))),
            Map.entry(Prim.DISK, of(EnumSet.of(DISK), NONE)),
            Map.entry(Prim.MEMORY, of(EnumSet.of(MEMORY), NONE)),
            // a user access: TLB lookup, the walk's A/D update and fill, the data
            // FIELD: no_write_after_mprotect judges a store by its vma's vm_flags
            Map.entry(Prim.HW_STORE, of(EnumSet.of(TLB, PT, PTE, FRAME, FIELD), EnumSet.of(TLB, PTE, MEMORY))),
            Map.entry(Prim.HW_LOAD, of(EnumSet.of(TLB, PT, PTE, FRAME, MEMORY), EnumSet.of(TLB, PTE))));

    /** What p reads and writes; every primitive has one. */
    public static Footprint of(Prim p) {
        if (p.kind == Prim.Kind.PURE) return PURE;
        Footprint f = SHARED.get(p);
        if (f == null) throw new IllegalStateException("no footprint declared for " + p);
        return f;
    }
}

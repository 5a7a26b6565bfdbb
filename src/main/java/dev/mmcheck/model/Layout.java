package dev.mmcheck.model;

/**
 * Where everything that changes lives in the flat int[] state vector. Regions, in order:
 * threads (pc, locals), CPUs (TLB entries, irqs-off flag), IPI requests, PTE words, locks,
 * struct page (flags, mapcount), page data, buffers, disk, then ghost state (bookkeeping
 * for invariants that no routine can read), the TLB-eviction counter and the after block's
 * "has started" bit.
 * Ghost state exists only for the invariants the scenario checks: bookkeeping nobody reads
 * would only split states. A ghost region that is not allocated has base -1.
 */
public final class Layout {
    public final int[] threadBase;   // [t] -> pc at threadBase[t], locals after it
    public final int tlbBase;        // cpu c, entry i: tlbBase + c*tlbSize + i
    public final int tlbSize;
    public final int irqOffBase;     // [cpu]
    public final int ipiBase;        // [sender*nCpus + target] -> pending flush request, 0 if none
    public final int pteBase;        // [pte slot]
    public final int lockBase;       // [lock] -> holder thread + 1
    public final int pageFlagsBase;  // [page]
    public final int mapcountBase;   // [page]
    public final int dataBase;       // [block] -> what memory holds for that block of its page
    public final int bhBase;         // [block] -> buffer_head flags
    public final int diskBase;       // [block]
    public final int ghostReadersBase;   // [pte slot] -> threads that read it since hw last set D (dirty_bit_lost)
    public final int ghostFlushOwedBase; // [pte slot] -> threads that downgraded it and owe a flush of it (stale_tlb_write)
    public final int ghostFlushingBase;  // [thread] -> the flush it sent and has not yet waited for, as an IPI request (stale_tlb_write)
    public final int ghostLastStoreBase; // [block] -> the last value a user stored to it (data_integrity)
    public final int evictionsAt;        // TLB evictions taken so far
    public final int afterStartedAt;     // 1 once the after block has taken its first step
    public final int size;
    public final int nCpus;

    public Layout(World w, int[] nLocals, int tlbSize, int checks) {
        int o = 0;
        threadBase = new int[nLocals.length];
        for (int t = 0; t < nLocals.length; t++) { threadBase[t] = o; o += 1 + nLocals[t]; }
        nCpus = w.nCpus;
        this.tlbSize = tlbSize;
        tlbBase = o; o += nCpus * tlbSize;
        irqOffBase = o; o += nCpus;
        ipiBase = o; o += nCpus * nCpus;
        pteBase = o; o += w.nPteSlots();
        lockBase = o; o += w.lockNames.size();
        pageFlagsBase = o; o += w.pages.size();
        mapcountBase = o; o += w.pages.size();
        dataBase = o; o += w.nBlocks;
        bhBase = o; o += w.nBlocks;
        diskBase = o; o += w.nBlocks;
        boolean readers = (checks & Invariant.DIRTY_BIT_LOST.bit()) != 0;
        boolean owed = (checks & Invariant.STALE_TLB_WRITE.bit()) != 0;
        boolean last = (checks & Invariant.DATA_INTEGRITY.bit()) != 0;
        ghostReadersBase = readers ? o : -1; o += readers ? w.nPteSlots() : 0;
        ghostFlushOwedBase = owed ? o : -1; o += owed ? w.nPteSlots() : 0;
        ghostFlushingBase = owed ? o : -1; o += owed ? nLocals.length : 0;
        ghostLastStoreBase = last ? o : -1; o += last ? w.nBlocks : 0;
        evictionsAt = o; o += 1;
        afterStartedAt = o; o += 1;
        size = o;
    }

    public int pc(int thread) { return threadBase[thread]; }
    public int local(int thread, int slot) { return threadBase[thread] + 1 + slot; }
    public int tlb(int cpu, int i) { return tlbBase + cpu * tlbSize + i; }
    public int ipi(int sender, int target) { return ipiBase + sender * nCpus + target; }
}

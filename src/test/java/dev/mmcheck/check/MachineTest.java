package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.model.Invariant;
import org.junit.jupiter.api.Test;

/**
 * The hardware and the kernel primitives on scenarios small enough to reason about by hand.
 * Each test states what the machine must do and is written so that the natural way of getting
 * it wrong (the mutant named in its comment) changes the verdict.
 */
class MachineTest {
    private static Verdict run(String text) { return TestSupport.verdict(text); }

    private static final String WRPROTECT = """
            fn wrprotect(mm, address) {
                ptep = pte_offset_map(mm, address);
                spin_lock(pte_lockptr(mm, ptep));
                set_pte_at(mm, address, ptep, pte_wrprotect(pte_mkclean(*ptep)));
                spin_unlock(pte_lockptr(mm, ptep));
            }
            """;

    @Test
    void x86SetsDirtyOnlyOnAPteThatIsStillWritable() {
        // cpu0 caches a writable-clean entry; the kernel write-protects the PTE without a flush.
        // A store through the clean entry must re-walk and, finding the PTE read-only, fault
        // (do_wp_page then makes it writable+dirty). The kernel cleans as it protects, as
        // page_mkclean_one does, so a read-only PTE never becomes dirty.
        // Mutant killed: the re-walk that ignores the writable bit.
        String text = """
                scenario "x86 re-walk"
                kernel "2.6.20"
                cpus 2
                file f { pages 1; buffers 1; }
                mm A { map f shared writable at 0; pte 0 present write young; }
                """ + WRPROTECT + """
                thread user on cpu 0 in A { load f[0].0; store f[0].0 = 1; }
                thread k on cpu 1 { wrprotect(A, 0); }
                after { e = *pte_offset_map(A, 0); assert(!pte_dirty(e) || pte_write(e), "a read-only PTE was made dirty"); }
                check assert
                """;
        assertThat(run(text).overall()).isEqualTo(Verdict.Overall.HOLDS);
        // Control: the blind-dirty CPU ORs D into whatever the PTE holds.
        assertThat(run(text.replace("kernel \"2.6.20\"", "kernel \"2.6.20\"\narch blind-dirty")).judgement(Invariant.ASSERT).status())
                .isEqualTo(Verdict.Status.VIOLATED);
    }

    private static final String TWO_PAGES = """
            scenario "flushes"
            kernel "2.6.20"
            cpus 2
            TLB
            file f { pages 2; buffers 1; }
            mm A { map f shared writable at 0; pte 0 present write young dirty; pte 1 present write young dirty; }
            """;

    @Test
    void aFlushPaysTheDebtOfThePagesItCovers() {
        // k protects pages 0 and 1, then flushes page 1 and page 0 in turn: a correct path.
        // Between the two flushes, cpu0's entry for page 0 is stale but its flush is still owed.
        String text = TWO_PAGES.replace("TLB", "") + WRPROTECT + """
                thread user on cpu 0 in A { store f[0].0 = 1; store f[0].0 = 2; }
                thread k on cpu 1 { wrprotect(A, 0); wrprotect(A, 1); flush_tlb_page(find_vma(A, 1), 1); FLUSH0 }
                check stale_tlb_write
                """;
        assertThat(run(text.replace("FLUSH0", "flush_tlb_page(find_vma(A, 0), 0);")).judgement(Invariant.STALE_TLB_WRITE).status())
                .isEqualTo(Verdict.Status.HOLDS);
        // Control: without the flush of page 0, the debt is never paid; once k returns, a store
        // through the stale entry breaks the invariant.
        assertThat(run(text.replace("FLUSH0", "")).judgement(Invariant.STALE_TLB_WRITE).status()).isEqualTo(Verdict.Status.VIOLATED);
    }

    @Test
    void aCompletedShootdownPaysTheDebtEvenIfTheLocalTlbWasForgotten() {
        // The user thread protects its own page, shoots down the other CPUs' entries and waits,
        // but forgets its local flush: its own TLB keeps the writable entry. The shootdown is
        // complete, nothing is owed, and its next store through that entry is stale. Mutant
        // killed: wait_flush_acks that never pays a debt.
        String text = TWO_PAGES.replace("TLB", "") + WRPROTECT + """
                thread user on cpu 0 in A { store f[0].0 = 1; wrprotect(A, 0); flush_tlb_others(A, 0); wait_flush_acks(); LOCAL store f[0].0 = 2; }
                check stale_tlb_write
                """;
        assertThat(run(text.replace("LOCAL", "")).judgement(Invariant.STALE_TLB_WRITE).status()).isEqualTo(Verdict.Status.VIOLATED);
        // Control: with the local flush, the store faults instead.
        assertThat(run(text.replace("LOCAL", "local_flush_tlb_page(A, 0);")).judgement(Invariant.STALE_TLB_WRITE).status())
                .isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void aFullTlbReplacesItsOldestEntry() {
        // One entry, no evictions. The store to page 1 must replace page 0's entry; then k
        // write-protects page 1 without a flush and the next store goes through the stale
        // entry. Mutant killed: a full TLB that drops the new entry (page 1 would never be
        // cached, every store to it would walk and fault).
        String text = TWO_PAGES.replace("TLB", "tlb 1\nbound evictions 0") + WRPROTECT + """
                thread user on cpu 0 in A { store f[0].0 = 1; store f[1].0 = 2; store f[1].0 = 3; }
                thread k on cpu 1 { wrprotect(A, 1); }
                check stale_tlb_write
                """;
        assertThat(run(text).judgement(Invariant.STALE_TLB_WRITE).status()).isEqualTo(Verdict.Status.VIOLATED);
        // Control: with the protection change flushed, nothing is stale.
        assertThat(run(text.replace("spin_unlock(pte_lockptr(mm, ptep));\n}", "flush_tlb_page(find_vma(mm, address), address);\n    spin_unlock(pte_lockptr(mm, ptep));\n}"))
                .judgement(Invariant.STALE_TLB_WRITE).status()).isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void theEvictionBoundIsExact() {
        // One thread fills one TLB entry; each allowed eviction adds exactly one state (the
        // entry gone) at each of the two points after the fill. Mutant killed: a bound off by one.
        String text = """
                scenario "evictions"
                kernel "2.6.20"
                cpus 1
                BOUND
                file f { pages 1; buffers 1; }
                mm A { map f shared writable at 0; pte 0 present write young dirty; }
                thread user on cpu 0 in A { load f[0].0; SetPageDirty(f[0]); }
                check no_deadlock
                """;
        long none = TestSupport.explore(TestSupport.compile("e.mmt", text.replace("BOUND", "bound evictions 0"))).states();
        long one = TestSupport.explore(TestSupport.compile("e.mmt", text.replace("BOUND", "bound evictions 1"))).states();
        assertThat(none).isEqualTo(3);
        assertThat(one).isEqualTo(5);
    }

    @Test
    void unlockingALockOneDoesNotHoldIsABug() {
        // Mutant killed: spin_unlock by a non-holder accepted silently.
        String text = """
                scenario "unlock"
                kernel "2.6.20"
                cpus 2
                file f { pages 1; buffers 1; }
                thread a on cpu 0 { spin_lock(&f->tree_lock); SetPageDirty(f[0]); spin_unlock(&f->tree_lock); }
                thread b on cpu 1 { UNLOCK }
                check no_deadlock
                """;
        Verdict bad = run(text.replace("UNLOCK", "spin_unlock(&f->tree_lock);"));
        assertThat(bad.judgement(Invariant.BUG).violation().message()).contains("b unlocked f->tree_lock, which it does not hold");
        assertThat(run(text.replace("UNLOCK", "spin_lock(&f->tree_lock); spin_unlock(&f->tree_lock);")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void twoFlushRequestsMergeNoWiderThanNeeded() {
        // Requests are 1 + mm + ((vpage + 1) << 8); vpage -1 is the whole mm.
        int a0 = 1 + ((0 + 1) << 8), a1 = 1 + ((1 + 1) << 8), b0 = 2 + ((0 + 1) << 8);
        assertThat(dev.mmcheck.machine.Ipi.merge(0, a0)).isEqualTo(a0);
        assertThat(dev.mmcheck.machine.Ipi.merge(a0, a0)).isEqualTo(a0);
        assertThat(dev.mmcheck.machine.Ipi.merge(a0, a1)).as("two pages of mm 0: all of mm 0").isEqualTo(1);
        assertThat(dev.mmcheck.machine.Ipi.merge(a0, b0)).as("two mms: everything").isEqualTo(dev.mmcheck.machine.Ipi.FLUSH_EVERYTHING);
    }

    @Test
    void aLoadYieldsTheValueThroughTheMapping() {
        // u stores 1 and reads its own store back; v reads whatever the page holds when it loads,
        // through its own TLB and faults: 0 before u's store, 1 after.
        String text = """
                scenario "loads"
                kernel "2.6.20"
                cpus 2
                file f { pages 1; buffers 1; }
                mm A { map f shared writable at 0; }
                thread u on cpu 0 in A { store f[0].0 = 1; x = load f[0].0; assert(x == 1, "own store"); }
                thread v on cpu 1 in A { y = load f[0].0; assert(CHECK, "a value someone stored"); }
                check assert
                """;
        assertThat(run(text.replace("CHECK", "y == 0 || y == 1")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        // Control: v can read either value, so insisting on 0 breaks.
        Violation v = run(text.replace("CHECK", "y == 0")).judgement(Invariant.ASSERT).violation();
        assertThat(v).isNotNull();
        assertThat(v.trace()).anyMatch(s -> s.step().reads().stream().anyMatch(r -> r.value() == 1));
    }
}

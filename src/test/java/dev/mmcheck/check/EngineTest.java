package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import org.junit.jupiter.api.Test;

/** The checker on small self-contained scenarios whose answers can be worked out by hand. */
class EngineTest {
    private static final String HEADER = """
            scenario "engine"
            kernel "2.6.20"
            cpus 2
            file f { pages 1; buffers 1; }
            mm A { map f shared writable at 0; }
            """;

    /** a takes i_mmap_lock then tree_lock, b the other way round. */
    private static final String LOCK_ORDER_INVERSION = """
                thread a on cpu 0 { spin_lock(&f->i_mmap_lock); spin_lock(&f->tree_lock); spin_unlock(&f->tree_lock); spin_unlock(&f->i_mmap_lock); }
                thread b on cpu 1 { spin_lock(&f->tree_lock); spin_lock(&f->i_mmap_lock); spin_unlock(&f->i_mmap_lock); spin_unlock(&f->tree_lock); }
                check no_deadlock
            """;

    private static Result check(String body) {
        return TestSupport.explore(TestSupport.compileAlone("engine.mmt", HEADER + body));
    }

    @Test
    void lockOrderInversionDeadlocks() {
        Result r = check(LOCK_ORDER_INVERSION);
        Violation v = r.violation(Invariant.NO_DEADLOCK);
        assertThat(v).isNotNull();
        assertThat(v.depth()).as("each thread takes its first lock: the shortest deadlock").isEqualTo(2);
        assertThat(v.message()).contains("a waits at").contains("b waits at");
    }

    @Test
    void depthBoundCutsTheSearch() {
        String body = "bound depth DEPTH\n" + LOCK_ORDER_INVERSION;
        assertThat(check(body.replace("DEPTH", "2")).violation(Invariant.NO_DEADLOCK)).isNotNull();
        Result cut = check(body.replace("DEPTH", "1"));
        assertThat(cut.violations()).isEmpty();
        assertThat(cut.stop()).isEqualTo(Result.Stop.COMPLETE);
        assertThat(cut.ends().cutStates()).as("the states at depth 1 that have successors").isEqualTo(2);
    }

    @Test
    void sameLockOrderHolds() {
        Result r = check("""
                thread a on cpu 0 { spin_lock(&f->i_mmap_lock); spin_lock(&f->tree_lock); spin_unlock(&f->tree_lock); spin_unlock(&f->i_mmap_lock); }
                thread b on cpu 1 { spin_lock(&f->i_mmap_lock); spin_lock(&f->tree_lock); spin_unlock(&f->tree_lock); spin_unlock(&f->i_mmap_lock); }
                check no_deadlock
                """);
        assertThat(r.violations()).isEmpty();
        assertThat(r.stop()).isEqualTo(Result.Stop.COMPLETE);
    }

    @Test
    void shootdownToACpuSpinningWithInterruptsOffDeadlocks() {
        // cpu0 holds the lock and waits for cpu1's acknowledgement; cpu1 spins on the lock with
        // interrupts off, so it never takes the IPI: the DESIGN's example of a deadlock.
        String body = """
                thread a on cpu 0 in A { spin_lock(&f->i_mmap_lock); flush_tlb_others(A, 0); wait_flush_acks(); spin_unlock(&f->i_mmap_lock); }
                thread b on cpu 1 in A { local_irq_disable(); spin_lock(&f->i_mmap_lock); spin_unlock(&f->i_mmap_lock); local_irq_enable(); }
                check no_deadlock
                """;
        assertThat(check(body).violation(Invariant.NO_DEADLOCK)).isNotNull();
        assertThat(check(body.replace("local_irq_disable(); ", "").replace(" local_irq_enable();", "")).violations()).isEmpty();
    }

    @Test
    void chooseExploresEveryArm() {
        Result r = check("""
                thread a on cpu 0 { choose { SetPageDirty(f[0]); } or { ClearPageDirty(f[0]); } or { x = PageDirty(f[0]); assert(x, "third arm"); } }
                check no_deadlock
                """);
        assertThat(r.violation(Invariant.ASSERT)).isNotNull();
        assertThat(r.violation(Invariant.ASSERT).message()).contains("third arm");
    }

    @Test
    void atomicMakesTestThenSetOneStep() {
        String racy = """
                thread a on cpu 0 { if (!PageLocked(f[0])) { x = TestSetPageLocked(f[0]); assert(!x, "both took the page lock"); } }
                thread b on cpu 1 { if (!PageLocked(f[0])) { x = TestSetPageLocked(f[0]); assert(!x, "both took the page lock"); } }
                check no_deadlock
                """;
        assertThat(check(racy).violation(Invariant.ASSERT)).isNotNull();
        String atomic = racy.replace("if (!PageLocked", "atomic { if (!PageLocked").replace("} }", "} } }");
        assertThat(check(atomic).violations()).isEmpty();
    }

    @Test
    void compoundAssignmentsMeanWhatCSays() {
        // ((1 + 2) << 1) + 1 = 7, then | 8 = 15, then - 1 = 14: any other arithmetic trips the assert.
        Result r = check("""
                thread a on cpu 0 { x = 1; x += 2; x <<= 1; x++; x |= 8; x--; SetPageDirty(f[0]); assert(x == 14, "arithmetic"); }
                check no_deadlock
                """);
        assertThat(r.violations()).isEmpty();
        Result wrong = check("""
                thread a on cpu 0 { x = 1; x += 2; x <<= 1; x++; x |= 8; x--; SetPageDirty(f[0]); assert(x == 15, "arithmetic"); }
                check no_deadlock
                """);
        assertThat(wrong.violation(Invariant.ASSERT)).isNotNull();
    }

    @Test
    void writeProtectWithoutFlushLeavesAStaleWritableTlbEntry() {
        // The clear_refs shape of thread 002: a PTE made read-only and no flush owed any more
        // once the path returns, while cpu0 still caches a writable entry.
        String scenario = HEADER + """
                kernel "2.6.20"
                fn wrprotect(mm, address) {
                    ptep = pte_offset_map(mm, address);
                    spin_lock(pte_lockptr(mm, ptep));
                    set_pte_at(mm, address, ptep, pte_wrprotect(*ptep));
                    FLUSH
                    spin_unlock(pte_lockptr(mm, ptep));
                }
                thread user on cpu 0 in A { store f[0].0 = 1; store f[0].0 = 2; }
                thread k on cpu 1 { wrprotect(A, 0); }
                check stale_tlb_write
                """;
        Result noFlush = TestSupport.explore(TestSupport.compile("stale.mmt", scenario.replace("FLUSH", "")));
        Violation v = noFlush.violation(Invariant.STALE_TLB_WRITE);
        assertThat(v).isNotNull();
        assertThat(v.message()).contains("cpu0 stored through a writable TLB entry for A:0 whose PTE is read-only");
        Result flushed = TestSupport.explore(TestSupport.compile("stale.mmt",
                scenario.replace("FLUSH", "flush_tlb_page(find_vma(mm, address), address);")));
        assertThat(flushed.violations()).isEmpty();
    }

    @Test
    void anInvariantNoRunReachesIsNotJudged() {
        // b waits forever for the lock a never drops: no run finishes, so data_integrity is
        // never judged, and must not be reported as holding.
        String text = HEADER + """
                thread a on cpu 0 { spin_lock(&f->tree_lock); }
                thread b on cpu 1 { spin_lock(&f->tree_lock); }
                check data_integrity
                """;
        Model m = TestSupport.compileAlone("engine.mmt", text);
        Result r = TestSupport.explore(m);
        assertThat(r.violations()).isEmpty();
        assertThat(r.finalStates()).isZero();
        Verdict.Judgement j = Verdict.judge(m, r).judgement(Invariant.DATA_INTEGRITY);
        assertThat(j.status()).isEqualTo(Verdict.Status.UNKNOWN);
        assertThat(j.detail()).contains("no run reached the state where it is judged").contains("2 states deadlock");
        Model okm = TestSupport.compileAlone("engine.mmt", text.replace("spin_lock(&f->tree_lock); }", "spin_lock(&f->tree_lock); spin_unlock(&f->tree_lock); }"));
        Result ok = TestSupport.explore(okm);
        assertThat(ok.finalStates()).isEqualTo(1);
        assertThat(Verdict.judge(okm, ok).judgement(Invariant.DATA_INTEGRITY).status()).isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void aThreadNamedAfterIsAnOrdinaryThread() {
        // Two threads on one CPU are refused; a thread called "after" must count as one of them.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> check("""
                thread after on cpu 0 { SetPageDirty(f[0]); }
                thread b on cpu 0 { SetPageDirty(f[0]); }
                check no_deadlock
                """)).hasMessageContaining("cpu 0 already runs a thread");
    }

    @Test
    void theShortestBugIsFoundAndReplayedStepByStep() {
        // By hand: the BUG needs x = 1 (a's TestClearPageDirty found PG_dirty set) and PG_dirty
        // set again when a reads it, which only b's SetPageDirty between the two can do. The
        // only 4-step order is a, a, b, a; every other order needs more steps or never BUGs.
        String body = """
                thread a on cpu 0 { SetPageDirty(f[0]); x = TestClearPageDirty(f[0]); BUG_ON(x && PageDirty(f[0])); }
                thread b on cpu 1 { SetPageDirty(f[0]); ClearPageDirty(f[0]); }
                check no_deadlock
                """;
        Result r = check(body);
        Violation v = r.violation(Invariant.BUG);
        assertThat(v.depth()).isEqualTo(4);
        assertThat(v.trace()).extracting(s -> s.step().thread()).containsExactly(0, 0, 1, 0);
        assertThat(v.trace().get(3).step().reads()).extracting(Step.Read::value).containsExactly(1);
        // A second search finds the same space and the same path (replay depends on it).
        Result again = check(body);
        assertThat(again.states()).isEqualTo(r.states());
        assertThat(again.violation(Invariant.BUG).path()).containsExactly(v.path());
    }

    @Test
    void deadLocalsDoNotSplitStates() {
        // y is dead once the BUG_ON (folded into a's first step) has read it. Zeroed, the two
        // orders of a's first step and b's meet in one state: 3 x 2 progress pairs = 6 states.
        // Kept, y would remember which order ran (0 or 1) and split that state: 7. The page is
        // held in p, so no later temporary of the step reuses y's slot and hides the split.
        Model m = TestSupport.compileAlone("engine.mmt", HEADER + """
                thread a on cpu 0 { p = f[0]; y = PageDirty(p); BUG_ON(y > 1); SetPageUptodate(p); }
                thread b on cpu 1 { SetPageDirty(f[0]); }
                check no_deadlock
                """);
        Result r = TestSupport.explore(m);
        assertThat(r.states()).isEqualTo(6);
    }
}

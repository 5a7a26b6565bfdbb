package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmcheck.TestSupport;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import org.junit.jupiter.api.Test;

/**
 * Verdicts that were once wrong or misleading, each pinned with a control that must come out
 * the other way: a HOLDS is only claimed where it was earned.
 */
class VerdictTest {
    private static Verdict run(String text) { return TestSupport.verdict(text); }

    private static final String FILE = """
            scenario "v"
            kernel "2.6.20"
            cpus 2
            file f { pages 1; buffers 1; }
            """;

    @Test
    void aScenarioCheckingOnlyAssertIsSearched() {
        String text = FILE + """
                thread t on cpu 0 { x = PageDirty(f[0]); assert(x, "PG_dirty is clear"); }
                check assert
                """;
        Verdict v = run(text);
        assertThat(v.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(v.judgement(Invariant.ASSERT).violation().message()).contains("PG_dirty is clear");
        Verdict dirty = run(text.replace("thread t on cpu 0 {", "thread t on cpu 0 { SetPageDirty(f[0]);"));
        assertThat(dirty.overall()).isEqualTo(Verdict.Overall.HOLDS);
        assertThat(dirty.judgement(Invariant.ASSERT).status()).isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void aDeadlockTraceEndsWhereTheThreadsAreStuckNotInATlbEviction() {
        // u fills its TLB, then both threads take two locks in opposite orders. The deadlocked
        // state still has an eviction successor; that move is no progress, so the trace is the
        // four thread steps, never padded by a TLB eviction.
        String text = FILE + """
                mm A { map f shared writable at 0; pte 0 present write young dirty; }
                thread u on cpu 0 in A { load f[0].0; spin_lock(&f->i_mmap_lock); spin_lock(&f->tree_lock); spin_unlock(&f->tree_lock); spin_unlock(&f->i_mmap_lock); }
                thread k on cpu 1 { spin_lock(&f->tree_lock); spin_lock(&f->i_mmap_lock); spin_unlock(&f->i_mmap_lock); spin_unlock(&f->tree_lock); }
                check no_deadlock
                """;
        Violation d = run(text).judgement(Invariant.NO_DEADLOCK).violation();
        assertThat(d).isNotNull();
        assertThat(d.depth()).isEqualTo(3);
        assertThat(d.trace()).noneMatch(s -> s.step().isHardware());
        assertThat(run(text.replace("spin_lock(&f->tree_lock); spin_lock(&f->i_mmap_lock); spin_unlock(&f->i_mmap_lock); spin_unlock(&f->tree_lock);",
                "spin_lock(&f->i_mmap_lock); spin_lock(&f->tree_lock); spin_unlock(&f->tree_lock); spin_unlock(&f->i_mmap_lock);")).overall())
                .isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aBusyWaitOnAConditionNobodyChangesIsADeadlock() {
        String spin = "thread s on cpu 0 { TestSetPageWriteback(f[0]); while (PageWriteback(f[0])) { } }\n";
        Verdict hang = run(FILE + spin + "check no_deadlock\n");
        assertThat(hang.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(hang.judgement(Invariant.NO_DEADLOCK).violation().message()).contains("s spins at while (PageWriteback(f[0]))");
        // Control: another CPU waits for the writeback to start, then ends it: both spins end.
        Verdict ends = run(FILE + spin + "thread w on cpu 1 { while (!PageWriteback(f[0])) { } end_page_writeback(f[0]); }\ncheck no_deadlock\n");
        assertThat(ends.judgement(Invariant.NO_DEADLOCK).status()).isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void userAccessesOnlyFromAThreadInThatMm() {
        String text = FILE + """
                mm A { map f shared writable at 0; }
                thread k on cpu 1 { x = __hw_store(A, 0, 0, 1); }
                check no_deadlock
                """;
        assertThatThrownBy(() -> run(text)).isInstanceOf(MmtError.class).hasMessageContaining("runs in no address space");
        assertThatThrownBy(() -> run(text.replace("mm A { map f shared writable at 0; }", "mm A { map f shared writable at 0; }\nmm B { map f shared writable at 0; }")
                .replace("thread k on cpu 1 {", "thread k on cpu 1 in B {"))).isInstanceOf(MmtError.class).hasMessageContaining("must name the address space its thread runs in (B)");
        assertThat(run(text.replace("thread k on cpu 1 {", "thread k on cpu 1 in A {")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    private static final String MKCLEAN = """
            scenario "patch"
            kernel "KERNEL"
            cpus 2
            file f { pages 1; buffers 1; fs ext3_ordered; page 0 dirty; }
            mm A { map f shared writable at 0; pte 0 present write young dirty; }
            thread flush on cpu 1 { writeback(f); }
            check data_integrity
            """;

    @Test
    void theScenarioFilesRoutineReplacesTheLibrarysWhateverItsVariantName() {
        String patch = "fn page_mkclean_one(page, vma) VARIANT { BUG_ON(1); return 0; }\n";
        for (String variant : new String[] {"", "variant \"2.6.20-mine\"", "variant \"2.6.21\""}) {
            Model m = TestSupport.compile("p.mmt", MKCLEAN.replace("KERNEL", "2.6.20") + patch.replace("VARIANT", variant));
            Verdict v = Verdict.judge(m, TestSupport.explore(m));
            assertThat(v.judgement(Invariant.BUG)).as(variant).isNotNull();
            assertThat(m.routines()).anyMatch(r -> r.name().equals("page_mkclean_one") && r.local() && r.used()
                    && r.how().contains("replacing the library's"));
        }
        // Control: the library's own 2.6.20 body has no BUG_ON(1).
        assertThat(run(MKCLEAN.replace("KERNEL", "2.6.20")).judgement(Invariant.BUG)).isNull();
    }

    @Test
    void kernelReleasesResolveExplicitly() {
        assertThatThrownBy(() -> run(MKCLEAN.replace("KERNEL", "3.0"))).isInstanceOf(MmtError.class)
                .hasMessageContaining("kernel \"3.0\": the library's").hasMessageContaining("has no body for this release");
        assertThatThrownBy(() -> run(MKCLEAN.replace("KERNEL", "2.4"))).isInstanceOf(MmtError.class).hasMessageContaining("not modelled before 2.6.19");
        assertThatThrownBy(() -> run(MKCLEAN.replace("kernel \"KERNEL\"\n", ""))).isInstanceOf(MmtError.class).hasMessageContaining("names no kernel");
        // 2.6.19.2 carries the 7658cc289288 fix: the 2.6.20 bodies, not 2.6.19's.
        Model stable = TestSupport.compile("p.mmt", MKCLEAN.replace("KERNEL", "2.6.19.2"));
        assertThat(stable.routines()).anyMatch(r -> r.name().equals("clear_page_dirty_for_io") && "2.6.20".equals(r.variant()));
        Model old = TestSupport.compile("p.mmt", MKCLEAN.replace("KERNEL", "2.6.19.1"));
        assertThat(old.routines()).anyMatch(r -> r.name().equals("clear_page_dirty_for_io") && "2.6.19".equals(r.variant()));
    }

    @Test
    void scenarioCodeThatNeverRunsIsWarnedAbout() {
        String text = MKCLEAN.replace("KERNEL", "2.6.20") + """
                fn page_mkclean_one(page, vma) {
                    if (page_mapped(page)) {
                        BUG_ON(0);
                    }
                    return 0;
                }
                fn helper_nobody_calls(x) { return x; }
                """;
        Model m = TestSupport.compile("p.mmt", text.replace("page 0 dirty; }", "page 0 dirty; }\n").replace("pte 0 present write young dirty; ", "pte 0 none; "));
        Result r = TestSupport.explore(m);
        assertThat(Coverage.warnings(m, r.reached())).anySatisfy(w -> assertThat(w).contains("helper_nobody_calls").contains("nothing the scenario runs calls it"))
                .anySatisfy(w -> assertThat(w).contains("page_mkclean_one").contains("never ran on any explored path"));
        // Control: with the page mapped, page_mkclean_one runs and only the BUG_ON's body... runs too.
        Model mapped = TestSupport.compile("p.mmt", text);
        assertThat(Coverage.warnings(mapped, TestSupport.explore(mapped).reached())).noneMatch(w -> w.contains("page_mkclean_one"));
    }

    @Test
    void aPathTheModelDoesNotCoverIsAGapNotAFinding() {
        String text = FILE + """
                mm A { map f private writable at 0; }
                thread u on cpu 0 in A { store f[0].0 = 1; }
                check data_integrity
                expect violation
                """;
        Model m = TestSupport.compile("g.mmt", text);
        Verdict v = Verdict.judge(m, TestSupport.explore(m));
        assertThat(v.overall()).isEqualTo(Verdict.Overall.UNDECIDED);
        assertThat(v.gap()).isNotNull();
        assertThat(v.gap().message()).contains("copy-on-write");
        assertThat(v.judgement(Invariant.DATA_INTEGRITY).status()).isEqualTo(Verdict.Status.UNKNOWN);
        assertThat(v.unmet(m)).singleElement().asString().contains("path the model does not cover");
        // Control: the shared mapping takes the modelled path, and the verdict is decided.
        assertThat(run(text.replace("private", "shared")).gap()).isNull();
    }

    @Test
    void aDepthCutHoldsOnlyWithinTheDepthAndUnknownSaysWhy() {
        String chain = FILE + "thread t on cpu 0 { SetPageDirty(f[0]); ClearPageDirty(f[0]); SetPageDirty(f[0]); }\n";
        Verdict within = run(chain + "bound depth 2\ncheck no_deadlock\n");
        assertThat(within.judgement(Invariant.NO_DEADLOCK).detail()).contains("within depth 2").contains("1 states at the depth bound");
        Verdict cut = run(chain + "bound depth 2\ncheck data_integrity\n");
        assertThat(cut.judgement(Invariant.DATA_INTEGRITY).status()).isEqualTo(Verdict.Status.UNKNOWN);
        assertThat(cut.judgement(Invariant.DATA_INTEGRITY).detail()).contains("the depth bound 2 cut");
        Verdict loops = run(FILE + "thread t on cpu 0 { while (true) { SetPageDirty(f[0]); ClearPageDirty(f[0]); } }\ncheck data_integrity\n");
        assertThat(loops.judgement(Invariant.DATA_INTEGRITY).detail()).contains("every run loops forever");
        Verdict whole = run(chain + "check data_integrity\n");
        assertThat(whole.judgement(Invariant.DATA_INTEGRITY).detail()).isEqualTo("in every reachable state");
    }

    @Test
    void aKernelBugInAPrimitiveStopsTheThread() {
        // The oops is reported, and nothing after it runs: the assert behind it never fires.
        String text = FILE + """
                thread t on cpu 0 { OOPS assert(false, "ran past the oops"); }
                check assert
                """;
        for (String oops : new String[] {"spin_unlock(&f->tree_lock);", "x = 0; y = 7 / x;", "unlock_page(f[0]);"}) {
            Verdict v = run(text.replace("OOPS", oops));
            assertThat(v.judgement(Invariant.BUG)).as(oops).isNotNull();
            assertThat(v.judgement(Invariant.ASSERT).status()).as(oops).isEqualTo(Verdict.Status.HOLDS);
        }
        // Control: without the oops the assert is reached.
        assertThat(run(text.replace("OOPS", "SetPageDirty(f[0]);")).judgement(Invariant.ASSERT).status()).isEqualTo(Verdict.Status.VIOLATED);
    }

    @Test
    void aStepInvariantNothingCheckedIsUnknownNotHolds() {
        String text = FILE + """
                mm A { map f shared writable at 0; pte 0 present write young dirty; }
                thread t on cpu 0 in A { SetPageDirty(f[0]); }
                check stale_tlb_write
                """;
        Verdict.Judgement j = run(text).judgement(Invariant.STALE_TLB_WRITE);
        assertThat(j.status()).isEqualTo(Verdict.Status.UNKNOWN);
        assertThat(j.detail()).contains("never judged");
        // Control: one store is one check.
        assertThat(run(text.replace("SetPageDirty(f[0]);", "store f[0].0 = 1;")).judgement(Invariant.STALE_TLB_WRITE).status())
                .isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void aStuckAfterBlockIsNamedInTheDeadlock() {
        Violation d = run(FILE + """
                thread t on cpu 0 { lock_page(f[0]); }
                after { lock_page(f[0]); }
                check no_deadlock
                """).judgement(Invariant.NO_DEADLOCK).violation();
        assertThat(d.message()).contains("after waits at lock_page(f[0]);");
    }

    @Test
    void aThreadMayShareARoutinesName() {
        // Not recursion: the thread's body is not a routine.
        assertThat(run("""
                scenario "names"
                kernel "2.6.20"
                cpus 1
                file f { pages 1; buffers 1; page 0 dirty; }
                thread writeback on cpu 0 { writeback(f); }
                check no_deadlock
                """).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aFinalStateInvariantIsNotClaimedWhenSomeRunsHang() {
        // One arm leaves the page locked, so the after block's lock_page hangs in those runs:
        // data_integrity, judged only where the runs end, cannot claim them.
        String text = FILE + """
                thread t on cpu 0 { lock_page(f[0]); choose { unlock_page(f[0]); } or { SetPageDirty(f[0]); } }
                after { lock_page(f[0]); unlock_page(f[0]); }
                check data_integrity
                """;
        Verdict.Judgement j = run(text).judgement(Invariant.DATA_INTEGRITY);
        assertThat(j.status()).isEqualTo(Verdict.Status.UNKNOWN);
        assertThat(j.detail()).contains("deadlock").contains("check no_deadlock");
        // Control: every run unlocks, every run ends, and it holds.
        assertThat(run(text.replace("or { SetPageDirty(f[0]); }", "or { SetPageDirty(f[0]); unlock_page(f[0]); }")).overall())
                .isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aFlushOfAnAddressOutsideTheMmIsABugNotAFlushOfEverything() {
        // -EFAULT passed on unchecked must not flush the whole mm and pay every debt.
        String text = FILE + """
                mm A { map f shared writable at 0; pte 0 present write young dirty; }
                thread user on cpu 0 in A { store f[0].0 = 1; store f[0].0 = 2; }
                thread k on cpu 1 { p = pte_offset_map(A, 0); spin_lock(pte_lockptr(A, p)); set_pte_at(A, 0, p, pte_wrprotect(*p));
                                    spin_unlock(pte_lockptr(A, p)); flush_tlb_others(A, ADDR); wait_flush_acks(); lock_page(f[0]); lock_page(f[0]); }
                check stale_tlb_write
                """;
        assertThat(run(text.replace("ADDR", "-EFAULT")).judgement(Invariant.BUG).violation().message()).contains("neither a page of A nor TLB_FLUSH_ALL");
        // Control: TLB_FLUSH_ALL is a real flush of the mm, and cpu0's entry goes with it.
        assertThat(run(text.replace("ADDR", "TLB_FLUSH_ALL")).judgement(Invariant.STALE_TLB_WRITE).status()).isNotEqualTo(Verdict.Status.VIOLATED);
    }

    @Test
    void aUseThatNothingRunsIsWarnedAbout() {
        String text = """
                scenario "use"
                kernel "2.6.20"
                use page_mkclean_one "xchg-loop"
                cpus 1
                file f { pages 1; buffers 1; }
                thread t on cpu 0 { SetPageDirty(f[0]); }
                check no_deadlock
                """;
        Model m = TestSupport.compile("u.mmt", text);
        assertThat(Coverage.warnings(m, TestSupport.explore(m).reached())).singleElement().asString()
                .contains("use page_mkclean_one \"xchg-loop\"").contains("has no effect");
        // Control: a thread whose writeback reaches page_mkclean_one uses the variant, and no warning.
        Model ran = TestSupport.compile("u.mmt", text.replace("buffers 1; }", "buffers 1; fs ext3_ordered; page 0 dirty; }")
                .replace("cpus 1", "cpus 1\nmm A { map f shared writable at 0; pte 0 present write young dirty; }")
                .replace("SetPageDirty(f[0]);", "writeback(f);"));
        assertThat(Coverage.warnings(ran, TestSupport.explore(ran).reached())).isEmpty();
    }

    @Test
    void aChooseKeepsWhatItsStepAlreadyChecked() {
        // The set_pte_at before the choose, in the same atomic step, judged dirty_bit_lost.
        String text = FILE + """
                mm A { map f shared writable at 0; }
                thread k on cpu 0 { p = pte_offset_map(A, 0); atomic { e = *p; set_pte_at(A, 0, p, e); CHOOSE } }
                check dirty_bit_lost
                """;
        assertThat(run(text.replace("CHOOSE", "choose { x = 1; } or { x = 2; }")).judgement(Invariant.DIRTY_BIT_LOST).status())
                .isEqualTo(Verdict.Status.HOLDS);
        assertThat(run(text.replace("CHOOSE", "")).judgement(Invariant.DIRTY_BIT_LOST).status()).isEqualTo(Verdict.Status.HOLDS);
    }
}

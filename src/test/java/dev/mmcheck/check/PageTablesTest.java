package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmcheck.TestSupport;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Invariant;
import org.junit.jupiter.api.Test;

/**
 * Page tables in frames, paging-structure caches, speculative walks and pt_use_after_free
 * (issue 7): thread 001's two orders, and the controls that show what the verdicts rest on.
 */
class PageTablesTest {
    private static final String SCENARIO = """
            scenario "free the page table"
            kernel "KERNEL"
            cpus CPUS
            pagetables 2
            bound speculative SPEC
            file f { pages 1; buffers 1; }
            mm A { map f shared readonly at 0; pte 0 present young; }
            thread unmap on cpu 0 in A { munmap(A); }
            OTHER
            check CHECK
            """;

    private static Verdict run(String kernel, int cpus, int spec, String check) {
        String other = cpus > 1 ? "thread other on cpu 1 in A { }" : "";
        return TestSupport.verdict(SCENARIO.replace("KERNEL", kernel).replace("CPUS", "" + cpus).replace("SPEC", "" + spec)
                .replace("OTHER", other).replace("CHECK", check));
    }

    @Test
    void clearFreeFlushBreaksAndClearFlushFreeHolds() {
        Verdict old = run("2.4.18", 2, 2, "pt_use_after_free");
        assertThat(old.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(old.judgement(Invariant.PT_USE_AFTER_FREE).violation().message())
                .contains("pt#0 is freed while").contains("paging-structure cache");
        Verdict fixed = run("2.5.16", 2, 2, "pt_use_after_free");
        assertThat(fixed.overall()).isEqualTo(Verdict.Overall.HOLDS);
        // Control: 2.5.16's fast mode (one CPU online) frees before the flush, and the
        // unmapping CPU's own walker still holds the pmd: Linus agreed it had to go.
        assertThat(run("2.5.16", 1, 2, "pt_use_after_free").overall()).isEqualTo(Verdict.Overall.VIOLATION);
    }

    @Test
    void theVerdictRestsOnSpeculativeWalks() {
        // Without a walk after zap's flush nothing caches the pmd, and 2.4.18 frees an
        // unreachable page: the violation above needs the walker, as Intel's trace did.
        assertThat(run("2.4.18", 2, 0, "pt_use_after_free").overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aWalkThroughAFreedTableIsAModelGapWhenNobodyJudgesIt() {
        // Checking something else, a walk through the freed page reads what the model does not
        // keep: the run is undecided, never HOLDS.
        Verdict v = TestSupport.verdict(SCENARIO.replace("KERNEL", "2.4.18").replace("CPUS", "2").replace("SPEC", "3")
                .replace("OTHER", "thread other on cpu 1 in A { }").replace("check CHECK", "forall (1)"));
        assertThat(v.overall()).isEqualTo(Verdict.Overall.UNDECIDED);
        assertThat(v.gap().message()).contains("freed page-table page pt#0");
    }

    @Test
    void pageTablePrimitivesNeedPageTablesInFrames() {
        String stat = """
                scenario "static"
                kernel "2.4.18"
                cpus 1
                file f { pages 1; buffers 1; }
                mm A { map f shared readonly at 0; }
                thread unmap on cpu 0 in A { munmap(A); }
                check pt_use_after_free
                """;
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", stat)).isInstanceOf(MmtError.class).hasMessageContaining("add 'pagetables N'");
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", stat.replace("cpus 1", "cpus 1\nbound speculative 1")))
                .isInstanceOf(MmtError.class).hasMessageContaining("add 'pagetables N'");
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", stat.replace("cpus 1", "cpus 1\npagetables 0")))
                .isInstanceOf(MmtError.class).hasMessageContaining("pagetables must be between 1 and 8");
    }

    @Test
    void freeingAFreePageTableIsABug() {
        Verdict v = TestSupport.verdict("""
                scenario "double free"
                cpus 1
                pagetables 1
                file f { pages 1; buffers 1; }
                mm A { map f shared readonly at 0; }
                thread t on cpu 0 in A { p = pmd_read(A); pmd_clear(A); pte_free(p); pte_free(p); }
                check pt_use_after_free
                """);
        assertThat(v.result().violation(Invariant.BUG).message()).contains("pte_free of pt#0, which is already free");
    }

    private static final String TABLES = """
            scenario "tables"
            kernel "2.6.19"
            cpus 2
            pagetables 2
            file f { pages 2; buffers 1; }
            mm A { map f shared readonly at 0; pte 0 present young; pte 1 present young; }
            """;

    /** The cold review of the page tables (issue 7 note): each wrong answer it found, pinned. */
    @Test
    void aNewPageTableStartsEmptyAndPopulateRefusesWhatTheModelCannotHold() {
        String replace = "fn replace_table(mm) { t = pmd_read(mm); pmd_clear(mm); flush_tlb_mm(mm); pte_free(t); "
                + "n = pte_alloc_one(); pmd_populate(mm, n); }\nthread k on cpu 0 { replace_table(A); }\nthread u on cpu 1 in A { }\n";
        assertThat(TestSupport.verdict(TABLES + replace + "forall (pte_none(*pte_offset_map(A, 0)));").overall()).isEqualTo(Verdict.Overall.HOLDS);
        // Control: the old table's PTE is not the new one's, and without the replacement it is present.
        assertThat(TestSupport.verdict(TABLES + "thread k on cpu 0 { x = 1; }\nforall (pte_none(*pte_offset_map(A, 0)));").overall())
                .isEqualTo(Verdict.Overall.VIOLATION);
        for (String bad : new String[] {"t = pmd_read(A); pmd_clear(A); pte_free(t); pmd_populate(A, t);",
                "n = pte_alloc_one(); pmd_populate(A, n);"})
            assertThat(TestSupport.verdict(TABLES + "thread k on cpu 0 { " + bad + " }\ncheck pt_use_after_free").result()
                    .violation(Invariant.BUG).message()).as(bad).contains("pmd_populate");
    }

    @Test
    void aStaleCacheEntryIsCaughtEvenAfterTheFrameIsReused() {
        // Along one schedule: cpu1's first load fills its cache from A's pmd; cpu0 frees the table
        // and takes the frame again at once; cpu1's second load walks through the stale entry into
        // a frame that is in use again. Only the stale mark can tell: a model gap when unjudged
        // (with pt_use_after_free checked, the free itself already breaks it).
        String race = "thread k on cpu 0 { t = pmd_read(A); pmd_clear(A); atomic { pte_free(t); n = pte_alloc_one(); } }\n"
                + "thread u on cpu 1 in A { x = load f[0].0; y = load f[1].0; }\n";
        Walk w = new Walk(TestSupport.compile("t.mmt", TABLES + race + "check bug"), 0);
        TestSupport.stepThread(w, 1);                                   // u: load f[0].0 (TLB miss: the walk fills the cache)
        while (w.broken().isEmpty() && TestSupport.stepThread(w, 0)) {}  // k, to its end
        assertThat(w.broken()).isEmpty();
        TestSupport.stepThread(w, 1);                                   // u: load f[1].0, through the stale entry
        assertThat(w.broken()).containsKey(Invariant.MODEL_GAP);
        assertThat(w.broken().get(Invariant.MODEL_GAP).message()).contains("freed page-table page pt#0");
        assertThat(TestSupport.verdict(TABLES + race + "check pt_use_after_free").overall()).isEqualTo(Verdict.Overall.VIOLATION);
    }


    @Test
    void accessorsOnAGoneTableAreABugAndAFaultThereIsAGap() {
        Verdict v = TestSupport.verdict(TABLES + "thread k on cpu 0 { t = pmd_read(A); pmd_clear(A); pte_free(t); "
                + "p = pte_offset_map(A, 0); set_pte_at(A, 0, p, __pte(0x1001)); }\ncheck pt_use_after_free");
        assertThat(v.result().violation(Invariant.BUG).message()).contains("set_pte_at").contains("pmd is none");
        Verdict fault = TestSupport.verdict(TABLES + "thread k on cpu 0 { t = pmd_read(A); pmd_clear(A); flush_tlb_mm(A); pte_free(t); }\n"
                + "thread u on cpu 1 in A { x = load f[0].0; }\ncheck no_deadlock");
        assertThat(fault.overall()).isEqualTo(Verdict.Overall.UNDECIDED);
        assertThat(fault.gap().message()).contains("pte_alloc is not modelled");
    }

    @Test
    void aFlushOfAnotherMmLeavesThisMmsCacheAlone() {
        // One CPU running B caches B's pmd; flushing A (not its mm) must not empty it.
        String s = """
                scenario "other mm"
                kernel "2.6.19"
                cpus 1
                pagetables 2
                bound speculative 1
                file f { pages 1; buffers 1; }
                file g { pages 1; buffers 1; }
                mm A { map f shared readonly at 0; }
                mm B { map g shared readonly at 0; }
                thread k on cpu 0 in B { t = pmd_read(B); pmd_clear(B); flush_tlb_mm(FLUSHED); pte_free(t); }
                check pt_use_after_free
                """;
        assertThat(TestSupport.verdict(s.replace("FLUSHED", "A")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(TestSupport.verdict(s.replace("FLUSHED", "B")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    private static final String LAZY = """
            scenario "lazy"
            kernel "2.4.18"
            use clear_page_tables "2.4.18-intel"
            USE
            cpus 2
            pagetables 2
            bound speculative SPEC
            file f { pages 1; buffers 1; }
            mm A { map f shared readonly at 0; pte 0 present young; }
            thread unmap   on cpu 0 in A   { munmap(A); }
            thread kthread on cpu 1 lazy A { lazy_kernel_thread(); }
            check pt_use_after_free
            """;

    @Test
    void aLazyCpuKeepsWalkingUnlessLeaveMmReloadsCr3() {
        Verdict lazy = TestSupport.verdict(LAZY.replace("USE", "").replace("SPEC", "2"));
        assertThat(lazy.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(lazy.judgement(Invariant.PT_USE_AFTER_FREE).violation().message()).contains("cpu1's paging-structure cache");
        assertThat(TestSupport.verdict(LAZY.replace("USE", "use leave_mm \"intel\"").replace("SPEC", "2")).overall())
                .isEqualTo(Verdict.Overall.HOLDS);
        // Control: with no walk the lazy CPU's cache stays as zap's IPI left it -- untouched, since
        // 2.4's handler does not flush a lazy CPU -- but empty: nothing filled it.
        assertThat(TestSupport.verdict(LAZY.replace("USE", "").replace("SPEC", "0")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aLazyThreadNeedsPageTablesInFramesAndMakesNoUserAccess() {
        String s = """
                scenario "lazy"
                kernel "2.4.18"
                cpus 2
                file f { pages 1; buffers 1; }
                mm A { map f shared readonly at 0; }
                thread k on cpu 1 lazy A { BODY }
                check pt_use_after_free
                """;
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", s.replace("BODY", "lazy_kernel_thread();")))
                .isInstanceOf(MmtError.class).hasMessageContaining("add 'pagetables N'");
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", s.replace("cpus 2", "cpus 2\npagetables 1").replace("BODY", "load f[0].0;")))
                .isInstanceOf(MmtError.class);
    }

    /** The cold review of lazy TLB (issue 7 note): an after block flushing to a lazy CPU, pinned. */
    @Test
    void theAfterBlockRunsWhileALazyCpuStillTakesIpis() {
        String after = LAZY.replace("thread unmap   on cpu 0 in A   { munmap(A); }", "thread idle on cpu 0 in A { x = 1; }\nafter { munmap(A); }")
                .replace("check pt_use_after_free", "check pt_use_after_free, no_deadlock").replace("SPEC", "2");
        Verdict old = TestSupport.verdict(after.replace("USE", ""));
        assertThat(old.judgement(Invariant.PT_USE_AFTER_FREE).status()).isEqualTo(Verdict.Status.VIOLATED);
        assertThat(old.judgement(Invariant.NO_DEADLOCK).status()).isEqualTo(Verdict.Status.HOLDS);
        assertThat(TestSupport.verdict(after.replace("USE", "use leave_mm \"intel\"")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        // Only a lazy thread takes IPIs in library code, and it does nothing else.
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", LAZY.replace("USE", "").replace("SPEC", "1")
                .replace("lazy A { lazy_kernel_thread(); }", "lazy A { munmap(A); }")))
                .isInstanceOf(MmtError.class).hasMessageContaining("its body is lazy_kernel_thread();");
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", LAZY.replace("USE", "").replace("SPEC", "1")
                .replace("in A   { munmap(A); }", "in A   { lazy_kernel_thread(); }")))
                .isInstanceOf(MmtError.class).hasMessageContaining("not in lazy TLB mode");
    }
}

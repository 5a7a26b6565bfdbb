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
}

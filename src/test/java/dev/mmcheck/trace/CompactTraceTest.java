package dev.mmcheck.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.check.Violation;
import dev.mmcheck.model.Model;
import dev.mmcheck.trace.CompactRenderer.Fold;
import dev.mmcheck.trace.CompactRenderer.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The compact trace (issue 8, item 1): every line within 80 columns; its rows cover every step
 * of the trace exactly once and in order (folding hides no step and reorders none); a row never
 * spans two CPUs' runs (an interleaving is never folded away); and the 2.6.19 ext3 loss reads in
 * the background's order in about 30 lines.
 */
class CompactTraceTest {
    record Case(String file, Model model, Violation violation) {
        @Override public String toString() { return file; }
    }

    /** Every violation (and model gap) of the corpus's seeds that break quickly. */
    static Stream<Case> violations() throws Exception {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(TestSupport.home().resolve("scenarios/seeds"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".mmt")).sorted().toList()) {
                String text = Files.readString(f);
                if (!text.contains("expect violation") && !text.contains("violation")) continue;
                var o = new dev.mmcheck.cli.Runner(TestSupport.library(), dev.mmcheck.check.Explorer.Limits.defaults()).run(f);   // #include resolved
                Model m = o.model();
                Verdict v = o.verdict();
                for (Verdict.Judgement j : v.judgements())
                    if (j.violation() != null) out.add(new Case(f.getFileName() + " " + j.invariant().name, m, j.violation()));
            }
        }
        assertThat(out).hasSizeGreaterThan(5);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void rowsCoverEveryStepOnceInOrderWithinOneRun(Case c) {
        for (Fold fold : Fold.values()) {
            List<Row> rows = CompactRenderer.rows(c.model(), c.violation(), fold);
            int next = 1;
            for (Row r : rows) {
                assertThat(r.first()).as("%s %s: row %s", c, fold, r).isEqualTo(next);
                assertThat(r.last()).isGreaterThanOrEqualTo(r.first());
                var first = c.violation().trace().get(r.first() - 1).step();
                for (int k = r.first(); k <= r.last(); k++) {
                    var st = c.violation().trace().get(k - 1).step();
                    assertThat(st.cpu() == first.cpu() && st.thread() == first.thread())
                            .as("%s %s: row %s spans two runs", c, fold, r).isTrue();
                }
                next = r.last() + 1;
            }
            assertThat(next - 1).as("%s %s: every step has a row", c, fold).isEqualTo(c.violation().depth());
            if (fold == Fold.NONE) assertThat(rows).hasSize(c.violation().depth());
            for (boolean locations : new boolean[] {false, true})
                for (String line : CompactRenderer.render(c.model(), c.violation(), fold, locations).split("\n"))
                    assertThat(line.length()).as("%s %s: %s", c, fold, line).isLessThanOrEqualTo(CompactRenderer.WIDTH);
        }
    }

    @Test
    void theExt3LossReadsInTheBackgroundsOrderInAboutThirtyLines() throws Exception {
        Case c = violations().filter(x -> x.file().startsWith("ext3-ordered-2.6.19.mmt")).findFirst().orElseThrow();
        String text = CompactRenderer.render(c.model(), c.violation(), Fold.CALLS, false);
        List<String> lines = text.lines().toList();
        assertThat(lines.size()).as(text).isLessThanOrEqualTo(40);
        // The losing order: the fault dirties the PTE; the journal writes the buffer; the second
        // store goes through the TLB; writeback clears PG_dirty and cleans the PTE; the check fails.
        int fault = index(lines, "present|write|young|dirty"), journal = index(lines, "[disk f[0].0 = 1]"),
                store = index(lines, "store f[0].0 = 2;"), clean = index(lines, "PG_dirty cleared"),
                mkclean = index(lines, "present|young f[0]; flush_tlb_page"), broken = index(lines, "! data_integrity broken");
        assertThat(List.of(fault, journal, store, clean, broken)).isSorted().doesNotContain(-1);
        assertThat(mkclean).isGreaterThan(store);
        // Control: without folding, the same trace takes a line per step at least.
        assertThat(CompactRenderer.render(c.model(), c.violation(), Fold.NONE, false).lines().count()).isGreaterThan(83);
    }

    @Test
    void eightCpusStillFitInEightyColumns() {
        StringBuilder threads = new StringBuilder();
        for (int c = 0; c < 8; c++) threads.append("thread t").append(c).append(" on cpu ").append(c).append(" { SetPageDirty(f[0]); ClearPageDirty(f[0]); }\n");
        Model m = TestSupport.compile("eight.mmt", "scenario \"eight\"\nkernel \"2.6.20\"\ncpus 8\nfile f { pages 1; buffers 1; }\n"
                + threads + "forall (PageDirty(f[0]));\n");
        Violation v = Verdict.judge(m, TestSupport.explore(m)).judgement(dev.mmcheck.model.Invariant.FORALL).violation();
        for (Fold fold : Fold.values())
            for (String line : CompactRenderer.render(m, v, fold, true).split("\n"))
                assertThat(line.length()).as(line).isLessThanOrEqualTo(CompactRenderer.WIDTH);
    }

    private static int index(List<String> lines, String needle) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(needle)) return i;
        return -1;
    }
}

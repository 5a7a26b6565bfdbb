package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmcheck.TestSupport;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Invariant;
import org.junit.jupiter.api.Test;

/** A scenario's own final condition, herd's forall (and its exists, as a forall that breaks). Each with its control. */
class ForallTest {
    private static final String SCENARIO = """
            scenario "forall"
            kernel "2.6.20"
            cpus 2
            file f { pages 1; buffers 1; }
            mm A { map f shared writable at 0; }
            thread user on cpu 0 in A { store f[0].0 = 1; }
            thread k on cpu 1 { KERNEL }
            forall (COND);
            """;

    private static Verdict run(String kernel, String cond) {
        return TestSupport.verdict(SCENARIO.replace("KERNEL", kernel).replace("COND", cond));
    }

    @Test
    void aConditionOverFieldsMemoryAndDiskHoldsInEveryFinalStateOrBreaks() {
        // The store faults, and do_wp_page dirties the page: in every final state memory holds 1, PG_dirty is set.
        assertThat(run("x = 1;", "memory(f[0], 0) == 1 && PageDirty(f[0])").overall()).isEqualTo(Verdict.Overall.HOLDS);
        // Control: nothing writes the disk back.
        Verdict disk = run("x = 1;", "disk(f[0], 0) == 1");
        assertThat(disk.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(disk.judgement(Invariant.FORALL).violation().message()).contains("forall (disk(f[0], 0) == 1);");
    }

    @Test
    void herdsExistsIsTheWitnessOfAForallOfTheNegation() {
        // "exists (the kernel's ClearPageDirty lands last: PG_dirty clear while memory holds 1)": a
        // witness, i.e. the forall of its negation breaks. Control: without the ClearPageDirty, none.
        String cond = "!(memory(f[0], 0) == 1 && !PageDirty(f[0]))";
        assertThat(run("ClearPageDirty(f[0]);", cond).overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(run("x = 1;", cond).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aConditionOnlyReads() {
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", SCENARIO.replace("KERNEL", "x = 1;").replace("COND", "TestClearPageDirty(f[0])")))
                .isInstanceOf(MmtError.class).hasMessageContaining("only reads");
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", SCENARIO.replace("KERNEL", "x = disk(f[0], 0);").replace("COND", "1")))
                .isInstanceOf(MmtError.class).hasMessageContaining("only a forall condition");
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", SCENARIO.replace("KERNEL", "x = 1;").replace("forall (COND);", "check forall")))
                .isInstanceOf(MmtError.class).hasMessageContaining("states no forall");
        // A routine the condition calls may not assert, BUG_ON, choose or be unmodelled: its
        // assert would be taken for the condition's value (the review's wrong HOLDS).
        for (String body : new String[] {"assert(1, \"fine\");", "BUG_ON(0);", "choose { x = 1; } or { x = 2; }", "unmodelled(\"no\");"})
            assertThatThrownBy(() -> TestSupport.compile("t.mmt", "fn chk(p) { " + body + " return PageDirty(p); }\n"
                    + SCENARIO.replace("KERNEL", "x = 1;").replace("COND", "chk(f[0])")))
                    .as(body).isInstanceOf(MmtError.class).hasMessageContaining("only reads");
        assertThat(run("x = 1;", "PageUptodate(f[0])").overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aRoutineOnlyAConditionCallsIsNotReportedAsUnreached() {
        String text = "static inline int clean(struct page *page) { return !PageDirty(page); }\n"
                + SCENARIO.replace("KERNEL", "x = 1;").replace("COND", "!clean(f[0])");
        var m = TestSupport.compile("t.mmt", text);
        var r = Explorer.explore(m, Explorer.Limits.defaults());
        assertThat(Coverage.warnings(m, r.reached())).noneMatch(w -> w.contains("clean"));
        // Control: called by nobody, it is reported.
        var m2 = TestSupport.compile("t.mmt", text.replace("!clean(f[0])", "PageDirty(f[0])"));
        assertThat(Coverage.warnings(m2, Explorer.explore(m2, Explorer.Limits.defaults()).reached())).anyMatch(w -> w.contains("clean"));
    }
}

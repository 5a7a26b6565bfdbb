package dev.mmcheck.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.check.Explorer;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.cli.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** #include: a buggy and a fixed scenario share one transcription of a patch. */
class IncludeTest {
    private static Runner.Outcome run(Path file) { return new Runner(TestSupport.library(), Explorer.Limits.defaults()).run(file); }

    /** ext3-ordered-2.6.20 with the scenario lines that pull in a patch from patches/. */
    private static Path scenario(Path dir, String includeLine) throws IOException {
        String seed = Files.readString(TestSupport.home().resolve("scenarios/seeds/ext3-ordered-2.6.20.mmt"));
        Path f = dir.resolve("s.mmt");
        Files.writeString(f, includeLine + "\n" + seed);
        return f;
    }

    @Test
    void anIncludedPatchReplacesTheLibrarysRoutine(@TempDir Path dir) throws IOException {
        // The 2.6.19 clear_page_dirty_for_io (page_mkclean's answer dropped), included into a
        // 2.6.20 scenario: the included body runs, and the 2.6.19 loss is back.
        Files.createDirectories(dir.resolve("patches"));
        Files.writeString(dir.resolve("patches/cpdfio.mmt"), """
                // include chain: this file includes the next
                #include "more/empty.mmt"
                fn clear_page_dirty_for_io(page) variant "drop-the-answer" {
                    if (TestClearPageDirty(page)) {
                        page_mkclean(page);
                        return 1;
                    }
                    return 0;
                }
                """);
        Files.createDirectories(dir.resolve("patches/more"));
        Files.writeString(dir.resolve("patches/more/empty.mmt"), "fn never_called(x) { return x; }\n");
        Runner.Outcome o = run(scenario(dir, "#include \"patches/cpdfio.mmt\""));
        assertThat(o.error()).isNull();
        assertThat(o.model().routines()).anyMatch(r -> r.name().equals("clear_page_dirty_for_io") && r.local() && r.used());
        assertThat(o.verdict().overall()).isEqualTo(Verdict.Overall.VIOLATION);
        // Control: the same scenario without the include holds.
        assertThat(run(scenario(dir, "")).verdict().overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void includesStayInsideTheScenarioTreeAndTheLibrary(@TempDir Path dir) throws IOException {
        Path inner = Files.createDirectories(dir.resolve("inner"));
        Files.writeString(dir.resolve("outside.mmt"), "fn f(x) { return x; }\n");
        Files.writeString(inner.resolve("loop.mmt"), "#include \"loop.mmt\"\n");
        String seed = Files.readString(TestSupport.home().resolve("scenarios/seeds/ext3-ordered-2.6.20.mmt"));
        for (String[] c : new String[][] {
                {"#include \"../outside.mmt\"", "only files under the scenario's directory or the kernel library"},
                {"#include \"nope.mmt\"", "no such file"},
                {"#include \"loop.mmt\"", "includes itself"}}) {
            Path f = inner.resolve("s.mmt");
            Files.writeString(f, c[0] + "\n" + seed);
            Runner.Outcome o = run(f);
            assertThat(o.error()).as(c[0]).isNotNull();
            assertThat(o.error().getMessage()).as(c[0]).contains(c[1]);
            assertThat(o.error().render()).as(c[0]).contains(":1:1: ");
        }
    }
}

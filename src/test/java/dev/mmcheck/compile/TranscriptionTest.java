package dev.mmcheck.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.check.Explorer;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.cli.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A patch as it arrives on linux-mm, pasted into a scenario: the kernel C of page_mkclean_one
 * below (a restatement of 2.6.20's: flush before the clean value is written), exactly as
 * posted. In place of the library's 2.6.20 body it must
 * give the same verdicts with the same state and transition counts on every corpus scenario
 * that runs that body.
 */
class TranscriptionTest {
    /** The function as posted in the issue, tabs and all. */
    static final String AS_POSTED = """
            static int page_mkclean_one(struct page *page, struct vm_area_struct *vma)
            {
            	struct mm_struct *mm = vma->vm_mm;
            	unsigned long addr = vma_address(page, vma);
            	spinlock_t *ptl;
            	pte_t *ptep, old;
            	int cleaned = 0;

            	if (addr == -EFAULT)
            		return 0;
            	ptep = page_check_address(page, mm, addr, &ptl);
            	if (!ptep)
            		goto out;
            	old = *ptep;
            	if (!pte_dirty(old) && !pte_write(old))
            		goto unlock;
            	old = ptep_clear_flush(vma, addr, ptep);
            	set_pte_at(mm, addr, ptep, pte_mkclean(pte_wrprotect(old)));
            	cleaned = 1;
            unlock:
            	pte_unmap_unlock(ptep, ptl);
            out:
            	return cleaned;
            }
            """;

    /** No edit at all: the kernel C header, the types, vma->vm_mm, goto: the language takes them as posted. */
    static String transcribed() {
        return AS_POSTED;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ext3-ordered-2.6.20.mmt", "ext3-ordered-2.6.20-fixme.mmt", "ext3-ordered-2.6.20-fixme-sync.mmt"})
    void theTranscribedPatchRunsLikeTheLibrarysBody(String name, @TempDir Path dir) throws IOException {
        Path seed = TestSupport.home().resolve("scenarios/seeds").resolve(name);
        Path patched = dir.resolve(name);
        Files.writeString(patched, Files.readString(seed) + "\n" + transcribed());
        Runner runner = new Runner(TestSupport.library(), Explorer.Limits.defaults());
        Runner.Outcome lib = runner.run(seed), mine = runner.run(patched);
        assertThat(mine.error()).as("compiles").isNull();
        assertThat(mine.model().routines()).anyMatch(r -> r.name().equals("page_mkclean_one") && r.local() && r.used());
        assertThat(mine.verdict().overall()).isEqualTo(lib.verdict().overall());
        for (Verdict.Judgement j : lib.verdict().judgements())
            assertThat(mine.verdict().judgement(j.invariant()).status()).as(j.invariant().name).isEqualTo(j.status());
        assertThat(mine.result().states()).isEqualTo(lib.result().states());
        assertThat(mine.result().transitions()).isEqualTo(lib.result().transitions());
    }
}

package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.model.Model;
import org.junit.jupiter.api.Test;

/**
 * ext3 data=ordered: the journal commit writes only the buffers on its transaction's data
 * list, and only journal_dirty_data (writepage, write(2)) puts them there
 * (docs/kernel-notes/jbd-ordered-data.md). A model where every buffer is always on the list
 * lets a commit rescue data the kernel would not write.
 */
class JournalTest {
    private static Verdict run(String after) {
        return TestSupport.verdict("""
                scenario "journal list"
                kernel "2.6.20"
                cpus 1
                file f { pages 1; buffers 1; fs ext3_ordered; }
                mm A { map f shared writable at 0; }
                thread user on cpu 0 in A { store f[0].0 = 1; }
                after { AFTER }
                check data_integrity
                """.replace("AFTER", after));
    }

    @Test
    void aCommitWritesOnlyTheBuffersFiledOnItsTransaction() {
        // The store dirtied the page and its buffer (set_page_dirty), but nothing filed the
        // buffer: the commit has nothing to write, and the store never reaches the disk.
        assertThat(run("journal_commit_ordered(f);").overall()).isEqualTo(Verdict.Overall.VIOLATION);
        // Control: filed by journal_dirty_data (as writepage or write(2) would), the commit writes it.
        assertThat(run("journal_dirty_data(page_buffer(f[0], 0)); journal_commit_ordered(f);").overall())
                .isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void writepageFilesTheBuffersItWrote() {
        // After writepage, the buffers are on the running transaction; a later store dirties the
        // page again, and the next commit writes the filed buffer by hand.
        Verdict v = TestSupport.verdict("""
                scenario "writepage files"
                kernel "2.6.20"
                cpus 1
                file f { pages 1; buffers 1; fs ext3_ordered; }
                mm A { map f shared writable at 0; }
                thread user on cpu 0 in A { store f[0].0 = 1; writeback(f); store f[0].0 = 2; munmap(A); journal_commit_ordered(f); }
                check data_integrity
                """);
        // Without the filing, the commit would not write store 2 and the store would be lost.
        assertThat(v.overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void bothJournalStartsOfACleanPageAreExplored() {
        // One store, a commit then a writeback on one CPU: the loss needs the buffer on the
        // running transaction at the start (a writeback since the last commit filed it). Starting
        // the clean page unfiled only would hide it.
        String text = """
                scenario "starts"
                kernel "KERNEL"
                cpus 2
                file f { pages 1; buffers 1; fs ext3_ordered; }
                mm A { map f shared writable at 0; }
                thread user on cpu 0 in A { store f[0].0 = 1; }
                thread kj   on cpu 1      { journal_commit_ordered(f); writeback(f); }
                after { munmap(A); sync(); }
                check data_integrity
                """;
        Model m = TestSupport.compile("s.mmt", text.replace("KERNEL", "2.6.19"));
        assertThat(m.starts()).hasSize(2);
        Violation v = Verdict.judge(m, TestSupport.explore(m)).judgement(dev.mmcheck.model.Invariant.DATA_INTEGRITY).violation();
        assertThat(v).isNotNull();
        assertThat(m.starts().get(v.start()).description()).contains("on the journal's running transaction");
        // Control: the 2.6.20 fix keeps the store from both starts.
        Model fixed = TestSupport.compile("s.mmt", text.replace("KERNEL", "2.6.20"));
        assertThat(Verdict.judge(fixed, TestSupport.explore(fixed)).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }
}

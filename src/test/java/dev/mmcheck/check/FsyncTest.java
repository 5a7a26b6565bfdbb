package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.model.Invariant;
import org.junit.jupiter.api.Test;

/**
 * fsync_durability and the fsync/msync library paths (issue 7, item 9): the 2.6.20 FIXME
 * window as msync data loss, with the controls that show what the verdicts rest on.
 */
class FsyncTest {
    private static final String MSYNC = """
            scenario "msync"
            kernel "2.6.20"
            cpus 2
            file f { pages 1; buffers 1; FS page 0 dirty; }
            mm A { map f shared writable at 0; }
            thread user on cpu 0 in A { store f[0].0 = 1; msync(A, 0, 1, MS_SYNC); }
            FLUSH
            check fsync_durability
            """;

    private static Verdict msync(String fs, String flush) {
        return TestSupport.verdict(MSYNC.replace("FS", fs).replace("FLUSH", flush));
    }

    @Test
    void theFixmeWindowLosesAnMsyncAndNoWindowNoLoss() {
        Verdict lost = msync("fs ext3_ordered;", "thread flush on cpu 1 { writeback(f); }");
        assertThat(lost.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(lost.judgement(Invariant.FSYNC_DURABILITY).violation().message())
                .contains("user's fsync of f returns with disk block f[0].0 holding 0, but 1 was stored to it before the call began");
        // Control: no writeback in flight, no window: msync writes the store.
        assertThat(msync("fs ext3_ordered;", "").overall()).isEqualTo(Verdict.Overall.HOLDS);
        // ext2 has the same window (the FIXME is in clear_page_dirty_for_io, not in the journal).
        assertThat(msync("fs ext2;", "thread flush on cpu 1 { writeback(f); }").overall()).isEqualTo(Verdict.Overall.VIOLATION);
    }

    @Test
    void aStoreThatLandsDuringTheCallMayBeOnDiskOrNot() {
        // Another thread stores 2 while the fsync runs (or before it): the disk may hold 1 or 2
        // when fsync returns, but never the 0 from before both.  The page starts dirty and
        // mapped writable, so no store rides on another's write fault (that window is
        // msync-sibling-fault-2.6.20.mmt).  MS_ASYNC promises nothing: never judged.
        String s = """
                scenario "concurrent store"
                kernel "2.6.20"
                cpus 2
                file f { pages 1; buffers 1; page 0 dirty; }
                mm A { map f shared writable at 0; pte 0 present write young dirty; }
                thread user on cpu 0 in A { store f[0].0 = 1; msync(A, 0, 1, FLAG); }
                thread other on cpu 1 in A { store f[0].0 = 2; }
                check fsync_durability
                """;
        assertThat(TestSupport.verdict(s.replace("FLAG", "MS_SYNC")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        Verdict async = TestSupport.verdict(s.replace("FLAG", "MS_ASYNC"));
        assertThat(async.overall()).isEqualTo(Verdict.Overall.UNDECIDED);
        assertThat(async.judgement(Invariant.FSYNC_DURABILITY).status()).isEqualTo(Verdict.Status.UNKNOWN);
    }

    @Test
    void onlyFsyncsWritebackStopsWhereTheDirtyTagWouldMakeItWait() {
        // Two background writebacks of one page: each may find the other between
        // clear_page_dirty_for_io and set_page_writeback, and skipping the page changes nothing
        // they promise -- no model gap.  fsync's writeback in the same place would wait in the
        // kernel: a model gap, never a HOLDS.
        String s = """
                scenario "two writers"
                kernel "2.6.20"
                cpus 2
                file f { pages 1; buffers 1; page 0 dirty; }
                mm A { map f shared writable at 0; }
                thread a on cpu 0 in A { FIRST }
                thread b on cpu 1 { writeback(f); }
                after { sync(); }
                check data_integrity, fsync_durability
                """;
        Verdict background = TestSupport.verdict(s.replace("FIRST", "writeback(f);").replace(", fsync_durability", ""));
        assertThat(background.overall()).isEqualTo(Verdict.Overall.HOLDS);
        Verdict fsync = TestSupport.verdict(s.replace("FIRST", "fsync(f);"));
        assertThat(fsync.gap().message()).contains("another writer holds the page between clear_page_dirty_for_io()");
        assertThat(fsync.judgement(Invariant.FSYNC_DURABILITY).status()).isEqualTo(Verdict.Status.UNKNOWN);
    }

    @Test
    void aMappedPageLeftNotUptodateBreaksBothUptodateInvariants() {
        // 2.6.9's invalidation of a mapped page (ClearPageUptodate) under a mapping the store
        // dirtied; munmap and sync then write it.  Control: keep the page uptodate.
        String s = """
                scenario "invalidate"
                kernel "2.6.19"
                cpus 2
                file f { pages 1; buffers 1; }
                mm A { map f shared writable at 0; }
                thread user on cpu 0 in A { store f[0].0 = 1; }
                thread dio on cpu 1 { page = find_get_page(f, 0); lock_page(page); if (page_mapped(page)) { TestClearPageDirty(page); CLEAR } unlock_page(page); }
                after { munmap(A); sync(); }
                check mapped_uptodate, no_stale_writeback
                """;
        Verdict bad = TestSupport.verdict(s.replace("CLEAR", "ClearPageUptodate(page);"));
        assertThat(bad.judgement(Invariant.MAPPED_UPTODATE).violation().message()).contains("PTE A:0 maps f[0], which is not PG_uptodate");
        assertThat(bad.judgement(Invariant.NO_STALE_WRITEBACK).violation().message())
                .contains("disk block f[0].0 is written from f[0], which is not PG_uptodate");
        assertThat(TestSupport.verdict(s.replace("CLEAR", "")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        // A fault that would map a page that is not uptodate is the kernel's ->readpage, not
        // modelled: a model gap, not a mapped_uptodate violation of the library's making.
        Verdict refault = TestSupport.verdict(s.replace("store f[0].0 = 1;", "zap_page_range(find_vma(A, 0), 0, 1); ClearPageUptodate(f[0]); load f[0].0;")
                .replace("CLEAR", "").replace("thread dio on cpu 1 { page = find_get_page(f, 0); lock_page(page); if (page_mapped(page)) { TestClearPageDirty(page);  } unlock_page(page); }", ""));
        assertThat(refault.gap().message()).contains("filemap_nopage: the page is not uptodate");
        assertThat(refault.judgement(Invariant.MAPPED_UPTODATE).status()).isNotEqualTo(Verdict.Status.VIOLATED);
    }
}

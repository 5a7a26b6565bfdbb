package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmcheck.TestSupport;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import org.junit.jupiter.api.Test;

/**
 * Page frames, anonymous memory, copy-on-write, the mmu_gather for data pages and
 * use_after_free (issue 7, items 1, 5, 8 and 9): each capability with the control that shows
 * the verdict rests on what it claims to.
 */
class FramesTest {
    /** One thread discards the page with MADV_DONTNEED while another stores through its TLB. */
    private static final String DONTNEED = """
            scenario "dontneed"
            kernel "2.6.19"
            cpus 2
            frames 2
            mm A { map anon heap private writable at 0; pte 0 present write young dirty; }
            thread t0 on cpu 0 in A { madvise_dontneed(A, 0, 1); }
            thread t1 on cpu 1 in A { store heap[0].0 = 1; store heap[0].0 = 2; }
            check CHECK
            """;

    private static final String FAST_MODE = """
            fn tlb_gather_mmu(mm, full_mm_flush, nrp, need_flushp, pagesp) {
                *nrp = -1;
                *need_flushp = 0;
                *pagesp = 0;
            }
            """;

    @Test
    void theGatherFlushesBeforeItFreesAndFreeingFirstBreaks() {
        Verdict ok = TestSupport.verdict(DONTNEED.replace("CHECK", "use_after_free"));
        assertThat(ok.overall()).isEqualTo(Verdict.Overall.HOLDS);
        Verdict bad = TestSupport.verdict(DONTNEED.replace("CHECK", "use_after_free") + FAST_MODE);
        assertThat(bad.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(bad.judgement(Invariant.USE_AFTER_FREE).violation().message())
                .contains("cpu1's store to A:0 goes through a TLB entry for frame#1 filled before that frame was freed");
    }

    @Test
    void withOneCpuOnlineTheFastModeIsTheKernelsAndNothingElseCanUseThePage() {
        // 2.6's own fast mode (num_online_cpus() == 1): the only user thread is inside madvise.
        String one = """
                scenario "fast mode, one cpu"
                kernel "2.6.19"
                cpus 1
                frames 2
                mm A { map anon heap private writable at 0; pte 0 present write young dirty; }
                thread t0 on cpu 0 in A { store heap[0].0 = 1; madvise_dontneed(A, 0, 1); x = load heap[0].0; assert(x == 0, "a discarded page reads back 0"); }
                check use_after_free
                """;
        assertThat(TestSupport.verdict(one).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void theMarksSplitNoStateOfAKernelThatFreesNothingReachable() {
        // The stale marks exist only for the monitor: with the library's gather (flush, then free)
        // nothing is marked, so checking use_after_free explores exactly the states of a run that
        // does not check it (both searched to the end: assert never breaks).
        String both = DONTNEED.replace("check CHECK", "check CHECKS");
        assertThat(states(both.replace("CHECKS", "use_after_free, assert")))
                .isEqualTo(states(both.replace("CHECKS", "assert")));
        // Control: with the fast mode, along one schedule (t1 fills its TLB, then t0's madvise
        // frees the frame under it), the TLB entry carries the mark only when the invariant is
        // checked.
        assertThat(staleAfterTheFree(both.replace("CHECKS", "use_after_free") + FAST_MODE)).isTrue();
        assertThat(staleAfterTheFree(both.replace("CHECKS", "assert") + FAST_MODE)).isFalse();
    }

    /** Whether cpu1's TLB holds a stale entry once t1 has stored and t0 has run to its end. */
    private static boolean staleAfterTheFree(String text) {
        Model m = TestSupport.compile("t.mmt", text);
        Walk w = new Walk(m, 0);
        TestSupport.stepThread(w, 1);
        while (TestSupport.stepThread(w, 0)) {}
        for (int i = 0; i < m.layout().tlbSize; i++)
            if ((w.state()[m.layout().tlb(1, i)] & dev.mmcheck.machine.Tlb.STALE) != 0) return true;
        return false;
    }


    private static long states(String text) {
        Result r = TestSupport.explore(TestSupport.compile("t.mmt", text));
        assertThat(r.stop()).isEqualTo(Result.Stop.COMPLETE);
        return r.states();
    }

    @Test
    void aWalkThroughAPteThatStillMapsAFreedFrameIsAUseAfterFree() {
        // The frame is freed while the PTE still maps it (the machine's free, below the library's
        // checks); the load's walk reaches it.  Control: the load before the free is fine.
        String s = """
                scenario "dangling pte"
                kernel "2.6.19"
                cpus 2
                frames 2
                mm A { map anon heap private writable at 0; pte 0 present write young dirty; }
                thread k on cpu 1 { FREE }
                thread t on cpu 0 in A { x = load heap[0].0; }
                check use_after_free
                """;
        // pfn 1 is the zero page, frame#1 is pfn 2 (no file pages here)
        Verdict v = TestSupport.verdict(s.replace("FREE", "__free_frame(pfn_to_page(2));"));
        assertThat(v.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(v.judgement(Invariant.USE_AFTER_FREE).violation().message())
                .contains("walks to frame#1, which is free");
        assertThat(v.judgement(Invariant.USE_AFTER_FREE).violation().trace()).hasSize(2);
        // Control: freeing another frame (allocated and freed by k) leaves the load's frame alone.
        assertThat(TestSupport.verdict(s.replace("FREE", "p = __alloc_frame(); __free_frame(p);")).overall())
                .isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void freeingWhatTheAllocatorDidNotHandOutOrTwiceIsABug() {
        String s = """
                scenario "bad frees"
                kernel "2.6.19"
                cpus 1
                frames 2
                file f { pages 1; }
                mm A { map anon heap private writable at 0; }
                thread k on cpu 0 { BODY }
                check use_after_free
                """;
        assertThat(bug(s, "__free_frame(ZERO_PAGE(0));")).contains("freeing zero page, which the page allocator did not hand out");
        assertThat(bug(s, "__free_frame(f[0]);")).contains("freeing f[0], which the page allocator did not hand out");
        assertThat(bug(s, "p = __alloc_frame(); __free_frame(p); __free_frame(p);")).contains("freeing frame#1, which is already free");
        assertThat(bug(s, "clear_highpage(ZERO_PAGE(0));")).contains("into zero page");
        // The library's own free path catches a page still mapped (bad_page()).
        assertThat(bug(s.replace("mm A { map anon heap private writable at 0; }",
                "mm A { map anon heap private writable at 0; pte 0 present write; }"), "put_page(pfn_to_page(3));"))
                .contains("BUG_ON(bad_page_state(page, page_flags_checked()))");
        // Control: allocate, count, put: freed cleanly, and the next allocation reuses the frame.
        Verdict ok = TestSupport.verdict(s.replace("BODY", "p = alloc_page_vma(GFP_HIGHUSER, NULL, 0); put_page(p); "
                + "q = alloc_page_vma(GFP_HIGHUSER, NULL, 0); assert(q == p, \"the lowest free frame again\");").replace("check use_after_free", "forall (1)"));
        assertThat(ok.overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aPteRewrittenWithTheSamePageKeepsItsStaleMark() {
        // The review's case: a buggy release frees the page but leaves the PTE, then rewrites the
        // PTE keeping its page (what ptep_set_access_flags does); the next fault takes the frame
        // for heap[1], and a store to heap[0] lands in heap[1]'s page.  Control: a rewrite that
        // points the PTE at no page ends the old translation.
        String s = """
                scenario "same-page rewrite"
                kernel "2.6.19"
                cpus 1
                frames 2
                mm A { map anon heap pages 2 private writable at 0; pte 0 present write young dirty; }
                thread t0 on cpu 0 in A { bad_release(A, 0); store heap[1].0 = 5; store heap[0].0 = 7; }
                check use_after_free
                fn bad_release(mm, addr) {
                    spinlock_t *ptl;
                    pte = pte_offset_map_lock(mm, addr, &ptl);
                    ptent = *pte;
                    page = pte_page(ptent);
                    page_remove_rmap(page);
                    put_page(page);
                    REWRITE;
                    pte_unmap_unlock(pte, ptl);
                    flush_tlb_mm(mm);
                }
                """;
        Verdict kept = TestSupport.verdict(s.replace("REWRITE", "ptep_set_access_flags(find_vma(mm, addr), addr, pte, pte_mkyoung(ptent), 1)"));
        assertThat(kept.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(kept.judgement(Invariant.USE_AFTER_FREE).violation().message())
                .contains("store to A:0 walks to frame#1, which was freed (and taken again) since the PTE mapped it");
        assertThat(TestSupport.verdict(s.replace("REWRITE", "set_pte_at(mm, addr, pte, __pte(0))")).overall())
                .isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void anExtraPutOfAFreedFrameIsCaughtWhenItIsAllocatedAgain() {
        // prep_new_page()'s check: the count went below zero while the frame was free.
        String s = """
                scenario "double put"
                kernel "2.6.19"
                cpus 1
                frames 1
                mm A { map anon heap private writable at 0; }
                thread t0 on cpu 0 in A { p = alloc_page_vma(GFP_HIGHUSER, NULL, 0); PUTS store heap[0].0 = 5; }
                check use_after_free
                """;
        Verdict twice = TestSupport.verdict(s.replace("PUTS", "put_page(p); put_page(p);"));
        assertThat(twice.judgement(Invariant.BUG).violation().message()).contains("BUG_ON(bad_page_state(page, page_flags_checked() | (1 << PG_dirty)))");
        assertThat(TestSupport.verdict(s.replace("PUTS", "put_page(p);")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void theKernelCopyingFromAFreeFrameIsAUseAfterFree() {
        String s = """
                scenario "copy from free"
                kernel "2.6.19"
                cpus 1
                frames 2
                mm A { map anon heap private writable at 0; }
                thread k on cpu 0 { p = alloc_page_vma(GFP_HIGHUSER, NULL, 0); q = alloc_page_vma(GFP_HIGHUSER, NULL, 0); PUT copy_user_highpage(q, p, 0); }
                check use_after_free
                """;
        assertThat(TestSupport.verdict(s.replace("PUT", "put_page(p);")).judgement(Invariant.USE_AFTER_FREE).violation().message())
                .contains("copy_user_highpage's read reaches frame#1, which is free");
        assertThat(TestSupport.verdict(s.replace("PUT", "")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void oldKernelsRefuseFrames() {
        // The 2.4/2.5 unmapping paths know file pages only: an anonymous mapping there would be
        // unmapped as a file, a false kernel bug.
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", """
                scenario "old"
                kernel "2.5.16"
                cpus 1
                frames 1
                mm A { map anon heap private writable at 0; }
                thread t on cpu 0 in A { munmap(A); }
                check use_after_free
                """)).isInstanceOf(MmtError.class).hasMessageContaining("modelled with the 2.6.19 library and later");
    }

    private static String bug(String scenario, String body) {
        Verdict v = TestSupport.verdict(scenario.replace("BODY", body));
        assertThat(v.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        return v.judgement(Invariant.BUG).violation().message();
    }

    @Test
    void aFreshAnonymousPageReadsZeroAndTheZeroPageIsShared() {
        // Read faults map the zero page (read-only); the first write copies it into a zeroed
        // frame of the thread's own.  Control: a non-zero first read would break the assert.
        String s = """
                scenario "zero page"
                kernel "2.6.19"
                cpus 1
                frames 1
                mm A { map anon heap pages 2 private writable at 4; }
                thread t on cpu 0 in A {
                    x = load heap[0].0; y = load heap[1].0;
                    store heap[1].0 = 7; z = load heap[1].0; w = load heap[0].0;
                    assert(x == 0 && y == 0 && z == 7 && w == 0, "zero-fill and copy-on-write");
                }
                check use_after_free
                """;
        assertThat(TestSupport.verdict(s).overall()).isEqualTo(Verdict.Overall.HOLDS);
        assertThat(TestSupport.verdict(s.replace("w == 0", "w == 7")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
    }

    @Test
    void tooFewFramesIsAModelGapNotAHold() {
        // Both pages need a frame of their own; with one frame the second write fault finds none,
        // and the kernel's VM_FAULT_OOM (kill the process) is not modelled.
        String s = """
                scenario "oom"
                kernel "2.6.19"
                cpus 1
                frames 1
                mm A { map anon heap pages 2 private writable at 0; }
                thread t on cpu 0 in A { store heap[0].0 = 1; store heap[1].0 = 2; }
                check use_after_free
                """;
        Verdict v = TestSupport.verdict(s);
        assertThat(v.overall()).isEqualTo(Verdict.Overall.UNDECIDED);
        assertThat(v.gap().message()).contains("VM_FAULT_OOM");
        assertThat(TestSupport.verdict(s.replace("frames 1", "frames 2")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void anonymousMappingsAreCheckedWhenCompiled() {
        String base = """
                scenario "x"
                kernel "2.6.19"
                cpus 1
                FRAMES
                file f { pages 1; }
                mm A { MAP }
                thread t on cpu 0 in A { BODY }
                check use_after_free
                """;
        assertThatThrownBy(() -> compile(base, "", "map anon heap private writable at 0;", ""))
                .isInstanceOf(MmtError.class).hasMessageContaining("anonymous memory lives in page frames: add 'frames N'");
        assertThatThrownBy(() -> compile(base, "frames 1", "map anon heap shared writable at 0;", ""))
                .isInstanceOf(MmtError.class).hasMessageContaining("shared anonymous memory (shmem) is not modelled");
        assertThatThrownBy(() -> compile(base, "frames 1", "map anon f private writable at 0;", ""))
                .isInstanceOf(MmtError.class).hasMessageContaining("name f is declared twice");
        assertThatThrownBy(() -> compile(base, "frames 1", "map anon heap private writable at 0;", "store heap[1].0 = 1;"))
                .isInstanceOf(MmtError.class).hasMessageContaining("anonymous mapping heap has no page 1 (it has 1; 'map anon heap pages N ...' gives it more)");
        assertThatThrownBy(() -> compile(base, "frames 1", "map anon heap private writable at 0;", "store heap[0].1 = 1;"))
                .isInstanceOf(MmtError.class).hasMessageContaining("a page frame holds words 0..0 ('frames N words W' gives it more)");
        assertThat(compile(base, "frames 1 words 2", "map anon heap private writable at 0;", "store heap[0].1 = 1;").world().frameWords)
                .isEqualTo(2);
        assertThatThrownBy(() -> compile(base, "frames 1", "map anon heap private writable at 0;", "store A[0].0 = 1;"))
                .isInstanceOf(MmtError.class).hasMessageContaining("A is an address space");
        assertThatThrownBy(() -> compile(base, "frames 17", "map anon heap private writable at 0;", ""))
                .isInstanceOf(MmtError.class).hasMessageContaining("frames must be between 1 and 16");
        assertThatThrownBy(() -> compile(base, "frames 1", "map anon heap private writable at 0; map anon b private writable at 1; "
                + "pte 0 present write; pte 1 present write;", ""))
                .isInstanceOf(MmtError.class).hasMessageContaining("more anonymous pages start mapped than there are frames (1)");
        assertThatThrownBy(() -> compile(base, "frames 1", "map anon private writable at 0;", ""))
                .isInstanceOf(MmtError.class).hasMessageContaining("an anonymous mapping is 'map anon NAME private writable at V'");
        // A file named anon is still a file.
        assertThat(compile(base.replace("file f", "file anon"), "", "map anon shared readonly at 0;", "load anon[0].0;").world().vmas.get(0).isAnon())
                .isFalse();
    }

    @Test
    void aTranscriptionThatReturnsNothingWhereTheLibraryUsesAValueIsNamed() {
        // The fault handlers return VM_FAULT codes; a scenario's do_anonymous_page that ends
        // without one is named, with its own line, at the library's call.
        String s = """
                scenario "no value"
                kernel "2.6.19"
                cpus 1
                frames 1
                mm A { map anon heap private writable at 0; }
                thread t on cpu 0 in A { store heap[0].0 = 1; }
                check use_after_free
                static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long address, pte_t *page_table, int write_access) {
                    return;
                }
                """;
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", s)).isInstanceOf(MmtError.class)
                .hasMessageContaining("do_anonymous_page, the scenario file's body at t.mmt:8, ends without 'return VALUE;'");
    }

    private static Model compile(String base, String frames, String map, String body) {
        return TestSupport.compile("t.mmt", base.replace("FRAMES", frames).replace("MAP", map).replace("BODY", body));
    }
}

package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmcheck.TestSupport;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.ThreadProgram;
import org.junit.jupiter.api.Test;

/**
 * Vmas that change (issue 7, item 7): mmap_sem as a reader/writer semaphore that costs steps only
 * where a concurrent thread takes it for writing, vm_flags as state only where code writes it,
 * SIGSEGV, and no_write_after_mprotect with its controls.
 */
class MprotectTest {
    private static final String ANON = """
            scenario "anon"
            kernel "2.6.19"
            cpus 2
            frames 1
            mm A { map anon buf private writable at 0; }
            THREADS
            check CHECK
            """;

    private static String anon(String threads, String check) { return ANON.replace("THREADS", threads).replace("CHECK", check); }

    private static boolean runs(Model m, Prim p) {
        for (ThreadProgram t : m.threads())
            for (Instr in : t.code()) if (in.op == Instr.PRIM && in.prim == p) return true;
        return false;
    }

    @Test
    void mmapSemIsAStepOnlyWhereAConcurrentThreadTakesItForWriting() {
        // Faults alone: down_read could never wait, and nothing reads what it records.
        Model faults = TestSupport.compile("t.mmt", anon("thread w on cpu 1 in A { store buf[0].0 = 1; }", "no_write_after_mprotect"));
        assertThat(runs(faults, Prim.DOWN_READ)).isFalse();
        assertThat(faults.layout().fieldIndex("vm_area_struct", "vm_flags")).as("vm_flags is topology").isLessThan(0);
        // The after block runs alone: its munmap's down_write changes nothing.
        Model after = TestSupport.compile("t.mmt", anon("thread w on cpu 1 in A { store buf[0].0 = 1; }\nafter { munmap(A); }", "use_after_free"));
        assertThat(runs(after, Prim.DOWN_READ) || runs(after, Prim.DOWN_WRITE)).isFalse();
        // A concurrent mprotect: the fault takes it for reading, as a step, and vm_flags is state.
        Model prot = TestSupport.compile("t.mmt", anon("thread w on cpu 1 in A { store buf[0].0 = 1; }\n"
                + "thread p on cpu 0 in A { mprotect(A, 0, 1, PROT_READ); }", "no_write_after_mprotect"));
        assertThat(runs(prot, Prim.DOWN_READ)).isTrue();
        assertThat(runs(prot, Prim.DOWN_WRITE)).isTrue();
        assertThat(prot.layout().fieldIndex("vm_area_struct", "vm_flags")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void readersShareTheSemaphoreAndAWriterExcludesThem() {
        String s = """
                scenario "rwsem"
                kernel "2.6.19"
                cpus 3
                file f { pages 1; }
                mm A { map f shared readonly at 0; }
                struct mm_struct { atomic_t readers; atomic_t writers; };
                thread r1 on cpu 0 in A { down_read(&A->mmap_sem); atomic_inc(&A->readers); assert(atomic_read(&A->writers) == 0, "reader beside a writer"); CHECK atomic_dec(&A->readers); up_read(&A->mmap_sem); }
                thread r2 on cpu 1 in A { down_read(&A->mmap_sem); atomic_inc(&A->readers); atomic_dec(&A->readers); up_read(&A->mmap_sem); }
                thread w on cpu 2 in A { down_write(&A->mmap_sem); atomic_inc(&A->writers); assert(atomic_read(&A->readers) == 0, "writer beside a reader"); atomic_dec(&A->writers); up_write(&A->mmap_sem); }
                check assert
                """;
        assertThat(TestSupport.verdict(s.replace("CHECK", "")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        // Control: the two readers do hold it at once (the witness of a shared lock).
        Verdict both = TestSupport.verdict(s.replace("CHECK", "assert(atomic_read(&A->readers) < 2, \"two readers at once\");"));
        assertThat(both.judgement(Invariant.ASSERT).violation().message()).contains("two readers at once");
    }

    @Test
    void releasingWhatOneDoesNotHoldIsABug() {
        String s = anon("thread w on cpu 1 in A { down_read(&A->mmap_sem); up_write(&A->mmap_sem); }\n"
                + "thread p on cpu 0 in A { down_write(&A->mmap_sem); up_write(&A->mmap_sem); }", "assert");
        Verdict v = TestSupport.verdict(s);
        assertThat(v.judgement(Invariant.BUG).violation().message()).contains("released A->mmap_sem for write, which it does not hold for write");
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", anon("thread w on cpu 1 in A { spin_lock(&A->mmap_sem); }", "assert")))
                .isInstanceOf(MmtError.class).hasMessageContaining("spin_lock takes a spinlock_t");
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", anon("thread w on cpu 1 in A { down_read(&A->ptl); }", "assert")))
                .isInstanceOf(MmtError.class).hasMessageContaining("down_read takes a struct rw_semaphore");
    }

    @Test
    void aWriteToAReadOnlyVmaKillsTheThreadRatherThanStoppingTheRun() {
        String s = """
                scenario "segv"
                kernel "2.6.19"
                cpus 1
                file f { pages 1; }
                mm A { map f shared readonly at 0; }
                thread w on cpu 0 in A { store f[0].0 = 1; assert(0, "the store returned"); }
                check assert, data_integrity
                """;
        Verdict v = TestSupport.verdict(s);
        assertThat(v.overall()).as("SIGSEGV is the kernel's answer, not a model gap").isEqualTo(Verdict.Overall.HOLDS);
        assertThat(v.gap()).isNull();
    }

    @Test
    void vmFlagsCanBeReadAsTheMapLineSaysOnlyWhileNothingWritesThem() {
        String readFlags = "thread w on cpu 1 in A { x = vma_flags(find_vma(A, 0)); }\n";
        TestSupport.compile("t.mmt", anon(readFlags, "assert"));   // topology: fine
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", anon(readFlags + "thread p on cpu 0 in A { mprotect(A, 0, 1, PROT_READ); }", "assert")))
                .isInstanceOf(MmtError.class).hasMessageContaining("read vma->vm_flags");
    }

    @Test
    void givingWriteBackMakesStoresLegitimateAgain() {
        // prot takes write away and gives it back; writer's stores race with both.  A store after
        // the second call is legitimate, and one between the calls faults (SIGSEGV).
        String s = anon("thread w on cpu 1 in A { store buf[0].0 = 1; store buf[0].0 = 2; }\n"
                + "thread p on cpu 0 in A { mprotect(A, 0, 1, PROT_READ); mprotect(A, 0, 1, PROT_READ | PROT_WRITE); }",
                "no_write_after_mprotect, stale_tlb_write");
        Verdict v = TestSupport.verdict(s.replace("mm A { map anon buf private writable at 0; }",
                "mm A { map anon buf private writable at 0; pte 0 present write young dirty; }"));
        assertThat(v.overall()).isEqualTo(Verdict.Overall.HOLDS);
        assertThat(v.judgement(Invariant.NO_WRITE_AFTER_MPROTECT).status()).isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void aRangeThatIsNotOneWholeVmaIsAModelGap() {
        String s = """
                scenario "split"
                kernel "2.6.19"
                cpus 1
                frames 2
                mm A { map anon buf pages 2 private writable at 0; }
                thread p on cpu 0 in A { mprotect(A, 0, 1, PROT_READ); }
                check no_write_after_mprotect
                """;
        Verdict v = TestSupport.verdict(s);
        assertThat(v.overall()).isEqualTo(Verdict.Overall.UNDECIDED);
        assertThat(v.gap().message()).contains("split_vma");
    }

    @Test
    void takingItAgainIsABug() {
        String writer = "thread p on cpu 0 in A { mprotect(A, 0, 1, PROT_READ); }";
        Verdict nested = TestSupport.verdict(anon("thread w on cpu 1 in A { down_read(&A->mmap_sem); down_read(&A->mmap_sem); }\n" + writer, "assert"));
        assertThat(nested.judgement(Invariant.BUG).violation().message()).contains("w takes A->mmap_sem for read while it holds it");
        Verdict fault = TestSupport.verdict(anon("thread w on cpu 1 in A { store buf[0].0 = 1; }\n" + writer, "no_deadlock"));
        assertThat(fault.judgement(Invariant.NO_DEADLOCK).status()).isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void aReaderQueuesBehindAWaitingWriter() {
        // x holds mmap_sem for reading and wants the page lock; y holds the page lock and wants
        // mmap_sem for reading. Alone they pass (readers share it); with a writer queued between
        // them, y sleeps behind the writer, the writer behind x, x behind y: 2.6.19's rwsem is fair.
        String s = """
                scenario "reader, waiting writer, reader"
                kernel "2.6.19"
                cpus 3
                file f { pages 1; }
                mm A { map f shared readonly at 0; }
                thread x on cpu 0 in A { down_read(&A->mmap_sem); lock_page(f[0]); unlock_page(f[0]); up_read(&A->mmap_sem); }
                thread y on cpu 1 in A { lock_page(f[0]); down_read(&A->mmap_sem); up_read(&A->mmap_sem); unlock_page(f[0]); }
                WRITER
                check no_deadlock
                """;
        Verdict dl = TestSupport.verdict(s.replace("WRITER", "thread z on cpu 2 in A { down_write(&A->mmap_sem); up_write(&A->mmap_sem); }"));
        assertThat(dl.judgement(Invariant.NO_DEADLOCK).violation().message())
                .contains("x waits at lock_page(f[0])").contains("y waits at down_read(&A->mmap_sem)").contains("z waits at down_write(&A->mmap_sem)");
        assertThat(TestSupport.verdict(s.replace("WRITER", "")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void takingTheAddressOfVmFlagsMakesItState() {
        Model m = TestSupport.compile("t.mmt", anon("thread w on cpu 1 in A { v = find_vma(A, 0); clear_bit(1, &v->vm_flags); }", "assert"));
        assertThat(m.layout().fieldIndex("vm_area_struct", "vm_flags")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void dyingWhileHoldingTheSemaphoreIsABugNotADeadlock() {
        // A signal takes effect on the way back to user mode, after the kernel released what it took:
        // a thread killed while it holds a lock is a kernel bug, not a deadlock of the others.
        String s = anon("thread w on cpu 1 in A { down_read(&A->mmap_sem); force_sig(SIGSEGV); }\n"
                + "thread p on cpu 0 in A { down_write(&A->mmap_sem); up_write(&A->mmap_sem); }", "no_deadlock");
        Verdict v = TestSupport.verdict(s);
        assertThat(v.judgement(Invariant.BUG).violation().message()).contains("w is killed by a signal while it holds A->mmap_sem");
    }

    @Test
    void findVmaReadsTheVmaListAsAStepOnlyWhereCodeUnlinksAVma() {
        Model still = TestSupport.compile("t.mmt", anon("thread w on cpu 1 in A { store buf[0].0 = 1; }", "assert"));
        assertThat(runs(still, Prim.FIND_VMA_LIVE)).isFalse();
        Model gone = TestSupport.compile("t.mmt", anon("thread w on cpu 1 in A { store buf[0].0 = 1; }\n"
                + "thread u on cpu 0 in A { sys_munmap(A, 0, 1); }", "no_write_after_mprotect"));
        assertThat(runs(gone, Prim.FIND_VMA_LIVE)).isTrue();
        assertThat(runs(gone, Prim.FIND_VMA)).as("every find_vma reads the list").isFalse();
        // After munmap a store faults, finds no vma, and dies: the second store never lands.
        Verdict v = TestSupport.verdict(anon("thread w on cpu 1 in A { sys_munmap(A, 0, 1); store buf[0].0 = 1; assert(0, \"the store returned\"); }",
                "assert, no_write_after_mprotect"));
        assertThat(v.judgement(Invariant.ASSERT).status()).isEqualTo(Verdict.Status.HOLDS);
    }

    @Test
    void aMunmapFromAHoleIsAModelGapNotANoOp() {
        // The kernel's find_vma gives the first vma ending after the address, so munmap(0, 2) of a
        // vma at page 1 removes it; the machine's find_vma finds only a containing vma.
        String s = anon("thread w on cpu 0 in A { sys_munmap(A, 0, 2); }", "assert").replace("writable at 0", "writable at 1");
        Verdict v = TestSupport.verdict(s);
        assertThat(v.overall()).isEqualTo(Verdict.Overall.UNDECIDED);
        assertThat(v.gap().message()).contains("starts before its vma");
    }
}

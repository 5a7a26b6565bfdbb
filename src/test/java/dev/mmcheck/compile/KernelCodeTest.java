package dev.mmcheck.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmcheck.TestSupport;
import dev.mmcheck.check.Coverage;
import dev.mmcheck.check.Explorer;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Model;
import org.junit.jupiter.api.Test;

/**
 * Kernel C meaning what it says: the review of the struct/field work found each of these
 * giving a wrong answer. Each test has the control that must come out the other way.
 */
class KernelCodeTest {
    private static Verdict run(String text) { return TestSupport.verdict(text); }

    private static final String HEAD = """
            scenario "t"
            kernel "2.6.20"
            cpus 2
            file f { pages 2; buffers 1; }
            mm A { map f shared writable at 0; }
            """;

    @Test
    void anInlineRoutineOfTheScenarioThatNeverRunsIsReported() {
        String text = """
                static inline void fix(struct page *page) { SetPageDirty(page); }
                """ + HEAD + """
                thread t on cpu 0 { if (COND) fix(f[0]); }
                check assert
                """;
        Model never = TestSupport.compile("t.mmt", text.replace("COND", "PageWriteback(f[0])"));
        var r = Explorer.explore(never, Explorer.Limits.defaults());
        assertThat(Coverage.warnings(never, r.reached())).anyMatch(w -> w.contains("fix") && w.contains("never ran"));
        Model runs = TestSupport.compile("t.mmt", text.replace("COND", "PageUptodate(f[0])"));
        var r2 = Explorer.explore(runs, Explorer.Limits.defaults());
        assertThat(Coverage.warnings(runs, r2.reached())).noneMatch(w -> w.contains("fix"));
    }

    @Test
    void vmFlagsIsTheMappingsAndFieldsTheMachineDoesNotKeepAreRefused() {
        String text = HEAD + "thread t on cpu 0 { vma = file_vma(f, 0); assert(vma->vm_flags & FLAG, \"flag\"); }\ncheck assert\n";
        assertThat(run(text.replace("FLAG", "VM_SHARED")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        assertThat(run(text.replace("FLAG", "VM_EXEC")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", "struct vm_area_struct { unsigned long vm_pgoff; };\n" + text.replace("FLAG", "1")))
                .isInstanceOf(MmtError.class).hasMessageContaining("does not keep");
        // vm_start and vm_end are the mapping's (virtual page numbers, the end exclusive); control: a wrong end breaks.
        String range = HEAD + "thread t on cpu 0 { vma = file_vma(f, 0); assert(vma->vm_start == 0 && vma->vm_end == END, \"range\"); }\ncheck assert\n";
        assertThat(run(range.replace("END", "2")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        assertThat(run(range.replace("END", "1")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
    }

    @Test
    void onlyIntegerFieldsAndLocksHaveAnAddress() {
        String text = "struct mm_struct { struct page *cur; int n; };\n" + HEAD + "thread t on cpu 0 { atomic_inc(&A->FIELD); }\ncheck assert\n";
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", text.replace("FIELD", "cur")))
                .isInstanceOf(MmtError.class).hasMessageContaining("integer fields and locks only");
        assertThat(run(text.replace("FIELD", "n")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aCompoundAssignmentComputesTheFieldsAddressOnce() {
        // C: p->f |= 1 applies to the page A->cur named when the address was computed; bit 2 of
        // f[0] is never lost. Control: two separate reads of A->cur can lose it.
        String text = "struct mm_struct { struct page *cur; };\nstruct page { int my; };\n" + HEAD + """
                thread a on cpu 0 { A->cur = f[0]; f[0]->my = 2; UPDATE }
                thread b on cpu 1 { A->cur = f[1]; }
                after { assert(f[0]->my & 2, "bit 2 of f[0] kept"); }
                check assert
                """;
        assertThat(run(text.replace("UPDATE", "A->cur->my |= 1;")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        assertThat(run(text.replace("UPDATE", "p = A->cur; x = A->cur->my; p->my = x | 1;")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
    }

    @Test
    void aBoolIsZeroOrOne() {
        String text = "static bool is_set(unsigned long w) { return w & 4; }\n" + HEAD
                + "thread t on cpu 0 { TYPE x = 4; assert(x == 1 && is_set(6) == 1, \"bool\"); }\ncheck assert\n";
        assertThat(run(text.replace("TYPE", "bool")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        assertThat(run(text.replace("TYPE", "int")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
    }

    @Test
    void anEnumeratorMayNotTakeAName() {
        String text = "enum mine { NAME = 5 };\n" + HEAD + "thread t on cpu 0 { x = 1; }\ncheck assert\n";
        for (String builtin : new String[] {"READ", "WRITE", "TLB_FLUSH_ALL", "true", "NULL", "EFAULT"})
            assertThatThrownBy(() -> TestSupport.compile("t.mmt", text.replace("NAME", builtin))).as(builtin).isInstanceOf(MmtError.class);
        assertThatThrownBy(() -> TestSupport.compile("t.mmt", text.replace("NAME", "f")))
                .isInstanceOf(MmtError.class).hasMessageContaining("constant of the kernel library");
        assertThat(run(text.replace("NAME", "MINE")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void thePteLockIsNotPageTableLock() {
        // i386's default configuration splits PTE locks: pte_offset_map_lock does not exclude
        // mm->page_table_lock. Control: the same lock on both sides excludes.
        String text = "struct mm_struct { int x; };\n" + HEAD + """
                thread a on cpu 0 { spin_lock(&A->page_table_lock); A->x = 1; A->x = 0; spin_unlock(&A->page_table_lock); }
                thread b on cpu 1 { TAKE assert(A->x == 0, "excluded"); DROP }
                check assert
                """;
        assertThat(run(text.replace("TAKE", "pte_t *p = pte_offset_map_lock(A, 0, &ptl);").replace("DROP", "pte_unmap_unlock(p, ptl);")
                .replace("thread b on cpu 1 {", "thread b on cpu 1 { spinlock_t *ptl;")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(run(text.replace("TAKE", "spin_lock(&A->page_table_lock);").replace("DROP", "spin_unlock(&A->page_table_lock);")).overall())
                .isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void aFieldsAddressIsComputedBeforeTheValueThatChangesItsPointer() {
        // C: p->mine += bump(&p) updates the field p named before bump ran (f[0]); the value
        // bump returns goes there. Control: the same through a pointer read after bump writes f[1].
        String text = "struct page { int mine; };\nfn bump(pp) { *pp = f[1]; return 5; }\n" + HEAD + """
                thread k on cpu 0 { struct page *p = f[0]; UPDATE }
                forall (f[0]->mine == 5 && f[1]->mine == 0);
                """;
        assertThat(run(text.replace("UPDATE", "p->mine += bump(&p);")).overall()).isEqualTo(Verdict.Overall.HOLDS);
        assertThat(run(text.replace("UPDATE", "p->mine = 0; x = bump(&p); p->mine += x;")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(run(text.replace("UPDATE", "p->mine = bump(&p);")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void twoDirectoriesOfOneArchitectureMayNotBothCoverARelease(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path a = dir.resolve("linux/arch/x86/mm/a.mmt"), b = dir.resolve("linux/include/asm-i386/b.mmt");
        java.nio.file.Files.createDirectories(a.getParent());
        java.nio.file.Files.createDirectories(b.getParent());
        java.nio.file.Files.writeString(a, "fn probe() variant \"x86side\" kernels \"2.6.19\" .. \"2.6.20\" { x = 1; }\n");
        java.nio.file.Files.writeString(b, "fn probe() variant \"i386side\" kernels \"RANGE\" { x = 2; }\n".replace("RANGE", "2.6.20"));
        assertThatThrownBy(() -> Library.load(dir)).isInstanceOf(MmtError.class).hasMessageContaining("both cover");
        java.nio.file.Files.writeString(b, "fn probe() variant \"i386side\" kernels \"2.6.18\" { x = 2; }\n");
        assertThat(Library.load(dir).names()).contains("probe");
    }
}

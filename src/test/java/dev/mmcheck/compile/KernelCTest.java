package dev.mmcheck.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.check.Result;
import dev.mmcheck.model.Invariant;
import org.junit.jupiter.api.Test;

/**
 * Kernel C that a patch arrives in and that mmcheck now takes as written: typed declarations,
 * goto and labels, '?:', errno constants. Each test computes something that only the right
 * reading of the construct gets right, and asserts it (an assert that would fire otherwise).
 */
class KernelCTest {
    private static Result run(String body) {
        String text = """
                scenario "kernel C"
                kernel "2.6.20"
                cpus 1
                file f { pages 1; buffers 1; }
                BODY
                check no_deadlock
                """.replace("BODY", body);
        return TestSupport.explore(TestSupport.compileAlone("c.mmt", text));
    }

    private static boolean fine(String body) {
        Result r = run(body);
        return r.violation(Invariant.ASSERT) == null && r.violation(Invariant.BUG) == null;
    }

    @Test
    void declarationsFixTypesAndStartAtZero() {
        assertThat(fine("""
                thread t on cpu 0 {
                    int ret = 1, n;
                    unsigned long addr = 3;
                    struct page *page = f[0], *none;
                    pte_t *ptep;
                    assert(n == 0 && !none && !ptep, "declared without a value: 0, NULL");
                    SetPageDirty(page);
                    assert(ret + addr == 4 && PageDirty(page), "values");
                }
                """)).isTrue();
        assertThat(fine("thread t on cpu 0 { int ret = 1; SetPageDirty(f[0]); assert(ret == 2, \"control\"); }")).isFalse();
    }

    @Test
    void gotoJumpsToItsLabelLikeTheKernelsErrorPaths() {
        // The page_mkclean_one shape: an early goto skips to the label, the fall-through runs it too.
        String routine = """
                fn f(x) {
                    int ret = 0;
                    if (x == 0)
                        goto out;
                    ret = 10;
                    if (x == 1)
                        goto unlock;
                    ret = 20;
                unlock:
                    ret = ret + 1;
                out:
                    return ret;
                }
                """;
        assertThat(fine(routine + """
                thread t on cpu 0 { SetPageDirty(f[0]); assert(f(0) == 0 && f(1) == 11 && f(2) == 21, "goto"); }
                """)).isTrue();
        assertThat(fine(routine + """
                thread t on cpu 0 { SetPageDirty(f[0]); assert(f(1) == 21, "control"); }
                """)).isFalse();
    }

    @Test
    void aConditionalEvaluatesOnlyTheArmTaken() {
        // The untaken arm divides by zero: evaluating it would be a BUG.
        assertThat(fine("thread t on cpu 0 { int z = 0; int a = 1 ? 5 : 7 / z; SetPageDirty(f[0]); assert(a == 5 && (0 ? 1 : 2) == 2, \"?:\"); }"))
                .isTrue();
        assertThat(fine("thread t on cpu 0 { int z = 0; int a = 0 ? 5 : 7 / z; SetPageDirty(f[0]); }")).as("control: the taken arm divides by zero").isFalse();
    }

    @Test
    void errnoConstantsAreTheKernels() {
        assertThat(fine("thread t on cpu 0 { SetPageDirty(f[0]); assert(-EFAULT == -14 && EINVAL == 22 && ENOMEM == 12, \"errno\"); }")).isTrue();
    }

    @Test
    void aLabelTakesTheStatementAfterIt() {
        // As in C: `if (x) out: y = 1;` keeps y = 1 inside the if.
        assertThat(fine("thread t on cpu 0 { int x = 0; int y = 0; if (x) out: y = 1; SetPageDirty(f[0]); assert(y == 0, \"label\"); }")).isTrue();
        assertThat(fine("thread t on cpu 0 { int x = 1; int y = 0; if (x) out: y = 1; SetPageDirty(f[0]); assert(y == 0, \"control\"); }")).isFalse();
    }

    @Test
    void aLockPointerIsAPointer() {
        assertThat(fine("thread t on cpu 0 { spinlock_t *ptl = NULL; if (ptl) SetPageDirty(f[0]); ptl = &f->tree_lock; spin_lock(ptl); assert(ptl && !PageDirty(f[0]), \"lock\"); spin_unlock(ptl); }"))
                .isTrue();
    }
}

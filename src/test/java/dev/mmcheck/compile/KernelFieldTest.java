package dev.mmcheck.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mmcheck.TestSupport;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Invariant;
import org.junit.jupiter.api.Test;

/**
 * Kernel state declared in .mmt, with no Java change: a scenario adds a field to the library's
 * struct mm_struct (a per-mm counter, the shape of mm->tlb_flush_pending), increments it on one
 * CPU and tests it on another. Each property has a control that must come out the other way.
 */
class KernelFieldTest {
    private static final String SCENARIO = """
            struct mm_struct {
                atomic_t tlb_flush_pending;
            };

            scenario "a counter of my own"
            kernel "2.6.20"
            cpus 2
            file f { pages 1; buffers 1; }
            mm A { map f shared writable at 0; }
            thread a on cpu 0 { atomic_inc(&A->tlb_flush_pending); }
            thread b on cpu 1 { WAIT x = atomic_read(&A->tlb_flush_pending); assert(x == 1, "b sees a's increment"); }
            check assert
            """;

    @Test
    void aFieldAScenarioAddsIsSharedStateOneStepPerAccess() {
        // Unordered: b may read before a's increment.
        Verdict racy = TestSupport.verdict(SCENARIO.replace("WAIT", ""));
        assertThat(racy.overall()).isEqualTo(Verdict.Overall.VIOLATION);
        assertThat(racy.judgement(Invariant.ASSERT).violation().message()).contains("b sees a's increment");
        // Control: b waits for it first.
        Verdict ordered = TestSupport.verdict(SCENARIO.replace("WAIT", "while (atomic_read(&A->tlb_flush_pending) == 0) { }"));
        assertThat(ordered.overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void fieldsAndFlagWordsReadAndWriteLikeC() {
        String text = """
                enum my_bits { MY_A, MY_B, MY_C };
                struct page {
                    unsigned long my_flags __flags(my_bits);
                    int slots[3];
                };
                scenario "fields"
                kernel "2.6.20"
                cpus 1
                file f { pages 2; buffers 1; }
                thread t on cpu 0 {
                    struct page *p = f[1];
                    set_bit(MY_C, &p->my_flags);
                    p->slots[2] = 7;
                    p->slots[0] += 5;
                    p->slots[1]++;
                    assert(p->my_flags == 1 << MY_C && test_bit(MY_C, &p->my_flags) && !test_bit(MY_A, &p->my_flags), "bits");
                    assert(p->slots[0] == 5 && p->slots[1] == 1 && p->slots[2] == 7, "slots");
                    assert(f[0]->slots[2] == 0 && f[0]->my_flags == 0, "another page's fields are its own");
                    assert(p->index == 1 && p->mapping == f, "the topology fields");
                }
                check assert
                """;
        assertThat(TestSupport.verdict(text).overall()).isEqualTo(Verdict.Overall.HOLDS);
        // Control: a wrong expectation breaks.
        assertThat(TestSupport.verdict(text.replace("p->slots[2] == 7", "p->slots[2] == 6")).overall()).isEqualTo(Verdict.Overall.VIOLATION);
    }

    @Test
    void anIndexOutsideTheArrayIsAKernelBug() {
        String text = """
                struct mm_struct { int batch[2]; };
                scenario "bounds"
                kernel "2.6.20"
                cpus 1
                file f { pages 1; buffers 1; }
                mm A { map f shared writable at 0; }
                thread t on cpu 0 { i = I; A->batch[i] = 1; }
                check no_deadlock
                """;
        Verdict bad = TestSupport.verdict(text.replace("I;", "2;"));
        assertThat(bad.judgement(Invariant.BUG).violation().message()).contains("index 2 out of range of batch[2]");
        assertThat(TestSupport.verdict(text.replace("I;", "1;")).overall()).isEqualTo(Verdict.Overall.HOLDS);
    }

    @Test
    void badDeclarationsGetAPosition() {
        String base = """
                scenario "bad"
                kernel "2.6.20"
                cpus 1
                file f { pages 1; buffers 1; }
                thread t on cpu 0 { BODY }
                check assert
                """;
        assertThatThrownBy(() -> TestSupport.compile("bad.mmt", "struct inode { int i_state; };\n" + base.replace("BODY", "")))
                .isInstanceOf(MmtError.class).hasMessageContaining("no instances of it");
        assertThatThrownBy(() -> TestSupport.compile("bad.mmt", "struct page { int flags; };\n" + base.replace("BODY", "")))
                .isInstanceOf(MmtError.class).hasMessageContaining("already has a field flags");
        assertThatThrownBy(() -> TestSupport.compile("bad.mmt", base.replace("BODY", "x = f[0]->no_such;")))
                .isInstanceOf(MmtError.class).hasMessageContaining("struct page has no field 'no_such'");
        assertThatThrownBy(() -> TestSupport.compile("bad.mmt", base.replace("BODY", "x = 3; y = x->flags;")))
                .isInstanceOf(MmtError.class).hasMessageContaining("needs a pointer to a kernel structure");
        assertThatThrownBy(() -> TestSupport.compile("bad.mmt", base.replace("BODY", "f[0]->index = 2;")))
                .isInstanceOf(MmtError.class).hasMessageContaining("topology");
        assertThatThrownBy(() -> TestSupport.compile("bad.mmt", base.replace("BODY", "x = f->tree_lock;")))
                .isInstanceOf(MmtError.class).hasMessageContaining("is a lock");
    }
}

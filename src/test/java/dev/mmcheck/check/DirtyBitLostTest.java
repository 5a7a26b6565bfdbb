package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.model.Invariant;
import org.junit.jupiter.api.Test;

/** dirty_bit_lost counts only a 0 -> 1 change of D by the hardware as an update a kernel read can miss. */
class DirtyBitLostTest {
    private static String scenario(String arch, String startPte, String kernelThread) {
        return """
                scenario "dirty bit"
                arch ARCH
                kernel "2.6.20"
                cpus 2
                file f { pages 1; buffers 1; }
                mm A { map f shared writable at 0; pte 0 START; }
                thread user on cpu 0 in A { load f[0].0; store f[0].0 = 1; }
                thread k on cpu 1 { p = pte_offset_map(A, 0); KERNEL }
                check dirty_bit_lost
                """.replace("ARCH", arch).replace("START", startPte).replace("KERNEL", kernelThread);
    }

    /** The kernel reads D=1 and cleans it: the store's walk finds D set and changes nothing. */
    private static final String CLEAN_IF_DIRTY = "e = *p; if (pte_dirty(e)) set_pte_at(A, 0, p, pte_mkclean(e));";

    @Test
    void aWalkThatFindsDAlreadySetIsNoHardwareUpdate() {
        for (String arch : new String[] {"x86", "blind-dirty"}) {
            Result r = TestSupport.explore(TestSupport.compile("d.mmt", scenario(arch, "present write young dirty", CLEAN_IF_DIRTY)));
            assertThat(r.violation(Invariant.DIRTY_BIT_LOST)).as(arch).isNull();
        }
    }

    @Test
    void aDirtyBitSetAfterTheKernelsReadIsLost() {
        // Negative control: the PTE starts clean, so the kernel's read can come before the store
        // sets D; writing a clean value based on that read overwrites the hardware's update.
        String overwrite = "e = *p; set_pte_at(A, 0, p, pte_mkclean(e));";
        for (String arch : new String[] {"x86", "blind-dirty"}) {
            Result r = TestSupport.explore(TestSupport.compile("d.mmt", scenario(arch, "present write young", overwrite)));
            Violation v = r.violation(Invariant.DIRTY_BIT_LOST);
            assertThat(v).as(arch).isNotNull();
            assertThat(v.message()).contains("k overwrote PTE A:0");
        }
    }
}

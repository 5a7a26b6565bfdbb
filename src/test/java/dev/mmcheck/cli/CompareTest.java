package dev.mmcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Patch review from the command line: --kernel and --use over a scenario, and compare. */
class CompareTest {
    @Test
    void checkTakesTheKernelAndVariantsFromTheCommandLine() {
        String seed = CliTest.seed("ext3-ordered-2.6.19.mmt");
        assertThat(CliTest.run("check", seed).status()).isEqualTo(1);   // as written: the 2.6.19 loss
        CliTest.Run fixed = CliTest.run("check", "--kernel", "2.6.20", seed);
        assertThat(fixed.status()).isZero();
        assertThat(fixed.out()).contains("page_mkclean_one \"2.6.20\" (kernel 2.6.20)");
        // Control: the kernel of the fix, but the old routines by name: the loss again.
        CliTest.Run old = CliTest.run("check", "--kernel", "2.6.20", "--use", "page_mkclean_one=2.6.19", "--use", "clear_page_dirty_for_io=2.6.19", seed);
        assertThat(old.status()).isEqualTo(1);
        assertThat(old.out()).contains("page_mkclean_one \"2.6.19\" (use)");
        assertThat(CliTest.run("check", "--use", "page_mkclean_one", seed).status()).isEqualTo(2);
        assertThat(CliTest.run("check", "--use", "page_mkclean_one=2.4", seed).err()).contains("has no variant \"2.4\"");
    }

    @Test
    void compareShowsTheVerdictsAndCostsSideBySide() {
        CliTest.Run r = CliTest.run("compare", CliTest.seed("ext3-ordered-2.6.19.mmt"), "--kernel", "2.6.19", "--kernel", "2.6.20");
        assertThat(r.status()).isZero();
        assertThat(r.out()).containsPattern("kernel 2.6.19\\s+kernel 2.6.20");
        assertThat(r.out()).containsPattern("verdict\\s+VIOLATION\\s+HOLDS");
        assertThat(r.out()).containsPattern("data_integrity\\s+violated \\(83 steps\\)\\s+holds");
        assertThat(r.out()).containsPattern("states\\s+164,568\\s+146,583");
        assertThat(r.out()).containsPattern("shootdowns sent\\s+[\\d,]+\\s+[\\d,]+").containsPattern("block I/Os\\s+[1-9][\\d,]*\\s+[1-9]");
        CliTest.Run v = CliTest.run("compare", CliTest.seed("mkclean-x86-2.6.19.mmt"), "--use", "page_mkclean_one=2.6.19", "--use", "page_mkclean_one=2.6.20");
        assertThat(v.out()).containsPattern("use page_mkclean_one \"2.6.19\"\\s+use page_mkclean_one \"2.6.20\"");
        assertThat(CliTest.run("compare", CliTest.seed("mkclean-x86-2.6.19.mmt"), "--kernel", "2.6.19").status()).isEqualTo(2);
    }
}

package dev.mmcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** `mmcheck list` and `mmcheck show`: what the library holds, and the body a release runs. */
class DiscoveryTest {
    @Test
    void listShowsEveryBodyOfARoutineWithItsReleasesAndPlace() {
        CliTest.Run r = CliTest.run("list", "routines");
        assertThat(r.status()).isZero();
        // the three bodies of page_mkclean_one, each with what it covers and where it is
        assertThat(r.out()).containsPattern("page_mkclean_one\\s+\"2.6.19\"\\s+2.6.19 .. 2.6.19.1\\s+lib/linux/mm/rmap.mmt:\\d+");
        assertThat(r.out()).containsPattern("\"2.6.20\"\\s+2.6.19.2, 2.6.20\\s+lib/linux/mm/rmap.mmt:\\d+");
        assertThat(r.out()).containsPattern("\"xchg-loop\"\\s+by use only");
        assertThat(r.out()).containsPattern("PageDirty\\s+\\(default\\).*page-flags.mmt:\\d+.*inline");
        assertThat(r.out()).containsPattern("pte_mkclean.*\\[i386\\]");
    }

    @Test
    void listShowsStructsPrimitivesInvariantsAndArches() {
        CliTest.Run r = CliTest.run("list");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("struct page: flags (flag word), _count (atomic_t), _mapcount (atomic_t)");
        assertThat(r.out()).contains("struct mm_struct: page_table_lock (lock), ptl (lock)");
        assertThat(r.out()).containsPattern("test_and_clear_bit\\(int, field \\*\\)\\s+-> bool\\s+shared");
        assertThat(r.out()).containsPattern("wait_on_bit_lock\\(field \\*, int\\)\\s+-> void\\s+blocking");
        assertThat(r.out()).containsPattern("data_integrity\\s+in every final state");
        assertThat(r.out()).contains("blind-dirty").doesNotContain("model_gap").doesNotContain("->load");
    }

    @Test
    void showPrintsTheBodyAReleaseRunsWithItsCitation() {
        CliTest.Run old = CliTest.run("show", "page_mkclean_one", "--kernel", "2.6.19");
        assertThat(old.status()).isZero();
        assertThat(old.out()).contains("variant \"2.6.19\", which kernel 2.6.19 runs").contains("// mm/rmap.c, page_mkclean_one()")
                .contains("variant \"2.6.19\" kernels \"2.6.19\" .. \"2.6.19.1\" {");
        // Control: the fixed release runs the other body.
        CliTest.Run fixed = CliTest.run("show", "page_mkclean_one", "--kernel", "2.6.20");
        assertThat(fixed.out()).contains("variant \"2.6.20\"").doesNotContain("variant \"2.6.19\" kernels");
        assertThat(old.out().strip()).endsWith("}");
    }

    @Test
    void showRefusesWhatDoesNotExist() {
        assertThat(CliTest.run("show", "page_mkclean_on", "--kernel", "2.6.19").err()).contains("no routine 'page_mkclean_on'");
        CliTest.Run none = CliTest.run("show", "page_mkclean_one", "--kernel", "2.4.0");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("no body of page_mkclean_one covers kernel 2.4.0");
        assertThat(CliTest.run("show", "page_mkclean_one").err()).contains("say which with --kernel K or --variant V");
        assertThat(CliTest.run("show", "PageDirty", "--arch", "arm").status()).isEqualTo(2);
    }

    @Test
    void theCorpusRunsScenariosNotThePatchesTheyInclude(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("seeds/patches"));
        java.nio.file.Files.writeString(dir.resolve("seeds/a.mmt"), "");
        java.nio.file.Files.writeString(dir.resolve("seeds/patches/p.mmt"), "");
        java.nio.file.Files.writeString(dir.resolve("b.mmt"), "");
        assertThat(Golden.scenarioFiles(dir)).containsExactly(dir.resolve("b.mmt"), dir.resolve("seeds/a.mmt"));
    }
}

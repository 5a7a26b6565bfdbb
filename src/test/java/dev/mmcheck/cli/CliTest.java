package dev.mmcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's contract: exit status and what a kernel developer reads. */
class CliTest {
    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 2];
            all[0] = args[0];
            all[1] = "--no-color";
            all[2] = "--lib=" + TestSupport.home().resolve("lib");
            System.arraycopy(args, 1, all, 3, args.length - 1);
            int status = Main.run(all);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static String seed(String name) { return TestSupport.home().resolve("scenarios/seeds").resolve(name).toString(); }

    @Test
    void ext3Ordered2619LosesTheStoreAndShowsTheTable() {
        Run r = run("check", seed("ext3-ordered-2.6.19.mmt"));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("VIOLATION data_integrity");
        String header = r.out().lines().filter(l -> l.matches("\\s*# \\|.*")).findFirst().orElseThrow();
        assertThat(header).contains("cpu0 user").contains("cpu1 jbd").contains("cpu2 flush").contains("what changed");
        List<String> lines = r.out().lines().toList();
        int last = lines.indexOf(lines.stream().filter(l -> l.contains("! | data_integrity broken: disk block f[0].0")).findFirst().orElseThrow());
        assertThat(lines.get(last - 1)).as("the invariant is the table's last row").matches("-+-\\+-.*");
    }

    @Test
    void theCompactReportFitsAnEmail() {
        // The trace and the report around it (title, start, routines, bounds, statistics).
        Run r = run("check", "--format", "compact", seed("ext3-ordered-2.6.19-mmap-only.mmt"));
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        assertThat(r.out()).contains("! data_integrity broken").contains("from the start where");
        // Control: the full table is wider.
        assertThat(run("check", "--format", "full", seed("ext3-ordered-2.6.19-mmap-only.mmt")).out().lines().mapToInt(String::length).max().orElse(0))
                .isGreaterThan(80);
    }

    @Test
    void ext3Ordered2620HoldsAndStatesItsBounds() {
        Run r = run("check", seed("ext3-ordered-2.6.20.mmt"));
        assertThat(r.status()).isEqualTo(0);
        assertThat(r.out()).contains("HOLDS data_integrity").contains("bounds: TLB evictions <=").contains("states/s");
    }

    @Test
    void syntaxErrorExitsTwoWithPosition(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.mmt");
        Files.writeString(bad, "scenario \"x\"\ncpus 2\nthread t on cpu 0 { x = ; }\n");
        Run r = run("check", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith(bad + ":3:25: expected an expression");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void missingFileExitsTwo() {
        Run r = run("check", "/nonexistent/x.mmt");
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("cannot read /nonexistent/x.mmt");
    }

    @Test
    void corpusPrintsOneLinePerScenarioAndClosingCount() throws Exception {
        Run r = run("corpus", TestSupport.home().resolve("scenarios").toString());
        long scenarios;
        scenarios = Golden.scenarioFiles(TestSupport.home().resolve("scenarios")).size();   // patches/ hold no scenario
        assertThat(r.out().lines().filter(l -> l.startsWith("PASS ") || l.startsWith("FAIL ")).count()).isEqualTo(scenarios);
        assertThat(r.out().strip()).endsWith(scenarios + " passed, 0 failed");
        assertThat(r.status()).isEqualTo(0);
    }

    @Test
    void corpusCountsAnUnexpectedVerdictAsFailed(@TempDir Path dir) throws Exception {
        String text = Files.readString(Path.of(seed("ext3-ordered-2.6.19.mmt"))).replace("expect violation", "expect holds");
        Files.writeString(dir.resolve("wrong.mmt"), text);
        Run r = run("corpus", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL wrong.mmt").contains("expected holds, found violation").contains("0 passed, 1 failed");
    }

    @Test
    void timeLimitStopsCleanly() {
        Run r = run("check", "--time-limit=0.000001", seed("ext3-ordered-2.6.20.mmt"));
        assertThat(r.status()).as("undecided").isEqualTo(3);
        assertThat(r.out()).contains("UNKNOWN data_integrity").contains("time limit");
    }

    @Test
    void memoryLimitStopsCleanly() {
        Run r = run("check", "--max-memory=1", seed("ext3-ordered-2.6.20.mmt"));
        assertThat(r.status()).as("undecided").isEqualTo(3);
        assertThat(r.out()).contains("UNKNOWN data_integrity").contains("memory limit");
    }

    @Test
    void aProgressLineOnlyWhenAskedOrOnATerminal() {
        // Not a terminal here: silent by default; --progress prints a line once a second of
        // search and one when it ends, on standard error only; --quiet silences it.
        String bench = TestSupport.home().resolve("bench/scenarios/ext3-ordered-2.6.20-2pages.mmt").toString();
        Run quiet = run("check", bench);
        assertThat(quiet.err()).isEmpty();
        Run loud = run("check", "--progress", bench);
        assertThat(loud.err()).containsPattern("states, [\\d,]+ states/s, depth \\d+, frontier [\\d,]+, [\\d,]+ MiB, \\d+ s");
        assertThat(loud.out()).contains("HOLDS").doesNotContain("frontier");
        assertThat(run("check", "--progress", "--quiet", seed("mkclean-x86-2.6.19.mmt")).err()).isEmpty();
    }
}

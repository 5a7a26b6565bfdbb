package dev.mmcheck.fuzz;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mmcheck.fuzz.CliHarness.Run;
import dev.mmcheck.fuzz.Report.Broken;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI against bad and odd input (the contract: {@link Contract}). Each test generates its
 * inputs from the seed it prints, runs each in-process under a watchdog ({@link CliHarness}), and
 * fails naming the smallest input that broke the contract, with a command that reproduces it.
 * Run alone: {@code mvn -B -q test -Dtest='dev/mmcheck/fuzz/*'}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FuzzTest {
    @BeforeAll
    static void setUp() throws IOException {
        CliHarness.install();
        if (Files.isDirectory(Report.OUT_DIR)) {
            try (Stream<Path> old = Files.list(Report.OUT_DIR)) {
                for (Path p : old.toList()) Files.delete(p);
            }
        }
    }

    @AfterAll
    static void tearDown() { CliHarness.uninstall(); }

    /** First, while the JVM is cold, as the real CLI always is: the JIT's frames are smaller. */
    @Order(1)
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {4004})
    void deepNesting(long seed, @TempDir Path dir) throws Exception {
        fuzz("deep-nesting", seed, dir, Inputs.deepNesting(seed), 1);
    }

    /** Second, also one input at a time: "20,000 routines" takes 6 s of the 10 s watchdog on a busy machine. */
    @Order(2)
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5005})
    void hugeFiles(long seed, @TempDir Path dir) throws Exception {
        fuzz("huge-files", seed, dir, Inputs.hugeFiles(seed), 1);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1001, 2002, 3003})
    void mutatedCorpusScenarios(long seed, @TempDir Path dir) throws Exception {
        fuzz("mutated-corpus", seed, dir, Inputs.mutatedCorpus(seed, 30), 2);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {6006, 7007})
    void extremeNumbers(long seed, @TempDir Path dir) throws Exception {
        fuzz("extreme-numbers", seed, dir, NumberInputs.cases(seed), 2);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {8008, 9009})
    void nullHandles(long seed, @TempDir Path dir) throws Exception {
        fuzz("null-handles", seed, dir, NullInputs.cases(seed), 2);
    }

    @Test
    void oddFiles(@TempDir Path dir) throws Exception {
        fuzz("odd-files", 0, dir, OddInputs.files(dir), 2);
    }

    @Test
    void oddOptions(@TempDir Path dir) throws Exception {
        fuzz("odd-options", 0, dir, OddInputs.options(dir), 2);
    }

    @Test
    void fifoAsFile(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo.mmt");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor() == 0, "mkfifo");
        try {
            fuzz("fifo", 0, dir, List.of(Case.check("a FIFO nobody writes to", fifo)), 1);
        } finally {
            // a reader left blocked in open() by a hung run: opening read-write (Linux) does not block, and lets it go
            new RandomAccessFile(fifo.toFile(), "rw").close();
        }
    }

    /** Runs the inputs, workers at a time, and fails if any broke the contract. */
    private static void fuzz(String test, long seed, Path dir, List<Case> cases, int workers) throws Exception {
        System.out.println("FuzzTest seed " + seed + " (" + test + ", " + cases.size() + " inputs)");
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Broken>> runs = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Path scratch = dir.resolve("in" + i + ".mmt");
            runs.add(pool.submit(() -> run(c, scratch)));
        }
        pool.shutdown();
        List<Broken> broken = new ArrayList<>();
        for (Future<Broken> r : runs) if (r.get() != null) broken.add(r.get());
        if (!broken.isEmpty()) fail(Report.describe(test + "-" + seed, cases.size(), broken));
    }

    /** One input through the CLI: null if it kept the contract. */
    private static Broken run(Case c, Path scratch) throws IOException {
        List<String> args = c.args();
        Path file = c.file();
        if (c.text() != null) {
            file = Files.write(scratch, c.text());
            args = Case.checkArgs(file);
        }
        long t0 = System.nanoTime();
        Run r = CliHarness.run(args.toArray(String[]::new));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms > 2_000) System.out.printf("FuzzTest slow input: %.1f s, %s%n", ms / 1000.0, Report.cut(c.label()));
        if (c.text() != null) Files.delete(file);
        String why = Contract.broken(r, file, c.expect());
        return why == null ? null : new Broken(c, args, why, r);
    }
}

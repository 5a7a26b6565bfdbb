package dev.mmcheck.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Scenario files: mutations of the corpus, deep nesting, huge files. */
final class Inputs {
    private Inputs() {}

    private static final String HEAD = """
            scenario "generated"
            arch x86
            kernel "2.6.20"
            cpus 2
            file f { pages 1; buffers 1; fs ext3_ordered; }
            mm A { map f shared writable at 0; }
            """;
    private static final String TAIL = "thread w on cpu 1 { writeback(f); }\ncheck data_integrity\n";

    /** A small valid scenario whose first thread runs body. */
    static String withThread(String body) { return HEAD + "thread t on cpu 0 in A {\n" + body + "\n}\n" + TAIL; }

    static List<Path> seeds() throws IOException {
        try (Stream<Path> s = Files.list(Case.SEEDS)) {
            return s.filter(p -> p.toString().endsWith(".mmt")).sorted().toList();
        }
    }

    /** perSeed mutants of each corpus scenario, each with 1 to 3 random edits. */
    static List<Case> mutatedCorpus(long seed, int perSeed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Case> cases = new ArrayList<>();
        for (Path s : seeds()) {
            String text = Files.readString(s);
            for (int i = 0; i < perSeed; i++) {
                Mutator m = new Mutator(rnd.split(), text);
                for (int j = 1 + rnd.nextInt(3); j > 0; j--) m.mutate();
                cases.add(Case.scenario(s.getFileName() + ": " + String.join("; ", m.ops), m.bytes()));
            }
        }
        return cases;
    }

    /** Nesting far past what the parser and the compiler allow. */
    static List<Case> deepNesting(long seed) {
        String leaf = String.valueOf(new SplittableRandom(seed).nextInt(1, 100));
        String set = "SetPageDirty(f[0]);";
        StringBuilder chain = new StringBuilder("fn g0(a) { return a; }\n");
        for (int i = 1; i <= 2_000; i++) chain.append("fn g").append(i).append("(a) { return g").append(i - 1).append("(a); }\n");
        StringBuilder elif = new StringBuilder("x = " + leaf + ";\nif (x == 0) y = 0;\n");
        for (int i = 1; i < 5_000; i++) elif.append("else if (x == ").append(i).append(") y = ").append(i).append(";\n");
        elif.append("else y = -1;\n" + set);
        return List.of(
                Case.scenario("10,000 nested ( )", withThread("x = " + "(".repeat(10_000) + leaf + ")".repeat(10_000) + ";")),
                Case.scenario("10,000 unclosed (", withThread("x = " + "(".repeat(10_000) + leaf + ";")),
                Case.scenario("10,000 nested g(g(...))",
                        "fn g(a) { return a; }\n" + withThread("x = " + "g(".repeat(10_000) + leaf + ")".repeat(10_000) + ";")),
                Case.scenario("10,000 nested calls of an unknown routine", withThread("x = " + "h(".repeat(10_000) + leaf + ")".repeat(10_000) + ";")),
                Case.scenario("a chain of 2,000 routines, each calling the next", chain + withThread("x = g2000(" + leaf + ");")),
                Case.scenario("5,000 nested { }", withThread("{".repeat(5_000) + set + "}".repeat(5_000))),
                Case.scenario("5,000 nested atomic { }", withThread("atomic {".repeat(5_000) + set + "}".repeat(5_000))),
                Case.scenario("2,000 nested choose { } or { }", withThread(("choose { " + set + " ").repeat(2_000) + "} or { x = 1; }".repeat(2_000))),
                Case.scenario("5,000 nested while (1)", withThread("while (1) ".repeat(5_000) + set)),
                Case.scenario("5,000 nested if (1)", withThread("if (1) ".repeat(5_000) + set)),
                Case.scenario("50,000-term 1+1+...", withThread("x = " + (leaf + "+").repeat(49_999) + leaf + ";")),
                Case.scenario("50,000-term a && a && ...", withThread("a = 1;\nx = " + "a && ".repeat(49_999) + "a;\n" + set)),
                Case.scenario("5,000 '!' in a row", withThread("x = " + "!".repeat(5_000) + leaf + ";\n" + set)),
                Case.scenario("5,000 unary '-' in a row", withThread("x = " + "- ".repeat(5_000) + leaf + ";\n" + set)),
                Case.scenario("5,000 '*' derefs in a row", withThread("p = pte_offset_map(A, 0);\nx = " + "*".repeat(5_000) + "p;")),
                Case.scenario("an else-if chain of 5,000", withThread(elif.toString())));
    }

    /** Files of megabytes, and scenarios with thousands of declarations or statements. */
    static List<Case> hugeFiles(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        char[] junk = new char[2 << 20];
        for (int i = 0; i < junk.length; i++) junk[i] = (char) (' ' + rnd.nextInt(95));
        String comment = new String(junk).replace("*/", "*_"), set = withThread("SetPageDirty(f[0]);");
        StringBuilder files = new StringBuilder("scenario \"many files\"\ncpus 2\n");
        for (int i = 0; i < 10_000; i++) files.append("file f").append(i).append(" { pages 16; buffers 8; }\n");
        files.append("mm A { map f0 shared writable at 0; }\nthread t on cpu 0 in A { store f0[0].0 = 1; }\n").append(TAIL);
        StringBuilder threads = new StringBuilder("scenario \"many threads\"\ncpus 8\nfile f { pages 1; buffers 1; }\n");
        for (int i = 0; i < 10_000; i++) threads.append("thread t").append(i).append(" on cpu ").append(i % 8).append(" { SetPageDirty(f[0]); }\n");
        threads.append("check no_deadlock\n");
        StringBuilder routines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) routines.append("fn r").append(i).append("(a) { return a + ").append(i).append("; }\n");
        return List.of(
                Case.scenario("a 2 MB /* */ comment", "/*" + comment + "*/\n" + set),
                Case.scenario("a 2 MB // comment line", "//" + comment + "\n" + set),
                Case.scenario("an unterminated 2 MB comment", "/*" + comment),
                Case.scenario("20 MB of 'a'", "a".repeat(20 << 20)),
                Case.scenario("20 MB of 'a' after a scenario", set + "a".repeat(20 << 20)),
                Case.scenario("a 1 MB scenario title", "scenario \"" + "t".repeat(1 << 20) + "\"\n" + set.substring(set.indexOf('\n') + 1)),
                Case.scenario("a 1 MB number", withThread("x = " + "9".repeat(1 << 20) + ";")),
                Case.scenario("1,000,000 empty lines, then an error", "\n".repeat(1_000_000) + "@"),
                Case.scenario("10,000 files of 16 pages x 8 buffers", files.toString()),
                Case.scenario("10,000 threads", threads.toString()),
                Case.scenario("20,000 routines", routines + withThread("x = r19999(1);\nSetPageDirty(f[0]);")),
                Case.scenario("100,000 x = 1; in one thread", withThread("x = 1;\n".repeat(100_000) + "SetPageDirty(f[0]);").getBytes(UTF_8)));
    }
}

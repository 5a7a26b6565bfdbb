package dev.mmcheck.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mmcheck.fuzz.Contract.Expect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Odd files (not there, not regular, empty, other encodings) and odd command lines. */
final class OddInputs {
    private OddInputs() {}

    static final Path SMALL = Case.SEEDS.resolve("ipi-shootdown-vs-irqs-on-spinner.mmt");
    private static final Path SLOW = Case.SEEDS.resolve("ext3-ordered-2.6.20.mmt");

    static List<Case> files(Path dir) throws IOException {
        String small = Files.readString(SMALL);
        Path sub = Files.createDirectories(dir.resolve("a-directory.mmt")), missing = dir.resolve("missing.mmt");
        Path loop = Files.createSymbolicLink(dir.resolve("loop.mmt"), dir.resolve("loop.mmt"));
        Path odd = Files.writeString(dir.resolve("odd name @|bold x|@ %s :1:2: .mmt"), "scenario \"x\"\ncpus 1\n@");
        List<String> two = new ArrayList<>(Case.checkArgs(missing));
        two.add(SMALL.toString());
        return List.of(
                Case.check("a directory", sub),
                Case.check("/dev/null", Path.of("/dev/null")),
                Case.check("/dev/zero", Path.of("/dev/zero")),
                Case.check("a missing file", missing),
                Case.check("a symlink to itself", loop),
                Case.check("a file name with markup, %s and :1:2:", odd),
                Case.command("a missing file, then a good one", missing, Expect.SCENARIO, two),
                Case.command("corpus of a missing directory", null, Expect.OPTIONS,
                        List.of("corpus", "--no-color", "--lib=" + Case.LIB, dir.resolve("nowhere").toString())),
                Case.command("corpus of a file", null, Expect.OPTIONS, List.of("corpus", "--no-color", "--lib=" + Case.LIB, "/dev/null")),
                Case.scenario("an empty file", new byte[0]),
                Case.scenario("only a BOM", new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}),
                Case.scenario("a BOM, then a scenario", "\ufeff" + small),
                Case.scenario("only whitespace", " \t\r\n\f\u000b\n"),
                Case.scenario("only a comment", "// nothing\n/* nothing */"),
                Case.scenario("UTF-16 text", small.getBytes(UTF_16)),
                Case.scenario("Latin-1 text", ("// caf\u00e9\n" + small).getBytes(ISO_8859_1)),
                Case.scenario("a gzip header", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}),
                Case.scenario("CRLF line ends", small.replace("\n", "\r\n").getBytes(UTF_8)),
                Case.scenario("CR line ends", small.replace("\n", "\r") + "@"),
                Case.scenario("a library file, no scenario", Files.readString(Case.LIB.resolve("linux/mm/rmap.mmt"))),
                Case.scenario("a routine that redefines a library variant", "fn page_mkclean(page) { return 0; }\n" + small));
    }

    /** Each odd option on a fast and a slower scenario; broken libraries; missing FILE or command. */
    static List<Case> options(Path dir) throws IOException {
        Path emptyLib = Files.createDirectories(dir.resolve("empty-lib")), badLib = Files.createDirectories(dir.resolve("bad-lib"));
        Files.writeString(badLib.resolve("x.mmt"), "fn x( { }\n");
        String[] odd = {"--max-memory=0", "--max-memory=-5", "--max-memory=1", "--max-memory=99999999999999", "--max-memory=abc",
            "--max-memory=", "--time-limit=-1", "--time-limit=0", "--time-limit=NaN", "--time-limit=Infinity", "--time-limit=1e309",
            "--time-limit=abc", "--time-limit=0x10", "--lib=/nonexistent", "--lib=/dev/null", "--lib=" + SMALL, "--lib=" + emptyLib,
            "--lib=", "--frobnicate", "--"};
        List<Case> cases = new ArrayList<>();
        for (String o : odd) {
            for (Path f : List.of(SMALL, SLOW)) {
                List<String> args = new ArrayList<>(List.of("check", "--no-color"));
                if (!o.startsWith("--lib")) args.add("--lib=" + Case.LIB);
                args.addAll(List.of(o, f.toString()));
                cases.add(Case.command(o + " " + f.getFileName(), f, Expect.OPTIONS, args));
            }
        }
        String lib = "--lib=" + Case.LIB;
        cases.add(Case.command("--lib=/", SMALL, Expect.OPTIONS,
                List.of("check", "--no-color", "--lib=/", "--time-limit=1", "--max-memory=256", SMALL.toString())));
        cases.add(Case.command("--lib=a dir with a broken .mmt", SMALL, Expect.OPTIONS, List.of("check", "--no-color", "--lib=" + badLib, SMALL.toString())));
        cases.add(Case.command("check without FILE", null, Expect.OPTIONS, List.of("check", "--no-color", lib)));
        cases.add(Case.command("no arguments at all", null, Expect.OPTIONS, List.of()));
        cases.add(Case.command("an unknown command", null, Expect.OPTIONS, List.of("frobnicate")));
        return cases;
    }
}

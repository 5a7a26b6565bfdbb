package dev.mmcheck.fuzz;

import dev.mmcheck.fuzz.CliHarness.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A failed test's message: how many inputs broke the contract, and the smallest, with a reproducer. */
final class Report {
    static final Path OUT_DIR = Case.HOME.resolve("target/fuzz-failures");

    /** An input that broke the contract: how, and what the run printed. */
    record Broken(Case input, List<String> args, String why, Run run) {}

    private Report() {}

    /** The message; the smallest broken input is written to target/fuzz-failures/TEST.mmt when it is a file. */
    static String describe(String test, int total, List<Broken> broken) throws IOException {
        Broken s = broken.stream().min(Comparator.comparingLong(b -> b.input().size())).orElseThrow();
        List<String> args = s.args();
        if (s.input().text() != null) {
            Path f = Files.write(Files.createDirectories(OUT_DIR).resolve(test + ".mmt"), s.input().text());
            args = Case.checkArgs(f);
        }
        String others = broken.stream().filter(b -> !b.why().equals(s.why())).collect(Collectors.toMap(Broken::why, b -> b, (a, b) -> a))
                .values().stream().limit(5).map(b -> "\n  also: " + b.why() + "  (" + cut(b.input().label()) + ")").collect(Collectors.joining());
        return String.format("%s: %d of %d inputs broke the contract. The smallest:%n  input:     %s%n  broke:     %s%n"
                + "  output:    %s%n  reproduce: ./mmcheck %s%s", test, broken.size(), total, cut(s.input().label()), s.why(),
                firstLine(s.run()), String.join(" ", args).replace(Case.HOME + "/", ""), others);
    }

    static String cut(String s) { return s.length() > 160 ? s.substring(0, 160) + "..." : s; }

    private static String firstLine(Run r) {
        if (r.hung()) return "(still running)";
        String text = r.err().isBlank() ? r.out() : r.err();
        return cut(text.lines().filter(l -> !l.isBlank()).findFirst().orElse("(none)"));
    }
}

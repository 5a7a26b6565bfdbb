package dev.mmcheck.cli;

import dev.mmcheck.check.Verdict;
import dev.mmcheck.compile.Library;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "corpus", mixinStandardHelpOptions = true, version = Main.VERSION, description = "Run every scenario under DIR and compare each verdict with its 'expect' lines.")
final class CorpusCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "scenario directory (default: scenarios/ beside mmcheck)")
    Path dir;

    @picocli.CommandLine.Option(names = "--junit-xml", paramLabel = "FILE",
            description = "also write a JUnit XML report: a suite per scenario, a case per checked invariant and one for the verdict")
    Path junitXml;

    @Override
    public Integer call() {
        Path root = dir != null ? dir : Main.home().resolve("scenarios");
        List<Path> files;
        try {
            files = Golden.scenarioFiles(root);
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("mmcheck: cannot read " + root + ": " + dev.mmcheck.lang.SourceFile.why(e));
            return 2;
        }
        Library lib = common.library();
        if (lib == null) return 2;
        Ansi ansi = common.ansi();
        Runner runner = new Runner(lib, common.limits());
        int passed = 0, failed = 0;
        boolean inputError = false;
        JunitXml xml = junitXml != null ? JunitXml.create() : null;
        for (Path f : files) {
            Runner.Outcome o = runner.run(f);
            common.searchDone();
            String name = root.relativize(f).toString();
            if (xml != null) xml.add(name, o);
            if (o.error() != null) {
                failed++;
                inputError = true;
                System.out.println(ansi.string("@|bold,red FAIL|@ ") + name + "  input error");
                System.out.println("     " + o.error().render().replace("\n", "\n     "));
                continue;
            }
            List<String> unmet = o.unmet();
            var r = o.result();
            var v = o.verdict();
            String verdict = switch (v.overall()) {
                case VIOLATION -> "violation " + v.judgements().stream().filter(j -> j.status() == Verdict.Status.VIOLATED)
                        .map(j -> j.invariant().name).toList();
                case HOLDS -> "holds";
                case UNDECIDED -> v.gap() != null ? "undecided (model gap)" : "undecided (" + Verdict.stopText(r.stop()) + ")";
            };
            String stats = String.format("%,d states, %.2f s, %,.0f states/s", r.states(), r.seconds(), r.statesPerSecond());
            if (unmet.isEmpty()) {
                passed++;
                System.out.println(ansi.string("@|bold,green PASS|@ ") + name + "  " + verdict + "  (" + stats + ")");
            } else {
                failed++;
                System.out.println(ansi.string("@|bold,red FAIL|@ ") + name + "  " + verdict + "  (" + stats + ")");
                for (String u : unmet) System.out.println("     " + u);
            }
        }
        System.out.println(passed + " passed, " + failed + " failed");
        if (xml != null) {
            try {
                xml.write(junitXml);
            } catch (IOException | RuntimeException e) {
                System.err.println("mmcheck: cannot write " + junitXml + ": " + dev.mmcheck.lang.SourceFile.why(e));
                return 2;
            }
        }
        return inputError ? 2 : failed > 0 ? 1 : 0;
    }
}

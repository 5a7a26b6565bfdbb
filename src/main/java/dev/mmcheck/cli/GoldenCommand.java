package dev.mmcheck.cli;

import dev.mmcheck.compile.Library;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "golden", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Compare each corpus and bench scenario's results (verdicts, states, transitions) with its pinned NAME.golden file, or rewrite them with --update.")
final class GoldenCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();

    @Option(names = "--update", description = "rewrite the golden files from this run (say why in the commit)")
    boolean update;

    @Override
    public Integer call() throws IOException {
        Library lib = common.library();
        if (lib == null) return 2;
        common.quiet = true;   // timings and golden numbers, not a progress line
        Runner runner = new Runner(lib, common.limits());
        int differ = 0;
        List<Path> files = Golden.scenarios(Main.home());
        for (Path f : files) {
            Runner.Outcome o = runner.run(f);
            if (o.error() != null) {
                System.err.println(o.error().render());
                return 2;
            }
            String now = Golden.render(o.verdict());
            Path g = Golden.fileFor(f);
            String was = Files.exists(g) ? Files.readString(g) : "";
            if (now.equals(was)) continue;
            differ++;
            if (update) Files.writeString(g, now);
            System.out.println((update ? "updated " : "differs ") + Main.home().relativize(g));
        }
        System.out.println(files.size() + " scenarios, " + differ + (update ? " golden files rewritten" : " differ from their golden files"));
        return differ > 0 && !update ? 1 : 0;
    }
}

package dev.mmcheck.cli;

import dev.mmcheck.check.Result;
import dev.mmcheck.compile.Library;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Speed figures: each scenario explored after warm-up runs (so the JIT has compiled the hot
 * path), then timed several times; the median is what a change to the engine is compared on.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = Main.VERSION, description = "Time the exploration of scenarios: median states/s over repeated runs after warm-up.")
final class BenchCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();

    @Option(names = "--runs", description = "timed runs per scenario (default: ${DEFAULT-VALUE})")
    int runs = 5;

    @Option(names = "--warmup", description = "untimed runs first (default: ${DEFAULT-VALUE})")
    int warmup = 2;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "scenario files (.mmt)")
    List<Path> files;

    @Override
    public Integer call() {
        if (runs < 1 || warmup < 0) {
            System.err.println("mmcheck: --runs must be at least 1 and --warmup at least 0");
            return 2;
        }
        Library lib = common.library();
        if (lib == null) return 2;
        common.quiet = true;   // timings and golden numbers, not a progress line
        Runner runner = new Runner(lib, common.limits());
        System.out.printf("%-48s %12s %12s %10s %12s %8s%n", "scenario", "states", "transitions", "median s", "states/s", "B/state");
        for (Path f : files) {
            double[] secs = new double[runs];
            Result last = null;
            for (int i = -warmup; i < runs; i++) {
                Runner.Outcome o = runner.run(f);
                if (o.error() != null) {
                    System.err.println(o.error().render());
                    return 2;
                }
                last = o.result();
                if (i >= 0) secs[i] = last.seconds();
            }
            Arrays.sort(secs);
            double median = secs[runs / 2];
            String name = f.getFileName().toString();
            System.out.printf("%-48s %,12d %,12d %10.3f %,12.0f %8.0f%n", name, last.states(), last.transitions(), median,
                    median > 0 ? last.states() / median : 0, (double) last.bytes() / last.states());
        }
        return 0;
    }
}

package dev.mmcheck.cli;

import dev.mmcheck.check.Violation;
import dev.mmcheck.check.Walk;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import dev.mmcheck.trace.JsonReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Random walks through a scenario: each run starts from a random start and takes a random move
 * until every thread has finished, an invariant breaks, nothing can move, or the step limit.
 * Run r's seed is printed; `--seed THAT --runs 1` walks it again, step for step, and `--json`
 * saves the violation for `mmcheck replay`. A walk sees one interleaving: no run of it is
 * evidence that an invariant holds, so a simulation that finds nothing exits 3, not 0.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Random walks through a scenario: the first violation found, with the seed that finds it again.",
        footer = {"", "Exit status: 1 a walk broke an invariant, 3 none did (a simulation proves nothing),", "2 bad input."})
final class SimulateCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();
    @Mixin PatchOptions patch = new PatchOptions();
    @Mixin TraceFormat format = new TraceFormat();

    @Parameters(paramLabel = "FILE", description = "the scenario (.mmt)")
    Path file;

    @Option(names = "--seed", paramLabel = "S", description = "the first run's seed (default: from the clock; printed)")
    Long seed;

    @Option(names = "--runs", paramLabel = "N", description = "walks to make (default: 100)")
    int runs = 100;

    @Option(names = "--max-steps", paramLabel = "N", description = "steps per walk at most (default: 10000)")
    int maxSteps = 10_000;

    @Option(names = "--json", paramLabel = "FILE", description = "write the violation as JSON (docs/schema/mmcheck-result-1.json), for mmcheck replay")
    Path json;

    @Override
    public Integer call() {
        if (runs < 1 || runs > 100_000_000) throw new picocli.CommandLine.ParameterException(common.spec.commandLine(), "--runs must be from 1 to 100000000, not " + runs);
        if (maxSteps < 1 || maxSteps > 1_000_000) throw new picocli.CommandLine.ParameterException(common.spec.commandLine(), "--max-steps must be from 1 to 1000000, not " + maxSteps);
        Runner.Overrides over = patch.overrides();
        Model m = PatchOptions.compile(common, file, over);
        if (m == null) return 2;
        long s = seed != null ? seed : System.nanoTime();
        System.out.println(file + ": " + m.title());
        System.out.println("  simulating " + runs + (runs == 1 ? " walk" : " walks") + " from seed " + s + ", " + over.describe());
        long steps = 0, finished = 0, stuck = 0, cut = 0, began = System.nanoTime();
        double limit = common.limits().maxSeconds();
        // A walk stops where the search would: at the scenario's depth bound, if it has one.
        int cap = m.depthBound() > 0 ? Math.min(maxSteps, m.depthBound()) : maxSteps;
        Walk gap = null;
        long gapSeed = 0;
        int gapRun = 0, gaps = 0, run = 0;
        for (; run < runs && !Main.CANCEL.get() && (System.nanoTime() - began) / 1e9 < limit; run++) {
            SplittableRandom rnd = new SplittableRandom(s);
            Walk w = new Walk(m, rnd.nextInt(m.starts().size()));
            while (w.broken().isEmpty() && !w.over() && w.trace().size() < cap) {
                List<Walk.Move> moves = w.moves();
                w.take(moves.get(rnd.nextInt(moves.size())));
            }
            steps += w.trace().size();
            if (w.firstViolation() != null) return found(m, w, s, run, over);
            if (w.broken().containsKey(Invariant.MODEL_GAP)) {
                if (gaps++ == 0) { gap = w; gapSeed = s; gapRun = run; }
            } else if (w.stuck()) stuck++;
            else if (w.over()) finished++;
            else cut++;
            s = rnd.nextLong();   // the next run's seed: printed with it if it finds something
        }
        if (run < runs) System.out.println("  stopped after " + run + " of " + runs + " walks (" + (Main.CANCEL.get() ? "interrupted" : "time limit") + ")");
        System.out.printf("no violation in %d walk%s (%,d steps: %d finished, %d stuck, %d model gaps, %d cut at %d steps%s)%n", run,
                run == 1 ? "" : "s", steps, finished, stuck, gaps, cut, cap, cap < maxSteps ? ", the depth bound" : "");
        if (gap != null) {
            Violation v = gap.asViolation(Invariant.MODEL_GAP);
            System.out.println("\nMODEL GAP on walk " + gapRun + " (seed " + gapSeed + ") after " + Report.steps(v.depth())
                    + ": the scenario reaches a path the model does not cover; this is not a finding");
            System.out.println(format.render(m, v));
        }
        System.out.println("  a walk sees one interleaving: this is no evidence that an invariant holds; mmcheck check explores them all");
        return 3;
    }

    private int found(Model m, Walk w, long seed, int run, Runner.Overrides over) {
        Violation v = w.asViolation(w.firstViolation());
        System.out.println();
        System.out.println("VIOLATION " + v.invariant().name + " found by walk " + run + " (seed " + seed + ") after " + Report.steps(v.depth())
                + " (a random walk: not a shortest trace)");
        System.out.print(Report.start(m, v));
        System.out.println(format.render(m, v));
        System.out.println("  walk it again: mmcheck simulate " + file + " --seed " + seed + " --runs 1" + over.flags());
        if (json != null) {
            JsonReport r = new JsonReport();
            r.addWalk(file.toString(), m, v, seed, run, over.kernel(), over.uses());
            try {
                Files.writeString(json, r.text());
            } catch (java.io.IOException | RuntimeException e) {
                System.err.println("mmcheck: cannot write " + json + ": " + dev.mmcheck.lang.SourceFile.why(e));
                return 2;
            }
            System.out.println("  saved: " + json + " (mmcheck replay " + json + " re-runs it against the library as it is now)");
        }
        return 1;
    }
}

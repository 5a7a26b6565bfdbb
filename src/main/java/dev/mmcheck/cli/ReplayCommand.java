package dev.mmcheck.cli;

import dev.mmcheck.check.Violation;
import dev.mmcheck.check.Walk;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import dev.mmcheck.trace.Schedule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Re-runs a saved trace (check --json or simulate --json) against the library as it is now:
 * the same start, the same CPU moving at each step, and says whether the invariant still
 * breaks. The schedule is followed by who moves, not by line numbers, so a trace survives a
 * change to the routines; where the changed code no longer lets the recorded CPU move, the
 * replay says at which step it diverged. A regression test for a fix: exit 1 while the trace
 * still breaks the invariant, 0 once it no longer does along this schedule.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Re-run a saved trace (JSON from check or simulate) against the current library: does it still break the invariant?",
        footer = {"", "Exit status: 1 the trace still breaks its invariant (or breaks another),", "0 it breaks nothing along this schedule (one interleaving: no proof),", "3 it reaches a model gap, 2 bad input."})
final class ReplayCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();
    @Mixin PatchOptions patch = new PatchOptions();
    @Mixin TraceFormat format = new TraceFormat();

    @Parameters(paramLabel = "TRACE.json", description = "the saved trace")
    Path trace;

    @Option(names = "--invariant", paramLabel = "NAME", description = "which trace of the file, when it holds several (default: the first)")
    String invariant;

    @Override
    public Integer call() {
        Schedule sch;
        try {
            sch = Schedule.read(trace, invariant);
        } catch (Schedule.BadTrace e) {
            System.err.println(e.render(trace));
            return 2;
        }
        Runner.Overrides over = patch.kernel != null || patch.uses != null ? patch.overrides() : new Runner.Overrides(sch.kernel(), sch.uses());
        Model m = PatchOptions.compile(common, sch.scenario(), over);
        if (m == null) return 2;
        System.out.println(trace + ": " + sch.steps().size() + " steps breaking " + sch.invariant() + " in " + sch.scenario());
        System.out.println("  replayed against the library as it is now, " + over.describe());
        Schedule.Outcome o;
        try {
            o = sch.replay(m);
        } catch (Schedule.BadTrace e) {
            System.err.println(e.render(trace));
            return 2;
        }
        Walk w = o.walk();
        Invariant target = Invariant.byName(sch.invariant());
        String diverged = o.divergedAt() > 0 ? "the schedule diverges at step " + o.divergedAt() + ": " + o.why() : null;
        if (w.broken().containsKey(target)) {
            Violation v = w.asViolation(target);
            System.out.println("\nSTILL BREAKS " + target.name + " after " + Report.steps(v.depth()) + (diverged != null ? " (" + diverged + ")" : ""));
            System.out.println(format.render(m, v));
            return 1;
        }
        System.out.println();
        System.out.println("NO LONGER BREAKS " + target.name + " along this schedule" + (diverged != null ? ": " + diverged
                : o.why() != null ? ": all " + sch.steps().size() + " steps replay (" + o.why() + ")" : ": all " + sch.steps().size() + " steps replay"));
        Invariant other = w.firstViolation();
        if (other != null) {
            // Not what the trace was about, but a violation all the same: the run is no pass.
            Violation v = w.asViolation(other);
            System.out.println("but it breaks " + other.name + " after " + Report.steps(v.depth()) + ":");
            System.out.println(format.render(m, v));
            return 1;
        }
        if (w.broken().containsKey(Invariant.MODEL_GAP)) {
            Violation v = w.asViolation(Invariant.MODEL_GAP);
            System.out.println("and it reaches a path the model does not cover after " + Report.steps(v.depth()) + " (a model gap, not a finding):");
            System.out.println(format.render(m, v));
            return 3;
        }
        System.out.println("  one interleaving: mmcheck check" + over.flags() + " " + sch.scenario() + " explores them all");
        return 0;
    }
}

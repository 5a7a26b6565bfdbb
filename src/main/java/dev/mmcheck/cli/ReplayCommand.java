package dev.mmcheck.cli;

import dev.mmcheck.check.Walk;
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
        footer = {"", "Exit status: 1 the trace still breaks its invariant, 0 it no longer does along", "this schedule (one interleaving: not a proof that the invariant holds), 2 bad input."})
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
            // "FILE:line:col: why" when the parser says where, else "FILE: why".
            System.err.println(trace + (Character.isDigit(e.getMessage().charAt(0)) ? ":" : ": ") + e.getMessage());
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
            System.err.println(trace + ": " + e.getMessage());
            return 2;
        }
        Walk w = o.walk();
        if (w.broken() != null && w.broken().name.equals(sch.invariant())) {
            System.out.println("\nSTILL BREAKS " + sch.invariant() + " after " + Report.steps(w.trace().size())
                    + (o.divergedAt() > 0 ? " (the schedule diverged at step " + o.divergedAt() + ": " + o.why() + ")" : ""));
            System.out.println(format.render(m, w.asViolation()));
            return 1;
        }
        System.out.println();
        if (w.broken() != null)
            System.out.println("NO LONGER BREAKS " + sch.invariant() + " along this schedule; it breaks " + w.broken().name + " instead, after "
                    + Report.steps(w.trace().size()) + ":\n" + format.render(m, w.asViolation()));
        else if (o.divergedAt() > 0)
            System.out.println("NO LONGER BREAKS " + sch.invariant() + " along this schedule: it diverges at step " + o.divergedAt() + ": " + o.why());
        else
            System.out.println("NO LONGER BREAKS " + sch.invariant() + ": all " + sch.steps().size() + " steps replay and nothing breaks"
                    + (w.over() ? "" : " (the walk is not over: " + o.why() + ")"));
        System.out.println("  one interleaving: mmcheck check " + sch.scenario() + " explores them all");
        return w.broken() != null ? 1 : 0;
    }
}

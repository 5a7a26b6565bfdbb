package dev.mmcheck.cli;

import dev.mmcheck.check.Result;
import dev.mmcheck.check.Violation;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import dev.mmcheck.trace.TableRenderer;
import picocli.CommandLine.Help.Ansi;

/** The text report of one run: verdict per invariant, the trace of each violation, bounds and statistics. */
final class Report {
    private Report() {}

    static String render(Runner.Outcome o, Ansi ansi) {
        Model m = o.model();
        Result r = o.result();
        StringBuilder b = new StringBuilder();
        b.append(ansi.string("@|bold " + esc(o.file().toString()) + "|@")).append(": ").append(m.title()).append('\n');
        b.append("  arch ").append(m.arch().name).append(", ").append(m.layout().nCpus).append(" CPUs, TLB of ")
                .append(m.layout().tlbSize).append(" entries; checks ").append(invariantList(m)).append("\n\n");
        for (Violation v : r.violations()) {
            b.append(ansi.string("@|bold,red VIOLATION|@ ")).append(v.invariant().name).append(" after ").append(v.depth())
                    .append(v.depth() == 1 ? " step" : " steps").append(" (a shortest trace)\n\n");
            b.append(TableRenderer.render(m, v)).append('\n');
        }
        for (Invariant i : Invariant.values()) {
            if (!m.checks(i) || r.violation(i) != null) continue;
            if (r.exhaustive() && !r.judged(i))
                b.append(ansi.string("@|bold,yellow UNKNOWN|@ ")).append(i.name).append(": no run reached the state where it is judged")
                        .append(i == Invariant.DATA_INTEGRITY ? " (every thread and the after block finished)" : " (every thread finished)")
                        .append(": every path deadlocks or stops at a BUG\n");
            else if (r.exhaustive())
                b.append(ansi.string("@|bold,green HOLDS|@ ")).append(i.name).append(" in every reachable state within the bounds\n");
            else
                b.append(ansi.string("@|bold,yellow UNKNOWN|@ ")).append(i.name).append(": no violation among the states explored before the ")
                        .append(stopText(r.stop())).append('\n');
        }
        b.append("  bounds: TLB evictions <= ").append(m.evictionBound()).append(", depth ")
                .append(m.depthBound() > 0 ? "<= " + m.depthBound() : "unbounded").append("; ").append(stopText(r.stop())).append('\n');
        b.append(String.format("  %,d states (%,d final), %,d transitions, depth %d, %.2f s, %,.0f states/s, %s (%.0f bytes/state)%n",
                r.states(), r.finalStates(), r.transitions(), r.depth(), r.seconds(), r.statesPerSecond(), mib(r.bytes()),
                r.states() > 0 ? (double) r.bytes() / r.states() : 0.0));
        return b.toString();
    }

    static String invariantList(Model m) {
        StringBuilder b = new StringBuilder();
        for (Invariant i : Invariant.values()) {
            if (!m.checks(i)) continue;
            if (b.length() > 0) b.append(", ");
            b.append(i.name);
        }
        return b.toString();
    }

    static String stopText(Result.Stop s) {
        return switch (s) {
            case COMPLETE -> "every reachable state explored";
            case ALL_VIOLATED -> "search stopped once every checked invariant had broken";
            case DEPTH_BOUND -> "search cut at the depth bound";
            case MEMORY_LIMIT -> "memory limit";
            case TIME_LIMIT -> "time limit";
        };
    }

    static String mib(long bytes) { return String.format("%.1f MiB", bytes / (1024.0 * 1024.0)); }

    /** Escapes picocli markup in user text. */
    static String esc(String s) { return s.replace("@|", "@ |"); }
}

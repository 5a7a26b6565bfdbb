package dev.mmcheck.cli;

import dev.mmcheck.check.Coverage;
import dev.mmcheck.check.Result;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.check.Verdict.Judgement;
import dev.mmcheck.check.Violation;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Ansi;

/**
 * The text report of one run: the verdict per invariant (with the trace of each violation and
 * of a model gap), which routine bodies ran, warnings about scenario code that never ran, the
 * bounds and the statistics.
 */
final class Report {
    private Report() {}

    static String render(Runner.Outcome o, Ansi ansi, TraceFormat format) {
        Model m = o.model();
        Verdict v = o.verdict();
        Result r = o.result();
        StringBuilder b = new StringBuilder();
        b.append(ansi.string("@|bold " + esc(o.file().toString()) + "|@")).append(": ").append(m.title()).append('\n');
        b.append("  arch ").append(m.arch().name).append(m.kernel() != null ? ", kernel " + m.kernel() : "").append(", ")
                .append(m.layout().nCpus).append(m.layout().nCpus == 1 ? " CPU, TLB of " : " CPUs, TLB of ").append(m.layout().tlbSize).append(" entries; checks ")
                .append(invariantList(m)).append('\n');
        if (m.starts().size() > 1)
            b.append("  ").append(m.starts().size()).append(" starts, every one explored: the journal state of clean ext3 pages is left open\n");
        b.append('\n');
        for (Judgement j : v.judgements()) {
            if (j.status() != Verdict.Status.VIOLATED) continue;
            Violation x = j.violation();
            b.append(ansi.string("@|bold,red VIOLATION|@ ")).append(j.invariant().name).append(" after ").append(steps(x.depth()))
                    .append(" (a shortest trace)\n").append(start(m, x)).append('\n');
            b.append(format.render(m, x)).append('\n');
        }
        for (Judgement j : v.judgements()) {
            if (j.status() == Verdict.Status.HOLDS)
                b.append(ansi.string("@|bold,green HOLDS|@ ")).append(j.invariant().name).append(' ').append(j.detail()).append('\n');
            else if (j.status() == Verdict.Status.UNKNOWN)
                b.append(ansi.string("@|bold,yellow UNKNOWN|@ ")).append(j.invariant().name).append(": ").append(j.detail()).append('\n');
        }
        if (v.gap() != null) {
            b.append(ansi.string("@|bold,yellow MODEL GAP|@ ")).append("after ").append(steps(v.gap().depth()))
                    .append(": the scenario reaches a path the model does not cover; this is not a finding, and no HOLDS is claimed\n")
                    .append(start(m, v.gap())).append('\n');
            b.append(format.render(m, v.gap())).append('\n');
        }
        b.append(routines(m));
        for (String w : Coverage.warnings(m, r.reached())) b.append(ansi.string("  @|yellow warning:|@ ")).append(esc(w)).append('\n');
        b.append("  bounds: ").append(m.boundsText()).append("; ").append(Verdict.stopText(r.stop()));
        if (r.ends().cutStates() > 0) b.append(String.format(", %,d states at the depth bound not explored further", r.ends().cutStates()));
        b.append('\n');
        b.append(String.format("  %,d states (%,d final), %,d transitions, depth %d, %.2f s, %,.0f states/s, %s (%.0f bytes/state)%n",
                r.states(), r.finalStates(), r.transitions(), r.depth(), r.seconds(), r.statesPerSecond(), mib(r.bytes()),
                r.states() > 0 ? (double) r.bytes() / r.states() : 0.0));
        return format.finish(b.toString());
    }

    /**
     * "ran: page_mkclean_one "2.6.19" (kernel 2.6.19), ...; and 17 routines with one body":
     * every body chosen among several, or written in the scenario file, by name.
     */
    static String routines(Model m) {
        List<String> named = new ArrayList<>();
        int plain = 0;
        for (Model.RoutineUse u : m.routines()) {
            if (!u.used()) continue;
            if (u.variant() == null && !u.local()) { plain++; continue; }
            named.add(u.name() + (u.variant() != null ? " \"" + u.variant() + "\"" : "") + " (" + u.how() + ")");
        }
        if (named.isEmpty() && plain == 0) return "";
        StringBuilder b = new StringBuilder("  ran: ");
        b.append(String.join(", ", named));
        if (plain > 0) b.append(named.isEmpty() ? "" : "; ").append(plain).append(plain == 1 ? " routine" : " routines")
                .append(" with one body").append(m.kernel() != null ? " for kernel " + m.kernel() : "");
        return b.append('\n').toString();
    }

    static String steps(int n) { return n + (n == 1 ? " step" : " steps"); }

    /** Which start a trace begins from, when the scenario has several. */
    static String start(Model m, Violation v) {
        if (m.starts().size() < 2) return "";
        return "  from the start where " + esc(m.starts().get(v.start()).description()) + "\n";
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

    static String mib(long bytes) { return String.format("%.1f MiB", bytes / (1024.0 * 1024.0)); }

    /** Escapes picocli markup in user text. */
    static String esc(String s) { return s.replace("@|", "@ |"); }
}

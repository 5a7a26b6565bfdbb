package dev.mmcheck.check;

import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.monitor.Monitors;
import dev.mmcheck.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of a run, as data: per invariant its status, with the bounds it holds within or
 * the real reason it is undecided, and a violation's trace; and the run's overall answer.
 * HOLDS is only ever claimed for a search that covered every state within its bounds, judged
 * the invariant somewhere, and reached no path the model does not cover.
 */
public record Verdict(Overall overall, List<Judgement> judgements, Violation gap, Result result) {
    /** The run's answer and its exit status. */
    public enum Overall {
        HOLDS(0), VIOLATION(1), UNDECIDED(3);

        public final int exitStatus;

        Overall(int exitStatus) { this.exitStatus = exitStatus; }
    }

    public enum Status { HOLDS, VIOLATED, UNKNOWN }

    /** One invariant's status; detail says within which bounds it holds, or why it is unknown. */
    public record Judgement(Invariant invariant, Status status, String detail, Violation violation) {}

    public static Verdict judge(Model m, Result r) {
        List<Judgement> js = new ArrayList<>();
        for (Invariant inv : Invariant.values()) {
            if (inv == Invariant.MODEL_GAP) continue;
            Violation v = r.violation(inv);
            if (v != null) js.add(new Judgement(inv, Status.VIOLATED, v.message(), v));
            else if (m.checks(inv)) js.add(unbroken(m, r, inv));
        }
        Violation gap = r.violation(Invariant.MODEL_GAP);
        boolean violated = js.stream().anyMatch(j -> j.status() == Status.VIOLATED);
        boolean allHold = js.stream().allMatch(j -> j.status() == Status.HOLDS);
        Overall o = violated ? Overall.VIOLATION : allHold && gap == null ? Overall.HOLDS : Overall.UNDECIDED;
        return new Verdict(o, js, gap, r);
    }

    /** An invariant the search found no violation of: holds within the bounds, or unknown and why. */
    private static Judgement unbroken(Model m, Result r, Invariant inv) {
        Result.Ends e = r.ends();
        if (!r.exhaustive())
            return unknown(inv, String.format("no violation among the %,d states explored before the search stopped: %s",
                    r.states(), stopText(r.stop())));
        if (e.gapStates() > 0 || r.violation(Invariant.MODEL_GAP) != null)
            return unknown(inv, "the scenario reaches a path the model does not cover (the model gap below); "
                    + "what lies beyond it was not explored");
        Monitor mon = Monitors.of(inv);
        Monitor.When when = mon == null ? Monitor.When.SEARCH : mon.when();
        boolean atEnd = when == Monitor.When.END || when == Monitor.When.THREADS_FINISHED;
        if (atEnd && (when == Monitor.When.END ? e.finalStates() : e.finishedStates()) == 0)
            return unknown(inv, "no run reached the state where it is judged ("
                    + (when == Monitor.When.END ? "every thread and the after block finished" : "every thread finished")
                    + "): " + whyNoRunEnds(m, e));
        // Judged only where the runs end: a run that hangs never gets there, and a HOLDS would
        // say nothing about it. (With no_deadlock checked, the hang is reported as a violation.)
        if (atEnd && e.deadlockStates() > 0)
            return unknown(inv, String.format("%,d states deadlock, so some runs never reach the state where it is judged; "
                    + "check no_deadlock to see one", e.deadlockStates()));
        if (when == Monitor.When.STEP && mon.neverJudged() != null && (r.judged() & inv.bit()) == 0)
            return unknown(inv, "never judged: no explored step " + mon.neverJudged() + ", so there was nothing to check");
        String where = e.cutStates() > 0
                ? String.format("in every state within depth %d (%,d states at the depth bound were not explored further)",
                        m.depthBound(), e.cutStates())
                : "in every reachable state";
        return new Judgement(inv, Status.HOLDS, where, null);
    }

    private static Judgement unknown(Invariant inv, String why) { return new Judgement(inv, Status.UNKNOWN, why, null); }

    /** Why no explored run reached the end, from how the explored states ended. */
    private static String whyNoRunEnds(Model m, Result.Ends e) {
        List<String> parts = new ArrayList<>();
        if (e.cutStates() > 0) parts.add(String.format("the depth bound %d cut %,d states", m.depthBound(), e.cutStates()));
        if (e.deadlockStates() > 0) parts.add(String.format("%,d states deadlock", e.deadlockStates()));
        if (e.crashedStates() > 0) parts.add(String.format("%,d states stop at a BUG_ON or assert", e.crashedStates()));
        if (parts.isEmpty()) return "every run loops forever";
        return String.join(", ", parts) + (e.cutStates() > 0 ? "" : "; every other run loops forever");
    }

    public static String stopText(Result.Stop s) {
        return switch (s) {
            case COMPLETE -> "every reachable state explored";
            case ALL_VIOLATED -> "search stopped once every checked invariant had broken";
            case MEMORY_LIMIT -> "memory limit";
            case TIME_LIMIT -> "time limit";
            case INTERRUPTED -> "interrupted";
        };
    }

    public Judgement judgement(Invariant inv) {
        for (Judgement j : judgements) if (j.invariant() == inv) return j;
        return null;
    }

    /** Where the verdict contradicts the scenario's expect lines: one message each; empty when all agree. */
    public List<String> unmet(Model m) {
        List<String> out = new ArrayList<>();
        if (m.expectations().isEmpty()) out.add("the scenario states no 'expect' line");
        for (Model.Expectation e : m.expectations()) {
            String want = e.holds() ? "holds" : "violation";
            if (e.invariant() == null) {
                Overall needed = e.holds() ? Overall.HOLDS : Overall.VIOLATION;
                if (overall != needed) out.add("the scenario: expected " + want + ", " + describe());
                continue;
            }
            Judgement j = judgement(e.invariant());
            Status needed = e.holds() ? Status.HOLDS : Status.VIOLATED;
            if (j.status() != needed)
                out.add(e.invariant().name + ": expected " + want + ", "
                        + (j.status() == Status.UNKNOWN ? "but it is unknown: " + j.detail()
                                : "found " + (j.status() == Status.HOLDS ? "holds" : "violation")));
        }
        return out;
    }

    /** The overall answer in words, for a message that contradicts an expectation. */
    private String describe() {
        return switch (overall) {
            case HOLDS -> "found holds";
            case VIOLATION -> "found violation";
            case UNDECIDED -> gap != null ? "but the run reached a path the model does not cover: " + gap.message()
                    : "but the run is undecided: " + judgements.stream().filter(j -> j.status() == Status.UNKNOWN)
                            .map(j -> j.invariant().name + ": " + j.detail()).findFirst().orElse("");
        };
    }
}

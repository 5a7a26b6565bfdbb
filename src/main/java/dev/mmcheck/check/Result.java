package dev.mmcheck.check;

import dev.mmcheck.model.Invariant;
import java.util.List;

/**
 * What a search found, as raw data: the shortest violation of each invariant that broke (and
 * the trace of a model gap, if one was reached), why the search ended, how the explored runs
 * ended, which step invariants some step checked ({@code judged}, bits of {@link Invariant#bit()}),
 * statistics, and which instructions ever ran. {@link Verdict} judges it.
 */
public record Result(List<Violation> violations, Stop stop, long states, long transitions, int depth,
                     double seconds, long bytes, Ends ends, int judged, boolean[][] reached, long[] costs) {
    /**
     * What a reviewer weighs besides correctness, counted over every transition the search
     * generated (so over every interleaving, not per run): shootdowns sent (flush_tlb_others),
     * IPIs taken, local TLB flushes, user accesses that faulted, block I/Os (submit_bh).
     */
    public enum Cost { SHOOTDOWNS, IPIS_TAKEN, LOCAL_FLUSHES, FAULTS, IOS }

    public long cost(Cost c) { return costs[c.ordinal()]; }

    public enum Stop {
        /** Every reachable state within the bounds was explored. */
        COMPLETE,
        /** Every invariant the scenario names already broke; the rest was not needed. */
        ALL_VIOLATED,
        MEMORY_LIMIT,
        TIME_LIMIT,
        /** Asked to stop (Ctrl-C). */
        INTERRUPTED
    }

    /**
     * How the explored states end. final: every thread and the after block done; finished:
     * every thread done, the after block not started; deadlock: no thread can make progress;
     * crashed: a BUG_ON or assert fired; gap: a path the model does not cover; cut: at the
     * depth bound with successors that were not explored.
     */
    public record Ends(long finalStates, long finishedStates, long deadlockStates, long crashedStates, long gapStates,
                       long cutStates) {}

    public Violation violation(Invariant inv) {
        for (Violation v : violations) if (v.invariant() == inv) return v;
        return null;
    }

    /** Did the search look at every state within the bounds it needed? */
    public boolean exhaustive() { return stop == Stop.COMPLETE || stop == Stop.ALL_VIOLATED; }

    public long finalStates() { return ends.finalStates(); }

    public double statesPerSecond() { return seconds > 0 ? states / seconds : 0; }
}

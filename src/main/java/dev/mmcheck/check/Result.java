package dev.mmcheck.check;

import dev.mmcheck.model.Invariant;
import java.util.List;

/**
 * What a run found: per checked invariant, a violation or none; whether the search covered
 * every reachable state within the bounds or stopped at a limit; and its statistics.
 */
public record Result(List<Violation> violations, Stop stop, long states, long transitions, int depth,
                     double seconds, long bytes, long finalStates, long finishedStates) {
    public enum Stop {
        /** Every reachable state within the bounds was explored. */
        COMPLETE,
        /** Every checked invariant already broke; the rest was not needed. */
        ALL_VIOLATED,
        /** The depth bound cut some paths; what is claimed holds up to that depth. */
        DEPTH_BOUND,
        MEMORY_LIMIT,
        TIME_LIMIT
    }

    public Violation violation(Invariant inv) {
        for (Violation v : violations) if (v.invariant() == inv) return v;
        return null;
    }

    /** Did the run look at everything it needed to stand behind "holds"? */
    public boolean exhaustive() { return stop == Stop.COMPLETE || stop == Stop.DEPTH_BOUND || stop == Stop.ALL_VIOLATED; }

    /**
     * Did the invariant get judged at all? data_integrity is judged in final states and
     * dirty_accounting where every thread has finished: a run in which none is reachable
     * (every path deadlocks or crashes) would otherwise "hold" vacuously.
     */
    public boolean judged(Invariant inv) {
        return switch (inv) {
            case DATA_INTEGRITY -> finalStates > 0;
            case DIRTY_ACCOUNTING -> finishedStates > 0;
            default -> true;
        };
    }

    public double statesPerSecond() { return seconds > 0 ? states / seconds : 0; }
}

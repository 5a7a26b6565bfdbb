package dev.mmcheck.check;

import dev.mmcheck.model.Invariant;
import java.util.List;

/**
 * A broken invariant (or a model gap) and the shortest path to it: the start it begins from
 * ({@code Model.starts()}), transition ordinals from there, and the trace they replay into.
 */
public record Violation(Invariant invariant, String message, int start, int[] path, List<TraceStep> trace) {
    public int depth() { return path.length; }

    /** One replayed step: what ran (and read, and which way it branched), what it changed, the states around it. */
    public record TraceStep(Step step, List<Change> changes, int[] before, int[] after) {}
}

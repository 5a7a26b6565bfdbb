package dev.mmcheck.check;

import dev.mmcheck.model.Invariant;
import java.util.List;

/** A broken invariant and the shortest path to it: transition ordinals from the initial state. */
public record Violation(Invariant invariant, String message, int depth, int[] path, List<TraceRow> trace) {
    /** One replayed step: what ran, and the states before and after it. */
    public record TraceRow(Step step, int[] before, int[] after) {}
}

package dev.mmcheck.model;

import dev.mmcheck.lang.Pos;
import java.util.List;

/**
 * A compiled scenario, immutable: topology, state layout, the states the search starts from, each thread's step
 * program, the invariants to check, the bounds, and what the scenario expects.
 */
public record Model(String title, Pos pos, Arch arch, String kernel, World world, Layout layout, List<Start> starts,
                    List<ThreadProgram> threads, int checks, List<Expectation> expectations,
                    int depthBound, int evictionBound, List<RoutineUse> routines, List<Condition> conditions,
                    int speculationBound) {
    /**
     * A forall condition, compiled: code that only reads, run on a final state; its ASSERT
     * instruction holds the condition's value. text is the condition as written.
     */
    public record Condition(String text, dev.mmcheck.lang.Pos pos, ThreadProgram program) {}

    /**
     * A state the search starts from. A scenario has one, unless the kernel state it declares
     * leaves something open that the kernel could have either way (a clean ext3 page's buffers
     * may or may not still be on the journal's running transaction): then one per combination,
     * each described, and every one is explored.
     */
    public record Start(String description, int[] state) {}

    /** {@code expect [invariant] holds|violation}; invariant null means the whole scenario. */
    public record Expectation(Invariant invariant, boolean holds, Pos pos) {}

    /**
     * A routine body of the scenario: one that runs (chosen for the calls to it, and why:
     * "kernel 2.6.19", "use", "scenario file, replacing the library's"), or one the scenario
     * file wrote that does not run. variant is null for a default body.
     */
    public record RoutineUse(String name, String variant, Pos pos, String how, boolean local, boolean used) {}

    public boolean checks(Invariant inv) { return (checks & inv.bit()) != 0; }

    /** Index of the after block's program, or -1. */
    public int afterThread() {
        for (int t = 0; t < threads.size(); t++) if (threads.get(t).isAfter()) return t;
        return -1;
    }

    /**
     * The bounds a verdict holds within, as the report states them: TLB evictions, depth, and
     * with page tables in frames the speculative walks allowed (0 means none: a HOLDS then says
     * nothing about speculating CPUs).
     */
    public String boundsText() {
        return "TLB evictions <= " + evictionBound + ", depth " + (depthBound > 0 ? "<= " + depthBound : "unbounded")
                + (world.nTableFrames > 0 ? ", speculative walks <= " + speculationBound
                        + (speculationBound == 0 ? " (no speculation)" : "") : "");
    }
}

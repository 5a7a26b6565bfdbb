package dev.mmcheck.model;

import dev.mmcheck.lang.Pos;
import java.util.List;

/**
 * A compiled scenario, immutable: topology, state layout, the initial state, each thread's step
 * program, the invariants to check, the bounds, and what the scenario expects.
 */
public record Model(String title, Pos pos, Arch arch, World world, Layout layout, int[] initial,
                    List<ThreadProgram> threads, int checks, List<Expectation> expectations,
                    int depthBound, int evictionBound) {
    /** {@code expect [invariant] holds|violation}; invariant null means the whole scenario. */
    public record Expectation(Invariant invariant, boolean holds, Pos pos) {}

    public boolean checks(Invariant inv) { return (checks & inv.bit()) != 0; }

    /** Index of the after block's program, or -1. */
    public int afterThread() {
        for (int t = 0; t < threads.size(); t++) if (threads.get(t).isAfter()) return t;
        return -1;
    }
}

package dev.mmcheck.machine;

import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.World;

/**
 * What a step runs against: the state vector being built, the thread and CPU taking the step,
 * and where a step reports an invariant it broke. One instance serves a whole exploration.
 */
public final class Ctx {
    public final Model model;
    public final World world;
    public final Layout layout;
    public int[] s;
    public int thread;
    public int cpu;
    /** Invariants broken during this step (bits of {@link Invariant#bit()}). */
    public int violations;
    public final String[] messages = new String[Invariant.values().length];
    /** When a trace is being built: what the step did that its source line does not say. */
    public StringBuilder note;

    public Ctx(Model model) {
        this.model = model;
        this.world = model.world();
        this.layout = model.layout();
    }

    public void begin(int[] s, int thread, int cpu) {
        this.s = s;
        this.thread = thread;
        this.cpu = cpu;
        this.violations = 0;
    }

    /** Reports a broken invariant if the scenario checks it (bug, assert and a model gap always count). */
    public void violate(Invariant inv, String message) {
        if (!inv.always() && !model.checks(inv)) return;
        if ((violations & inv.bit()) == 0) messages[inv.ordinal()] = message;
        violations |= inv.bit();
    }

    public void note(String text) {
        if (note == null) return;
        if (note.length() > 0) note.append("; ");
        note.append(text);
    }

    public String threadName() { return world.threads.get(thread).name(); }
}

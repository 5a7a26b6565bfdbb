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
    /** Set by {@link #bug}: the kernel oopsed in this step, and the thread stops here. */
    public boolean oops;
    /** Invariants judged during this step: a check that could have broken them ran. */
    public int judged;
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
        this.oops = false;
        this.judged = 0;
    }

    /** A kernel BUG inside a primitive (unlock by a non-holder, a segfault...): reported, and the thread stops. */
    public void bug(String message) {
        violate(Invariant.BUG, message);
        oops = true;
    }

    /** Records that this step ran a check of inv (so a HOLDS for it is not vacuous). */
    public void judge(Invariant inv) { judged |= inv.bit(); }

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

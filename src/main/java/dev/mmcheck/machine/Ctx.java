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

    /** The checked invariants' monitors: the events below go to each. */
    public final Monitor[] monitors;
    /** Those of them that judge after every thread step (most runs: none, and stepDone costs a test). */
    public final Monitor[] stepWatchers;

    public Ctx(Model model, java.util.List<Monitor> monitors) {
        this.model = model;
        this.world = model.world();
        this.layout = model.layout();
        this.monitors = monitors.toArray(new Monitor[0]);
        this.stepWatchers = monitors.stream().filter(Monitor::watchesSteps).toArray(Monitor[]::new);
    }

    // ---- events, to every checked invariant's monitor (see Monitor) ----
    public void kernelReadPte(int slot) { for (Monitor m : monitors) m.kernelReadPte(this, slot); }
    public void kernelSetsPte(int slot, int old, int now) { for (Monitor m : monitors) m.kernelSetsPte(this, slot, old, now); }
    public void kernelWrotePte(int slot, int old, int now) { for (Monitor m : monitors) m.kernelWrotePte(this, slot, old, now); }
    public void flushSent(int mm, int vpage) { for (Monitor m : monitors) m.flushSent(this, mm, vpage); }
    public void flushesAcked() { for (Monitor m : monitors) m.flushesAcked(this); }
    public void tableFreed(int frame, String reachedBy) { for (Monitor m : monitors) m.tableFreed(this, frame, reachedBy); }
    public void walkReachesFreedTable(int frame, String how) { for (Monitor m : monitors) m.walkReachesFreedTable(this, frame, how); }
    /** A user access (or a kernel copy) reaches a page frame; why it reaches a freed one, or null. */
    public void frameAccess(String freed) { for (Monitor m : monitors) m.frameAccess(this, freed); }
    /** A thread's step is done: s is the state it leaves. */
    public void stepDone() { for (Monitor m : stepWatchers) m.stepDone(this); }
    /** A block of a page is written to disk (submit_bh WRITE). */
    public void blockWritten(int block) { for (Monitor m : monitors) m.blockWritten(this, block); }
    public void fsyncStarts(int file) { for (Monitor m : monitors) m.fsyncStarts(this, file); }
    public void fsyncReturns(int file) { for (Monitor m : monitors) m.fsyncReturns(this, file); }
    public void userStore() { for (Monitor m : monitors) m.userStore(this); }
    public void storeThroughTlb(int slot) { for (Monitor m : monitors) m.storeThroughTlb(this, slot); }
    public void hardwareSetsDirty(int slot, int pte) { for (Monitor m : monitors) m.hardwareSetsDirty(this, slot, pte); }
    public void memoryWritten(int block, int value) { for (Monitor m : monitors) m.memoryWritten(this, block, value); }
    public void userStoreDone(int mm, int vpage) { for (Monitor m : monitors) m.userStoreDone(this, mm, vpage); }
    public void mprotectDone(int mm, int start, int len) { for (Monitor m : monitors) m.mprotectDone(this, mm, start, len); }

    public void begin(int[] s, int thread, int cpu) {
        this.s = s;
        this.thread = thread;
        this.cpu = cpu;
        this.violations = 0;
        this.oops = false;
        this.killed = false;
        this.judged = 0;
    }

    /** Set by a step that kills its thread (a fatal signal): the thread ends there, as finished. */
    public boolean killed;

    /** The thread dies of a signal: the step ends, and the thread with it. */
    public void kill(String why) {
        note(why);
        killed = true;
    }

    /** A kernel BUG inside a primitive (unlock by a non-holder, a segfault...): reported, and the thread stops. */
    public void bug(String message) {
        violate(Invariant.BUG, message);
        oops = true;
    }

    /** The step reached what the model does not cover: reported as a model gap, and the thread stops. */
    public void modelGap(String message) {
        violate(Invariant.MODEL_GAP, message);
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

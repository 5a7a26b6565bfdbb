package dev.mmcheck.check;

import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One path through a scenario, a step at a time: what simulation, replay and interactive
 * stepping are made of. From a state it lists the moves the search would consider, in the
 * search's order (so the path's ordinals are a {@link Violation#path()} the renderers replay
 * alike), takes one, and judges as the search does ({@link Explorer}): the step's own checks
 * (dirty_bit_lost, stale_tlb_write, pt_use_after_free, BUG, assert, a model gap), then the
 * final-state invariants once every thread (or every thread and the after block) has finished,
 * and no_deadlock where no move makes progress. Like the search, it goes on after a violation
 * unless the step crashed a thread, so every invariant the path breaks is known, each at the
 * step it broke. It never claims HOLDS: a walk is one interleaving.
 */
public final class Walk {
    /** A move possible from the current state: what it is, the state it leads to, what broke. */
    public record Move(int ordinal, int kind, Step step, int[] next, int violations, String[] messages) {
        public boolean isHardware() { return kind < 0; }
    }

    /** An invariant the path broke: why, and after how many steps. */
    public record Broken(String message, int steps) {}

    private final Model m;
    private final Executor exec;
    private final int start;
    private final List<Violation.TraceStep> trace = new ArrayList<>();
    private final List<Integer> path = new ArrayList<>();
    /** Every invariant broken so far, in the order they broke; undo forgets the later ones. */
    private final Map<Invariant, Broken> broken = new LinkedHashMap<>();
    private int[] state;
    private boolean stuck;

    public Walk(Model m, int start) {
        this.m = m;
        this.exec = new Executor(m);
        exec.recording(true);
        this.start = start;
        this.state = exec.initial(start);
        judgeState();
    }

    public int[] state() { return state; }

    public int start() { return start; }

    public List<Violation.TraceStep> trace() { return trace; }

    /** The invariants broken so far (the model-gap record included), first broken first. */
    public Map<Invariant, Broken> broken() { return broken; }

    /** The first invariant broken that is a finding (not a model gap), or null. */
    public Invariant firstViolation() {
        for (Invariant inv : broken.keySet()) if (inv != Invariant.MODEL_GAP) return inv;
        return null;
    }

    /** Every thread and the after block finished, a thread crashed, or nothing can make progress: the walk is over. */
    public boolean over() {
        return exec.terminal(state) || exec.crashed(state) || stuck;
    }

    /** No move makes progress (only evictions, speculation, or steps that change nothing), yet not everything finished. */
    public boolean stuck() { return stuck; }

    /** The moves from here, in the search's order; empty when the walk is over. */
    public List<Move> moves() {
        List<Move> out = new ArrayList<>();
        if (exec.terminal(state) || exec.crashed(state)) return out;
        int[] k = {0};
        exec.successors(state, (n, violations, move, st) -> {
            String[] msgs = violations == 0 ? null : exec.ctx().messages.clone();
            out.add(new Move(k[0]++, move, st, n.clone(), violations, msgs));
        });
        return out;
    }

    /** Takes a move from {@link #moves()} and judges where it leads. */
    public void take(Move mv) {
        trace.add(new Violation.TraceStep(mv.step(), StateDiff.changes(m, state, mv.next()), state, mv.next()));
        path.add(mv.ordinal());
        state = mv.next();
        if (mv.violations() != 0)
            for (Invariant inv : Invariant.values())
                if ((mv.violations() & inv.bit()) != 0) broken.putIfAbsent(inv, new Broken(mv.messages()[inv.ordinal()], trace.size()));
        judgeState();
    }

    /** Goes back one step. */
    public void undo() {
        if (trace.isEmpty()) return;
        Violation.TraceStep last = trace.remove(trace.size() - 1);
        path.remove(path.size() - 1);
        state = last.before();
        broken.values().removeIf(b -> b.steps() > trace.size());
        judgeState();
    }

    /** The path up to the step where inv broke, as the renderers take it. */
    public Violation asViolation(Invariant inv) {
        Broken b = broken.get(inv);
        if (b == null) throw new IllegalArgumentException(inv.name + " did not break on this path");
        int[] p = new int[b.steps()];
        for (int i = 0; i < p.length; i++) p[i] = path.get(i);
        return new Violation(inv, b.message(), start, p, List.copyOf(trace.subList(0, b.steps())));
    }

    /**
     * As the search: in a state where every thread (and the after block) has finished, the
     * final-state invariants; in a state where nothing can make progress, no_deadlock.
     */
    private void judgeState() {
        stuck = false;
        if (exec.crashed(state)) return;
        boolean terminal = exec.terminal(state);
        exec.judgeFinal(state, terminal, exec.threadsFinished(state), broken::containsKey, (inv, why) -> broken.put(inv, new Broken(why, trace.size())));
        if (terminal) return;
        for (Move mv : moves())
            if (Executor.progress(mv.kind(), !java.util.Arrays.equals(mv.next(), state))) return;
        stuck = true;
        if (m.checks(Invariant.NO_DEADLOCK))
            broken.putIfAbsent(Invariant.NO_DEADLOCK, new Broken(Explorer.deadlockMessage(m, state), trace.size()));
    }
}

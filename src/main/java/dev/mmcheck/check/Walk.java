package dev.mmcheck.check;

import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * One path through a scenario, a step at a time: what simulation, replay and interactive
 * stepping are made of. From a state it lists the moves the search would consider, in the
 * search's order (so the path's ordinals are a {@link Violation#path()} the table and JSON
 * renderers replay alike), takes one, and judges the new state as the search does: a step's
 * own checks (dirty_bit_lost, stale_tlb_write, BUG, assert, model gap), the final-state
 * invariants once every thread (or every thread and the after block) has finished, and
 * no_deadlock where no move makes progress. It never claims HOLDS: a walk is one interleaving.
 */
public final class Walk {
    /** A move possible from the current state: what it is, the state it leads to, what broke. */
    public record Move(int ordinal, int kind, Step step, int[] next, int violations, String[] messages) {
        public boolean isHardware() { return kind < 0; }
    }

    private final Model m;
    private final Executor exec;
    private final int start;
    private final List<Violation.TraceStep> trace = new ArrayList<>();
    private final List<Integer> path = new ArrayList<>();
    private final List<Monitor> stateMonitors = new ArrayList<>();
    private int[] state;
    private Invariant broken;
    private String message;

    public Walk(Model m, int start) {
        this.m = m;
        this.exec = new Executor(m);
        exec.recording(true);
        this.start = start;
        this.state = exec.initial(start);
        for (Monitor mon : exec.ctx().monitors)
            if (mon.when() == Monitor.When.END || mon.when() == Monitor.When.THREADS_FINISHED) stateMonitors.add(mon);
        judgeState();
    }

    public Model model() { return m; }

    public int[] state() { return state; }

    public int start() { return start; }

    public List<Violation.TraceStep> trace() { return trace; }

    /** The invariant this path broke (the first one, at the step it broke), or null. */
    public Invariant broken() { return broken; }

    /** Every thread and the after block finished, or a thread crashed, or an invariant broke: the walk is over. */
    public boolean over() {
        return broken != null || exec.terminal(state) || exec.crashed(state);
    }

    /** The moves from here, in the search's order; empty when the walk is over. */
    public List<Move> moves() {
        List<Move> out = new ArrayList<>();
        if (over()) return out;
        int[] k = {0};
        exec.successors(state, (n, violations, move, st) -> {
            String[] msgs = violations == 0 ? null : exec.ctx().messages.clone();
            out.add(new Move(k[0]++, move, st, n.clone(), violations, msgs));
        });
        return out;
    }

    /**
     * No move makes progress (only TLB evictions, or steps that change nothing) yet not
     * everything finished: what the search reports as a deadlock.
     */
    public boolean stuck(List<Move> moves) {
        if (over()) return false;
        for (Move mv : moves)
            if (mv.kind() == Executor.MOVE_IPI || mv.kind() >= 0 && !java.util.Arrays.equals(mv.next(), state)) return false;
        return true;
    }

    /** Takes a move from {@link #moves()} and judges where it leads. */
    public void take(Move mv) {
        trace.add(new Violation.TraceStep(mv.step(), StateDiff.changes(m, state, mv.next()), state, mv.next()));
        path.add(mv.ordinal());
        state = mv.next();
        if (mv.violations() != 0) {
            for (Invariant inv : Invariant.values())
                if ((mv.violations() & inv.bit()) != 0) { broken = inv; message = mv.messages()[inv.ordinal()]; return; }
        }
        judgeState();
    }

    /** Records a deadlock when the scenario checks no_deadlock (the caller saw {@link #stuck}). */
    public void deadlocked(String why) {
        if (m.checks(Invariant.NO_DEADLOCK) && broken == null) { broken = Invariant.NO_DEADLOCK; message = why; }
    }

    /** Goes back one step. */
    public void undo() {
        if (trace.isEmpty()) return;
        Violation.TraceStep last = trace.remove(trace.size() - 1);
        path.remove(path.size() - 1);
        state = last.before();
        broken = null;
        message = null;
        judgeState();
    }

    /** The path so far as a violation (when one broke) or as a plain trace: what the renderers take. */
    public Violation asViolation() {
        int[] p = new int[path.size()];
        for (int i = 0; i < p.length; i++) p[i] = path.get(i);
        return new Violation(broken != null ? broken : Invariant.ASSERT, broken != null ? message : "(no invariant broken)", start, p, List.copyOf(trace));
    }

    private void judgeState() {
        boolean terminal = exec.terminal(state), finished = exec.threadsFinished(state);
        if (!terminal && !finished) return;
        for (Monitor mon : stateMonitors) {
            if (mon.when() == Monitor.When.END ? !terminal : !finished) continue;
            String why = mon.check(m, state);
            if (why != null) { broken = mon.invariant; message = why; return; }
        }
    }
}

package dev.mmcheck.check;

import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Breadth-first search over the state space. Only the frontier keeps whole states; every
 * state keeps its parent and the ordinal of the transition that reached it, so the first
 * violation of each invariant is found at the least depth and replayed into a trace.
 */
public final class Explorer implements Executor.Sink {
    public record Limits(long maxBytes, double maxSeconds) {
        public static Limits defaults() {
            return new Limits((long) (Runtime.getRuntime().maxMemory() * 0.7), Double.POSITIVE_INFINITY);
        }
    }

    private final Model m;
    private final Executor exec;
    private final Limits limits;
    private final int width;
    private final FingerprintSet visited = new FingerprintSet(1 << 16);
    private final IntArrayList parents = new IntArrayList();
    private final IntArrayList labels = new IntArrayList();
    private final Map<Invariant, int[]> found = new EnumMap<>(Invariant.class);   // -> path of transition ordinals
    private final Map<Invariant, String> messages = new EnumMap<>(Invariant.class);
    private IntArrayList cur, next, nextIds;
    private int curId, curDepth, ordinal;
    private boolean atBound;
    private long transitions;
    private int maxDepth;
    private long finalStates, finishedStates;

    private Explorer(Model m, Limits limits) {
        this.m = m;
        this.exec = new Executor(m);
        this.limits = limits;
        this.width = m.layout().size;
    }

    public static Result explore(Model m, Limits limits) { return new Explorer(m, limits).run(); }

    private Result run() {
        long start = System.nanoTime();
        int[] init = exec.initial();
        visited.add(FingerprintSet.fingerprint(init));
        parents.add(-1);
        labels.add(-1);
        checkState(init, 0);
        cur = new IntArrayList(init);
        Result.Stop stop;
        try {
            stop = search(start);
        } catch (OutOfMemoryError e) {
            // The estimate in bytes() missed something: drop the frontier, report what was explored.
            cur = new IntArrayList();
            next = null;
            nextIds = null;
            stop = Result.Stop.MEMORY_LIMIT;
        }
        if ((stop == Result.Stop.COMPLETE || stop == Result.Stop.DEPTH_BOUND) && allFound()) stop = Result.Stop.ALL_VIOLATED;
        double secs = (System.nanoTime() - start) / 1e9;
        long bytes = bytes();
        List<Violation> vs = new ArrayList<>();
        for (Map.Entry<Invariant, int[]> e : found.entrySet())
            vs.add(Traces.replay(m, e.getKey(), messages.get(e.getKey()), e.getValue()));
        return new Result(vs, stop, visited.size(), transitions, maxDepth, secs, bytes, finalStates, finishedStates);
    }

    /** Level by level, from the initial state; returns why it stopped. */
    private Result.Stop search(long start) {
        IntArrayList curIds = IntArrayList.of(0);
        Result.Stop stop = Result.Stop.COMPLETE;
        int[] s = new int[width];
        for (int depth = 0; !cur.isEmpty(); depth++) {
            if (allFound()) return Result.Stop.ALL_VIOLATED;
            // At the depth bound, states are still expanded (a state with no successor is a
            // deadlock within the bound) but what they lead to is beyond it and not kept.
            atBound = m.depthBound() > 0 && depth >= m.depthBound();
            next = new IntArrayList();
            nextIds = new IntArrayList();
            for (int i = 0, n = curIds.size(); i < n; i++) {
                cur.getElements(i * width, s, 0, width);
                curId = curIds.getInt(i);
                curDepth = depth;
                ordinal = 0;
                exec.successors(s, this);
                if (ordinal == 0 && !exec.terminal(s) && !exec.crashed(s) && m.checks(Invariant.NO_DEADLOCK))
                    record(Invariant.NO_DEADLOCK, path(curId), deadlockMessage(s));
                if (atBound && ordinal > 0) stop = Result.Stop.DEPTH_BOUND;
                if ((i & 1023) == 0) {
                    if ((System.nanoTime() - start) / 1e9 > limits.maxSeconds()) return Result.Stop.TIME_LIMIT;
                    if (bytes() > limits.maxBytes()) return Result.Stop.MEMORY_LIMIT;
                }
            }
            cur = next;
            curIds = nextIds;
        }
        return stop;
    }

    @Override
    public void accept(int[] n, int violations, Step step) {
        int ord = ordinal++;
        if (atBound) return;
        transitions++;
        // A step that breaks an invariant counts even when it leads to a state seen before
        // (the same state reached by an innocent order): the path is the parent's plus this step.
        if (violations != 0) {
            for (Invariant inv : Invariant.values())
                if ((violations & inv.bit()) != 0 && !found.containsKey(inv))
                    record(inv, append(path(curId), ord), exec.ctx().messages[inv.ordinal()]);
        }
        if (!visited.add(FingerprintSet.fingerprint(n))) return;
        int id = parents.size();
        maxDepth = Math.max(maxDepth, curDepth + 1);
        parents.add(curId);
        labels.add(ord);
        checkState(n, id);
        if (exec.crashed(n)) return;
        next.addElements(next.size(), n);
        nextIds.add(id);
    }

    private void checkState(int[] s, int id) {
        boolean terminal = exec.terminal(s), finished = exec.threadsFinished(s);
        if (terminal) finalStates++;
        if (finished) finishedStates++;
        if (terminal && m.checks(Invariant.DATA_INTEGRITY) && !found.containsKey(Invariant.DATA_INTEGRITY)) {
            String why = StateInvariants.dataIntegrity(m, s);
            if (why != null) record(Invariant.DATA_INTEGRITY, path(id), why);
        }
        if (finished && m.checks(Invariant.DIRTY_ACCOUNTING) && !found.containsKey(Invariant.DIRTY_ACCOUNTING)) {
            String why = StateInvariants.dirtyAccounting(m, s);
            if (why != null) record(Invariant.DIRTY_ACCOUNTING, path(id), why);
        }
    }

    private void record(Invariant inv, int[] path, String why) {
        if (found.containsKey(inv)) return;
        found.put(inv, path);
        messages.put(inv, why);
    }

    private static int[] append(int[] path, int label) {
        int[] p = java.util.Arrays.copyOf(path, path.length + 1);
        p[path.length] = label;
        return p;
    }

    private boolean allFound() {
        for (Invariant inv : Invariant.values())
            if (inv != Invariant.BUG && inv != Invariant.ASSERT && m.checks(inv) && !found.containsKey(inv)) return false;
        return true;
    }

    private String deadlockMessage(int[] s) {
        StringBuilder b = new StringBuilder("no thread and no CPU can move, yet not every thread has finished:");
        for (int t = 0; t < m.threads().size(); t++) {
            int pc = s[m.layout().pc(t)];
            if (pc < 0) continue;
            var in = m.threads().get(t).code()[pc];
            String file = in.pos.file().name();
            b.append(' ').append(m.threads().get(t).name()).append(" waits at ").append(in.stmt.statementText()).append(" (")
                    .append(in.routine).append(", ").append(file.substring(file.lastIndexOf('/') + 1)).append(':')
                    .append(in.pos.line()).append(");");
        }
        return b.toString();
    }

    private int[] path(int id) {
        IntArrayList p = new IntArrayList();
        while (id > 0) { p.add(labels.getInt(id)); id = parents.getInt(id); }
        int[] out = new int[p.size()];
        for (int i = 0; i < out.length; i++) out[i] = p.getInt(out.length - 1 - i);
        return out;
    }

    private long bytes() {
        long frontier = 4L * (cur.size() + (next == null ? 0 : next.size()) + (nextIds == null ? 0 : nextIds.size()));
        return visited.bytes() + visited.bytesAfterGrow() + 8L * parents.size() + frontier;
    }
}

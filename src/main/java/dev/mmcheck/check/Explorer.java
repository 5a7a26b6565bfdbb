package dev.mmcheck.check;

import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Breadth-first search over the state space. Only the frontier keeps whole states; every
 * state keeps its parent and the ordinal of the transition that reached it, so the first
 * violation of each invariant is found at the least depth and replayed into a trace.
 */
public final class Explorer implements Executor.Sink {
    /** When to stop before the space is done: memory, time, or a request (Ctrl-C). */
    /** progress: told about the search about once a second while it runs; null for silence. */
    public record Limits(long maxBytes, double maxSeconds, AtomicBoolean cancel, java.util.function.Consumer<Progress> progress) {
        public Limits(long maxBytes, double maxSeconds, AtomicBoolean cancel) { this(maxBytes, maxSeconds, cancel, null); }

        public static Limits defaults() {
            return new Limits((long) (Runtime.getRuntime().maxMemory() * 0.7), Double.POSITIVE_INFINITY, new AtomicBoolean());
        }
    }

    /** Where a running search is: distinct states so far, depth (the level being expanded), the frontier, memory, time. */
    public record Progress(long states, int depth, long frontier, long bytes, double seconds) {}

    private final Model m;
    private final Executor exec;
    private final Limits limits;
    private final int width;
    private final FingerprintSet visited = new FingerprintSet(1 << 16);
    private final IntArrayList parents = new IntArrayList();
    private final IntArrayList labels = new IntArrayList();
    private final Map<Invariant, int[]> found = new EnumMap<>(Invariant.class);   // -> path of transition ordinals
    private final Map<Invariant, String> messages = new EnumMap<>(Invariant.class);
    private long lastProgress = System.nanoTime();
    private final int wanted;   // the invariants whose violation ends the search early: every one checked
    /** The frontiers: states back to back, their ids, their fingerprints. */
    private IntArrayList cur = new IntArrayList(), next = new IntArrayList(), curIds = new IntArrayList(), nextIds = new IntArrayList();
    private LongArrayList curFps = new LongArrayList(), nextFps = new LongArrayList();
    /** The state being expanded, its fingerprint, id and depth; the transitions it has so far. */
    private final int[] s;
    private long sFp;
    private int curId, curDepth, ordinal, progress;
    private boolean atBound;
    private long transitions;
    /** The invariants some explored step checked (dirty_bit_lost at a set_pte_at, stale_tlb_write at a store). */
    private int judged;
    private int maxDepth;
    private long finalStates, finishedStates, deadlockStates, crashedStates, gapStates, cutStates;

    private Explorer(Model m, Limits limits) {
        this.m = m;
        this.exec = new Executor(m);
        this.limits = limits;
        this.width = m.layout().size;
        this.s = new int[width];
        this.wanted = m.checks();
    }

    public static Result explore(Model m, Limits limits) { return new Explorer(m, limits).run(); }

    private Result run() {
        long start = System.nanoTime();
        // Every start is a root (its label is its index); two equal starts are one.
        for (int k = 0; k < m.starts().size(); k++) {
            int[] init = exec.initial(k);
            long initFp = FingerprintSet.fingerprint(init);
            if (!visited.add(initFp)) continue;
            int id = parents.size();
            parents.add(-1);
            labels.add(k);
            checkState(init, id);
            cur.addElements(cur.size(), init);
            curIds.add(id);
            curFps.add(initFp);
        }
        Result.Stop stop;
        try {
            stop = search(start);
            if (limits.progress() != null)   // the last word: where the search ended
                limits.progress().accept(new Progress(visited.size(), maxDepth, 0, bytes(), (System.nanoTime() - start) / 1e9));
        } catch (OutOfMemoryError e) {
            // The estimate in bytes() missed something: drop the frontier, report what was explored.
            cur = next = curIds = nextIds = null;
            curFps = nextFps = null;
            stop = Result.Stop.MEMORY_LIMIT;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long bytes = bytes();
        List<Violation> vs = new ArrayList<>();
        for (Map.Entry<Invariant, int[]> e : found.entrySet()) {
            int[] p = e.getValue();   // [start, ordinals...]
            vs.add(Traces.replay(m, e.getKey(), messages.get(e.getKey()), p[0], Arrays.copyOfRange(p, 1, p.length)));
        }
        return new Result(vs, stop, visited.size(), transitions, maxDepth, secs, bytes,
                new Result.Ends(finalStates, finishedStates, deadlockStates, crashedStates, gapStates, cutStates),
                judged, exec.reached(), exec.costs());
    }

    /** Level by level, from the initial state; returns why it stopped. */
    private Result.Stop search(long start) {
        for (int depth = 0; !curIds.isEmpty(); depth++) {
            if (allFound()) return Result.Stop.ALL_VIOLATED;
            // At the depth bound, states are still expanded (a state with no successor is a
            // deadlock within the bound) but what they lead to is beyond it and not kept.
            atBound = m.depthBound() > 0 && depth >= m.depthBound();
            next.clear();
            nextIds.clear();
            nextFps.clear();
            for (int i = 0, n = curIds.size(); i < n; i++) {
                cur.getElements(i * width, s, 0, width);
                sFp = curFps.getLong(i);
                curId = curIds.getInt(i);
                curDepth = depth;
                ordinal = 0;
                progress = 0;
                exec.coverage(!atBound);   // steps beyond the depth bound are not explored paths
                exec.successors(s, this);
                // Deadlock: no thread can move, and no IPI is left to take that could let one
                // move. TLB evictions are no progress, nor is a thread step that changes nothing
                // (a loop spinning on shared state nobody will change).
                if (progress == 0 && !exec.terminal(s)) {
                    deadlockStates++;
                    if (m.checks(Invariant.NO_DEADLOCK)) record(Invariant.NO_DEADLOCK, path(curId), deadlockMessage(m, s));
                }
                if (atBound && ordinal > 0) cutStates++;
                if ((i & 1023) == 0) {
                    if (limits.cancel().get()) return Result.Stop.INTERRUPTED;
                    if (limits.progress() != null && System.nanoTime() - lastProgress > 1_000_000_000L) {
                        lastProgress = System.nanoTime();
                        limits.progress().accept(new Progress(visited.size(), depth, curIds.size() - i + nextIds.size(), bytes(),
                                (lastProgress - start) / 1e9));
                    }
                    if ((System.nanoTime() - start) / 1e9 > limits.maxSeconds()) return Result.Stop.TIME_LIMIT;
                    if (bytes() > limits.maxBytes()) return Result.Stop.MEMORY_LIMIT;
                }
            }
            IntArrayList t = cur; cur = next; next = t;
            t = curIds; curIds = nextIds; nextIds = t;
            LongArrayList f = curFps; curFps = nextFps; nextFps = f;
        }
        return allFound() ? Result.Stop.ALL_VIOLATED : Result.Stop.COMPLETE;
    }

    @Override
    public void accept(int[] n, int violations, int move, Step step) {
        int ord = ordinal++;
        long fp = FingerprintSet.update(sFp, s, n);
        if (Executor.progress(move, fp != sFp || !Arrays.equals(n, s))) progress++;
        if (atBound) return;
        transitions++;
        judged |= exec.ctx().judged;
        // A step that breaks an invariant counts even when it leads to a state seen before
        // (the same state reached by an innocent order): the path is the parent's plus this step.
        if (violations != 0) {
            for (Invariant inv : Invariant.values())
                if ((violations & inv.bit()) != 0 && !found.containsKey(inv))
                    record(inv, append(path(curId), ord), exec.ctx().messages[inv.ordinal()]);
        }
        if (!visited.add(fp)) return;
        int id = parents.size();
        maxDepth = Math.max(maxDepth, curDepth + 1);
        parents.add(curId);
        labels.add(ord);
        if (exec.crashed(n)) {
            // Not expanded: a BUG, an assert or a model gap ended a thread here.
            if ((violations & Invariant.MODEL_GAP.bit()) != 0) gapStates++;
            else crashedStates++;
            return;
        }
        checkState(n, id);
        next.addElements(next.size(), n);
        nextIds.add(id);
        nextFps.add(fp);
    }

    private void checkState(int[] st, int id) {
        boolean terminal = exec.terminal(st), finished = exec.threadsFinished(st);
        if (terminal) finalStates++;
        if (finished) finishedStates++;
        if (terminal || finished) exec.judgeFinal(st, terminal, finished, found::containsKey, (inv, why) -> record(inv, path(id), why));
    }

    private void record(Invariant inv, int[] path, String why) {
        if (found.containsKey(inv)) return;
        found.put(inv, path);
        messages.put(inv, why);
    }

    private static int[] append(int[] path, int label) {
        int[] p = Arrays.copyOf(path, path.length + 1);
        p[path.length] = label;
        return p;
    }

    /** Every invariant the scenario names has broken (bug and assert too, when named). */
    private boolean allFound() {
        for (Invariant inv : Invariant.values())
            if ((wanted & inv.bit()) != 0 && !found.containsKey(inv)) return false;
        return true;
    }

    /** Why a state is a deadlock: who waits or spins where. Walk says it the same way. */
    static String deadlockMessage(Model m, int[] st) {
        StringBuilder b = new StringBuilder("no thread can make progress and no IPI is left to take, yet not every thread has finished:");
        int after = m.afterThread();
        boolean othersRunning = false;
        for (int t = 0; t < m.threads().size(); t++) if (t != after && m.world().threads.get(t).lazyMm() < 0 && st[m.layout().pc(t)] >= 0) othersRunning = true;
        for (int t = 0; t < m.threads().size(); t++) {
            int pc = st[m.layout().pc(t)];
            if (pc < 0 || (t == after && othersRunning)) continue;   // the after block waits its turn
            var in = m.threads().get(t).code()[pc];
            String file = in.pos.file().name();
            b.append(' ').append(m.threads().get(t).name()).append(in.blocking() ? " waits at " : " spins at ")
                    .append(in.stmt.statementText()).append(" (").append(in.routine).append(", ")
                    .append(file.substring(file.lastIndexOf('/') + 1)).append(':').append(in.pos.line()).append(");");
        }
        return b.toString();
    }

    /** The path to a state: its start's index, then the transition ordinals from there. */
    private int[] path(int id) {
        IntArrayList p = new IntArrayList();
        while (parents.getInt(id) >= 0) { p.add(labels.getInt(id)); id = parents.getInt(id); }
        p.add(labels.getInt(id));   // the root: its start
        int[] out = new int[p.size()];
        for (int i = 0; i < out.length; i++) out[i] = p.getInt(out.length - 1 - i);
        return out;
    }

    private long bytes() {
        long frontier = cur == null ? 0 : 4L * ((long) cur.elements().length + next.elements().length
                + curIds.elements().length + nextIds.elements().length) + 8L * (curFps.elements().length + nextFps.elements().length);
        return visited.bytes() + visited.bytesAfterGrow() + 8L * parents.size() + frontier;
    }
}

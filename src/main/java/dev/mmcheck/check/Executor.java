package dev.mmcheck.check;

import dev.mmcheck.kernel.Primitives;
import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Ipi;
import dev.mmcheck.machine.Mmu;
import dev.mmcheck.machine.Tlb;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.ThreadProgram;
import dev.mmcheck.model.World;

/**
 * Generates the successors of a state: each thread's next step (its visible instruction, or
 * atomic block, with the local computation after it folded in), each CPU taking a pending IPI,
 * each TLB eviction within the bound. Successors come in a fixed order, so a successor's
 * ordinal identifies the transition and a trace can be replayed from labels alone.
 * Every successor is built in one scratch buffer: a sink that keeps it must copy it.
 */
public final class Executor {
    /**
     * Receives successors. {@code move} is the thread that stepped (>= 0), {@link #MOVE_IPI} or
     * {@link #MOVE_EVICTION}; {@code step} is non-null only when recording a trace. {@code next}
     * is only valid during the call.
     */
    public interface Sink {
        void accept(int[] next, int violations, int move, Step step);
    }

    /** A CPU took a pending IPI: the hardware finishing work a waiting sender depends on. */
    public static final int MOVE_IPI = -1;
    /** A TLB entry was evicted: a hardware move no thread waits for. */
    public static final int MOVE_EVICTION = -2;
    /** A CPU's speculative page-table walk (World.nTableFrames > 0 only). */
    public static final int MOVE_SPECULATE = -3;

    /** pc of a thread stopped by a BUG, an assert, or a path the model does not cover. */
    public static final int CRASHED = -2;

    /** CPUs whose kernel thread borrowed an mm: they take flush IPIs in library code, not as a hardware move. */
    private final boolean[] lazyCpu, lazyThread;
    private static final int LOCAL_STEP_LIMIT = 1_000_000;

    private final Model m;
    private final Layout l;
    private final ThreadProgram[] threads;
    private final int after;
    private final Ctx ctx;
    private final int[][] argBuf = new int[8][];
    private final int[] scratch;
    /** Per thread, per pc: was the instruction ever executed? (the unreached-code report) */
    private final boolean[][] reached;
    private boolean recording;
    private boolean coverage = true;
    /** While recording: what the step read, and which way its statement's test went. */
    private final java.util.List<Step.Read> reads = new java.util.ArrayList<>();
    private Boolean branch;

    public Executor(Model model) {
        this.m = model;
        this.l = model.layout();
        this.threads = model.threads().toArray(new ThreadProgram[0]);
        this.after = model.afterThread();
        this.ctx = new Ctx(model, dev.mmcheck.monitor.Monitors.checked(model.checks()));
        for (int i = 0; i < argBuf.length; i++) argBuf[i] = new int[i];
        this.scratch = new int[l.size];
        this.lazyCpu = new boolean[model.layout().nCpus];
        for (int c = 0; c < lazyCpu.length; c++) lazyCpu[c] = model.world().lazy(c);
        this.lazyThread = new boolean[model.threads().size()];
        for (int t = 0; t < lazyThread.length; t++) lazyThread[t] = model.world().threads.get(t).lazyMm() >= 0;
        this.reached = new boolean[threads.length][];
        for (int t = 0; t < threads.length; t++) reached[t] = new boolean[threads[t].code().length];
    }

    public boolean[][] reached() { return reached; }

    /** Result.Cost counts so far, by ordinal. */
    private final long[] costs = new long[Result.Cost.values().length];

    public long[] costs() { return costs.clone(); }

    /** Whether the steps from now on count as explored for the unreached-code report. */
    public void coverage(boolean on) { coverage = on; }

    public Ctx ctx() { return ctx; }

    public void recording(boolean on) {
        recording = on;
        ctx.note = on ? new StringBuilder() : null;
    }

    /** The initial state, with each thread's local prelude run up to its first shared access. */
    public int[] initial(int start) {
        int[] s = m.starts().get(start).state().clone();
        for (int t = 0; t < threads.length; t++) {
            ctx.begin(s, t, threads[t].cpu());
            s[l.pc(t)] = runLocal(s, t, 0);
            if (s[l.pc(t)] >= 0) zeroDead(s, t);
        }
        return s;
    }

    /**
     * Whether a move makes progress, for no_deadlock: an IPI taken, or a thread step that
     * changed the state. TLB evictions and speculative walks are not (nothing waits on them),
     * nor a step that changes nothing (a spin on state nobody will change).
     */
    static boolean progress(int move, boolean changed) {
        return move == MOVE_IPI || move >= 0 && changed;
    }

    /**
     * The final-state invariants of state s: when terminal (every thread and the after block
     * have finished), the END monitors; when finished (every thread but the after block has),
     * the THREADS_FINISHED ones. The caller has both from {@link #terminal}, {@link #threadsFinished}. Each that breaks and is not yet done goes to broken, with why.
     * The search and a Walk judge through this one place.
     */
    void judgeFinal(int[] s, boolean terminal, boolean finished, java.util.function.Predicate<Invariant> done,
                    java.util.function.BiConsumer<Invariant, String> broken) {
        if (!terminal && !finished) return;
        for (dev.mmcheck.machine.Monitor mon : ctx.monitors) {
            dev.mmcheck.machine.Monitor.When w = mon.when();
            if (w == dev.mmcheck.machine.Monitor.When.END ? !terminal : w != dev.mmcheck.machine.Monitor.When.THREADS_FINISHED || !finished) continue;
            if (done.test(mon.invariant)) continue;
            String why = mon.check(m, s);
            if (why != null) broken.accept(mon.invariant, why);
        }
    }

    /** Every thread, the after block included, has finished. */
    public boolean terminal(int[] s) {
        for (int t = 0; t < threads.length; t++) if (s[l.pc(t)] != ThreadProgram.DONE) return false;
        return true;
    }

    /**
     * Every thread but the after block has finished, and the after block has not started. A lazy
     * CPU's kernel thread does not count: it takes IPIs until the after block is done too.
     */
    public boolean threadsFinished(int[] s) {
        for (int t = 0; t < threads.length; t++) {
            if (t == after || lazyThread[t]) continue;
            if (s[l.pc(t)] != ThreadProgram.DONE) return false;
        }
        return s[l.afterStartedAt] == 0;
    }

    public boolean crashed(int[] s) {
        for (int t = 0; t < threads.length; t++) if (s[l.pc(t)] == CRASHED) return true;
        return false;
    }

    /** Emits every successor of s, in the fixed order. */
    public void successors(int[] s, Sink out) {
        boolean othersRunning = false;   // a lazy CPU's kernel thread is a daemon: the after block does not wait for it
        for (int t = 0; t < threads.length; t++) if (t != after && !lazyThread[t] && s[l.pc(t)] >= 0) othersRunning = true;
        for (int t = 0; t < threads.length; t++) {
            if (t == after && othersRunning) continue;
            int pc = s[l.pc(t)];
            if (pc < 0) continue;
            Instr in = threads[t].code()[pc];
            ctx.begin(s, t, threads[t].cpu());
            if (in.blocking()) {
                int[] a = args(s, t, in);
                if (!nullArgument(in, a) && !Primitives.canProceed(in.prim, ctx, a)) continue;
            }
            int[] n = copy(s);
            if (t == after) n[l.afterStartedAt] = 1;
            ctx.begin(n, t, threads[t].cpu());
            if (recording) { ctx.note.setLength(0); reads.clear(); branch = null; }
            run(n, t, pc, false, 0, in, out);
        }
        for (int target = 0; target < l.nCpus; target++) {
            // A lazy CPU's kernel thread takes its IPIs in library code (smp_invalidate_interrupt).
            if (s[l.irqOffBase + target] != 0 || lazyCpu[target]) continue;
            for (int sender = 0; sender < l.nCpus; sender++) {
                int req = s[l.ipi(sender, target)];
                if (req == 0) continue;
                int[] n = copy(s);
                Ipi.take(n, l, sender, target);
                costs[Result.Cost.IPIS_TAKEN.ordinal()]++;
                out.accept(n, 0, MOVE_IPI, recording ? Step.hardware(target, "takes the IPI from cpu" + sender + ": "
                        + Ipi.describe(req, m.world()) + ", acknowledges") : null);
            }
        }
        if (s[l.evictionsAt] < m.evictionBound()) {
            for (int cpu = 0; cpu < l.nCpus; cpu++) {
                for (int i = 0; i < l.tlbSize; i++) {
                    int idx = l.tlb(cpu, i);
                    if (s[idx] == 0) break;
                    int[] n = copy(s);
                    Tlb.remove(n, l.tlb(cpu, 0), l.tlbSize, idx);
                    n[l.evictionsAt]++;
                    out.accept(n, 0, MOVE_EVICTION, recording ? Step.hardware(cpu, "TLB evicts " + Tlb.describe(s[idx],
                            mm -> m.world().mms.get(mm).name(), m.world()::pageName)) : null);
                }
            }
        }
        if (m.world().nTableFrames > 0 && s[l.speculationsAt] < m.speculationBound()) speculate(s, out);
    }

    /**
     * Speculative walks (a scenario's {@code bound speculative N}): each CPU may walk any mapped
     * address of the mm its CR3 holds, filling its paging-structure cache and TLB, at any
     * moment. A walk that would change nothing is no move. Never progress for no_deadlock.
     */
    private void speculate(int[] s, Sink out) {
        World w = m.world();
        for (int cpu = 0; cpu < l.nCpus; cpu++) {
            int mm = s[l.cr3Base + cpu] - 1;   // the mm its CR3 holds now (none after load_cr3(swapper_pg_dir))
            if (mm < 0) continue;
            for (int v : w.mms.get(mm).vmas()) {
                World.VmaInfo vi = w.vmas.get(v);
                for (int vpage = vi.start(); vpage < vi.start() + vi.nPages(); vpage++) {
                    int[] n = copy(s);
                    ctx.begin(n, -1, cpu);
                    Mmu.speculate(ctx, mm, vpage);
                    if (java.util.Arrays.equals(n, s) && ctx.violations == 0) continue;
                    n[l.speculationsAt]++;
                    out.accept(n, ctx.violations, MOVE_SPECULATE, recording ? Step.hardware(cpu, "speculatively walks "
                            + w.mms.get(mm).name() + ":" + vpage) : null);
                }
            }
        }
    }

    private boolean[][] discard;

    /** Where a step beyond the depth bound marks what it ran: nowhere that counts. */
    private boolean[] scratchReached(int t) {
        if (discard == null) {
            discard = new boolean[threads.length][];
            for (int i = 0; i < threads.length; i++) discard[i] = new boolean[threads[i].code().length];
        }
        return discard[t];
    }

    private int[] copy(int[] s) {
        System.arraycopy(s, 0, scratch, 0, scratch.length);
        return scratch;
    }

    /**
     * The argument values of a PRIM: from the thread's slots, or the instruction itself for a
     * constant; a field argument becomes the field's address (0 when it has none: the NULL
     * check then stops the thread, and {@link Instr#addressError} says why).
     */
    private int[] args(int[] s, int t, Instr in) {
        int[] a = in.args.length < argBuf.length ? argBuf[in.args.length] : new int[in.args.length];
        for (int i = 0; i < a.length; i++) a[i] = (in.immArgs & (1 << i)) != 0 ? in.args[i] : s[l.local(t, in.args[i])];
        if (in.addrArg >= 0) {
            int addr = in.address(l, a);
            if (addr == 0) addressError = in.addressError(l, a);
            a[in.addrArg] = addr;
        }
        return a;
    }

    /** Why the last field argument had no address. */
    private String addressError;

    /**
     * Runs thread t from pc: one visible instruction (or an atomic block), then local ones
     * until the next visible instruction, where the step ends. A choose forks the state.
     */
    private void run(int[] s, int t, int pc, boolean visibleDone, int atomic, Instr first, Sink out) {
        Instr[] code = threads[t].code();
        boolean[] seen = coverage ? reached[t] : scratchReached(t);
        int localSteps = 0;
        int base = l.local(t, 0);   // slot i of this thread is s[base + i]
        while (true) {
            Instr in = code[pc];
            if (in.visible && visibleDone && atomic == 0) break;
            if (++localSteps > LOCAL_STEP_LIMIT) {
                // A million instructions in one step: the kernel would be stuck here (a soft lockup).
                ctx.violate(Invariant.BUG, "soft lockup: " + threads[t].name() + " runs more than " + LOCAL_STEP_LIMIT
                        + " instructions in one step (" + in.pos + ", in " + in.routine + ")");
                s[l.pc(t)] = CRASHED;
                emit(s, t, first, out);
                return;
            }
            seen[pc] = true;
            switch (in.op) {
                case Instr.CONST -> { s[base + in.dst] = in.a; pc++; }
                case Instr.MOV -> { s[base + in.dst] = s[base + in.a]; pc++; }
                case Instr.JMP -> pc = in.target;
                case Instr.BINARY -> {
                    int y = s[base + in.b];
                    if ((in.opcode == 3 || in.opcode == 4) && y == 0) {
                        ctx.violate(Invariant.BUG, "division by zero (" + in.pos + ", in " + in.routine + ")");
                        s[l.pc(t)] = CRASHED;
                        emit(s, t, first, out);
                        return;
                    }
                    s[base + in.dst] = Instr.binary(in.opcode, s[base + in.a], y);
                    pc++;
                }
                case Instr.JZ -> {
                    // The statement's own test (not a short-circuit inside it): a trace shows its outcome.
                    if (recording && branch == null && in.pos == in.stmt && in.stmt == first.stmt && !userAccess(first))
                        branch = s[l.local(t, in.a)] != 0;
                    pc = local(s, t, pc, in);
                }
                case Instr.UNARY -> pc = local(s, t, pc, in);
                case Instr.PRIM -> {
                    int[] a = args(s, t, in);
                    if (in.handleArgs != 0 && nullArgument(in, a)) {
                        String why = in.addrArg >= 0 && a[in.addrArg] == 0 ? addressError
                                : in.prim == Prim.FIELD_ADDR ? "NULL pointer dereference" : "NULL passed to " + in.prim.cname;
                        ctx.violate(Invariant.BUG, why + " (" + in.pos + ", in " + in.routine + ")");
                        s[l.pc(t)] = CRASHED;
                        emit(s, t, first, out);
                        return;
                    }
                    int r = Primitives.exec(in.prim, ctx, a);
                    if (ctx.oops) {
                        s[l.pc(t)] = CRASHED;
                        emit(s, t, first, out);
                        return;
                    }
                    if (in.dst >= 0) s[l.local(t, in.dst)] = r;
                    if (ctx.killed) {   // a fatal signal: the thread ends with this step
                        pc = ThreadProgram.DONE;
                        break;
                    }
                    if (in.visible()) {
                        visibleDone = true;
                        switch (in.prim) {
                            case FLUSH_TLB_OTHERS -> costs[Result.Cost.SHOOTDOWNS.ordinal()]++;
                            case LOCAL_FLUSH_TLB_PAGE, LOCAL_FLUSH_TLB_MM -> costs[Result.Cost.LOCAL_FLUSHES.ordinal()]++;
                            case SUBMIT_BH -> costs[Result.Cost.IOS.ordinal()]++;
                            case HW_STORE -> { if (r == Mmu.FAULT) costs[Result.Cost.FAULTS.ordinal()]++; }
                            case HW_LOAD -> { if (r == Mmu.FAULTED) costs[Result.Cost.FAULTS.ordinal()]++; }
                            default -> { }
                        }
                        // A user load shows the value it read; a store or a fault shows nothing (the note says it).
                        // down_*'s "sleeps" is the lock's change (who holds it, who sleeps), not a value read.
                        if (recording && in.dst >= 0 && in.prim != Prim.HW_STORE && !(in.prim == Prim.HW_LOAD && r == Mmu.FAULTED)
                                && in.prim != Prim.DOWN_READ && in.prim != Prim.DOWN_WRITE)
                            reads.add(new Step.Read(in.prim, r, in.prim == Prim.FIELD_LOAD ? a[0] : 0));
                    }
                    pc++;
                }
                case Instr.ATOMIC_BEGIN -> { atomic++; visibleDone = true; pc++; }
                case Instr.ATOMIC_END -> { atomic--; pc++; }
                case Instr.CHOOSE -> {
                    int violations = ctx.violations, judged = ctx.judged;
                    String note = recording ? ctx.note.toString() : null;
                    // Every arm starts from what the step had read before the choice.
                    java.util.List<Step.Read> readsBefore = recording ? new java.util.ArrayList<>(reads) : null;
                    Boolean branchBefore = branch;
                    for (int arm = 0; arm < in.args.length; arm++) {
                        int[] n = arm == in.args.length - 1 ? s : s.clone();
                        ctx.begin(n, t, threads[t].cpu());
                        ctx.violations = violations;
                        ctx.judged = judged;
                        if (recording) { ctx.note.setLength(0); ctx.note.append(note); ctx.note("choose arm " + (arm + 1)); }
                        if (recording && arm > 0) { reads.clear(); reads.addAll(readsBefore); branch = branchBefore; }
                        run(n, t, in.args[arm], true, atomic, first, out);
                    }
                    return;
                }
                case Instr.BUG, Instr.ASSERT -> {
                    boolean bad = in.op == Instr.BUG ? s[l.local(t, in.a)] != 0 : s[l.local(t, in.a)] == 0;
                    if (bad) {
                        ctx.violate(in.op == Instr.BUG ? Invariant.BUG : Invariant.ASSERT, (in.op == Instr.BUG ? "" : "assert: ")
                                + in.message + " (" + in.pos + ", in " + in.routine + ")");
                        s[l.pc(t)] = CRASHED;
                        emit(s, t, first, out);
                        return;
                    }
                    pc++;
                }
                case Instr.GAP -> {
                    // The kernel would go where the model does not: stop here, and say so.
                    ctx.violate(Invariant.MODEL_GAP, in.message + " (" + in.pos + ", in " + in.routine + ")");
                    s[l.pc(t)] = CRASHED;
                    emit(s, t, first, out);
                    return;
                }
                case Instr.END -> pc = ThreadProgram.DONE;   // finishing folds into the last step
                default -> throw new IllegalStateException("bad opcode " + in.op);
            }
            if (pc == ThreadProgram.DONE) break;
        }
        s[l.pc(t)] = pc;
        if (pc == ThreadProgram.DONE) finished(s, t);
        else zeroDead(s, t);
        emit(s, t, first, out);
    }

    /** A user store or load: its retry loop's test is the fault, which the step's note already tells. */
    private static boolean userAccess(Instr in) {
        return in.op == Instr.PRIM && (in.prim == dev.mmcheck.model.Prim.HW_STORE || in.prim == dev.mmcheck.model.Prim.HW_LOAD);
    }

    private static boolean nullArgument(Instr in, int[] a) {
        for (int i = 0; i < a.length; i++) if ((in.handleArgs & (1 << i)) != 0 && a[i] == 0) return true;
        return false;
    }

    private void emit(int[] s, int t, Instr first, Sink out) {
        if (ctx.stepWatchers.length > 0) ctx.stepDone();   // invariants judged after every thread step (mapped_uptodate)
        out.accept(s, ctx.violations, t, recording
                ? Step.thread(threads[t].cpu(), t, first, ctx.note.length() == 0 ? null : ctx.note.toString(), reads, branch) : null);
    }

    /**
     * Runs local instructions only, from pc to the first visible one (the thread's prelude). It
     * stops early at whatever ends the thread (a BUG_ON or assert that fires, a model gap, a
     * primitive given NULL or an index out of range), so that the thread's first step reports it as a step. Anywhere
     * else a state's pc is a visible instruction, so a blocking one is tested before it runs.
     */
    private int runLocal(int[] s, int t, int pc) {
        Instr[] code = threads[t].code();
        int guard = 0;
        while (!code[pc].visible() && code[pc].op != Instr.GAP) {
            Instr in = code[pc];
            if (in.op == Instr.BUG || in.op == Instr.ASSERT) {
                // One that does not fire is passed; one that fires is left for the first step.
                int v = s[l.local(t, in.a)];
                if (in.op == Instr.BUG ? v != 0 : v == 0) break;
                reached[t][pc] = true;
                pc++;
                continue;
            }
            if (in.op == Instr.END) {
                reached[t][pc] = true;
                finished(s, t);
                return ThreadProgram.DONE;
            }
            if (++guard > LOCAL_STEP_LIMIT) break;   // the first step reports the soft lockup
            if (in.op == Instr.BINARY && (in.opcode == 3 || in.opcode == 4) && s[l.local(t, in.b)] == 0) break;
            if (in.op == Instr.PRIM) {   // a PURE primitive
                int[] a = args(s, t, in);
                if (in.handleArgs != 0 && nullArgument(in, a)) break;
                int r = Primitives.exec(in.prim, ctx, a);
                if (ctx.oops) {   // an index out of range: the first step runs it again and reports it
                    ctx.oops = false;
                    ctx.violations = 0;
                    break;
                }
                reached[t][pc] = true;
                if (in.dst >= 0) s[l.local(t, in.dst)] = r;
                pc++;
            } else {
                reached[t][pc] = true;
                pc = local(s, t, pc, in);
            }
        }
        return pc;
    }

    /** One local instruction (no primitive): returns the next pc. */
    private int local(int[] s, int t, int pc, Instr in) {
        switch (in.op) {
            case Instr.CONST -> s[l.local(t, in.dst)] = in.a;
            case Instr.MOV -> s[l.local(t, in.dst)] = s[l.local(t, in.a)];
            case Instr.UNARY -> s[l.local(t, in.dst)] = Instr.unary(in.opcode, s[l.local(t, in.a)]);
            case Instr.BINARY -> s[l.local(t, in.dst)] = Instr.binary(in.opcode, s[l.local(t, in.a)], s[l.local(t, in.b)]);
            case Instr.JMP -> { return in.target; }
            case Instr.JZ -> { return s[l.local(t, in.a)] == 0 ? in.target : pc + 1; }
            default -> throw new IllegalStateException("not a local instruction: " + in);
        }
        return pc + 1;
    }

    /** A finished thread has no live locals, and the monitors forget what it owed. */
    private void finished(int[] s, int t) {
        for (dev.mmcheck.machine.Monitor mon : ctx.monitors) mon.threadFinished(s, l, m.world(), t);
        for (int i = 0; i < threads[t].nLocals(); i++) s[l.local(t, i)] = 0;
    }

    private void zeroDead(int[] s, int t) {
        ThreadProgram p = threads[t];
        long[] live = p.live()[s[l.pc(t)]];
        for (int i = 0; i < p.nLocals(); i++)
            if ((live[i >>> 6] & (1L << i)) == 0) s[l.local(t, i)] = 0;
    }
}

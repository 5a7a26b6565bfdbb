package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.Ast.*;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Pos;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.ThreadProgram;
import dev.mmcheck.model.Type;
import dev.mmcheck.model.World;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Turns one thread's body into its step program: every call inlined (each with fresh
 * registers), types checked per call site, user stores expanded into MMU accesses plus the
 * library's fault handler, registers packed into slots by liveness.
 */
final class CodeGen {

    record Val(int reg, Type type) {}

    final Library lib;
    final Resolver resolver;
    /** Each routine's chosen body, by name, in the order first called. */
    final Map<String, Model.RoutineUse> used = new java.util.LinkedHashMap<>();
    private final WorldBuilder wb;
    final World world;
    private final Structs structs;
    /** The code for kernel structures' fields (p->f, &p->f, p->f = v). */
    final Fields fields;
    /** The code for C's operators: ?:, unary, binary (&& and || short-circuit), bool. */
    private final Operators ops = new Operators(this);
    /** The code for calls: primitives, and routines inlined with their arguments bound. */
    private final Calls calls;

    private List<Ir> code;
    private int nRegs;
    Deque<Frame> frames;
    int atomic;
    ThreadDeclInfo thread;
    /** The statement being compiled: what a trace row shows for the steps it makes. */
    private Pos stmtPos;
    /** The statement being compiled in its own routine (inside an inline routine, not the caller's): what coverage counts. */
    private Pos ownStmt;

    record ThreadDeclInfo(String name, int cpu, int mm, boolean isAfter) {}

    /**
     * Whether down_read/up_read/down_write/up_write are steps: when some thread other than the
     * after block takes a reader/writer semaphore for write. The compiler starts without, and
     * compiles again with them when the code says so ({@link RwsemWriter}).
     */
    final boolean rwsemsReal;

    /** Thrown where a concurrent thread takes an rw_semaphore for write and rwsems are not steps: compile again. */
    static final class RwsemWriter extends RuntimeException {
        RwsemWriter() { super(null, null, false, false); }
    }

    /** Thrown where code writes vma->vm_flags while it is topology: compile again with it as state. */
    static final class VmFlagsWritten extends RuntimeException {
        VmFlagsWritten() { super(null, null, false, false); }
    }

    /** Whether some code unlinks vmas (munmap): find_vma then reads the vma list as state, one step. */
    final boolean vmasGo;

    /** Thrown where code unlinks a vma while the vma list is topology: compile again with it as state. */
    static final class VmasGo extends RuntimeException {
        VmasGo() { super(null, null, false, false); }
    }

    CodeGen(Library lib, Resolver resolver, WorldBuilder wb, Structs structs, boolean rwsemsReal, boolean vmasGo) {
        this.vmasGo = vmasGo;
        this.rwsemsReal = rwsemsReal;
        this.structs = structs;
        this.fields = new Fields(this, structs);
        this.calls = new Calls(this);
        this.lib = lib;
        this.resolver = resolver;
        this.wb = wb;
        this.world = wb.world;
    }

    /** The routine bodies chosen so far, one per routine called. */
    java.util.Collection<Model.RoutineUse> used() { return used.values(); }

    ThreadProgram compile(ThreadDeclInfo t, Block body) {
        begin(t, t.isAfter() ? "after" : t.name());
        block(body);
        resolveGotos(frames.peek());
        emit(Instr.END, body.pos());
        return Packing.finish(code, nRegs, t);
    }

    /** A fresh program: no code, no registers, the body's frame. */
    private void begin(ThreadDeclInfo t, String name) {
        constRegs.clear();
        code = new ArrayList<>();
        nRegs = 0;
        frames = new ArrayDeque<>();
        atomic = 0;
        thread = t;
        frames.push(new Frame(name, 0));
    }

    /** A condition of the scenario reads shared state only: these are what it may run. */
    private static final java.util.Set<Prim> CONDITION_READS = java.util.EnumSet.of(Prim.FIELD_LOAD, Prim.TEST_BIT,
            Prim.ATOMIC_READ, Prim.PTE_READ, Prim.DISK, Prim.MEMORY);
    private boolean condition;

    /**
     * {@code forall (cond)}: code that computes cond on a final state, without changing it; its
     * ASSERT instruction's operand holds the value (the checker reads it, it does not stop).
     */
    ThreadProgram compileCondition(Ast.Forall f) {
        begin(new ThreadDeclInfo("forall", 0, -1, false), "forall");
        condition = true;
        try {
            stmtPos = f.pos();
            Val v = cond(f.cond());
            // Only the condition's own ASSERT (below) gives its value: one in a routine it calls
            // would be taken for it, and a BUG_ON, choose or unmodelled() is not a reading.
            for (Ir x : code)
                if (x.op == Instr.ASSERT || x.op == Instr.BUG || x.op == Instr.CHOOSE || x.op == Instr.GAP)
                    throw new MmtError(f.pos(), "a forall condition only reads: " + x.routine + " has "
                            + (x.op == Instr.ASSERT ? "an assert" : x.op == Instr.BUG ? "a BUG_ON" : x.op == Instr.CHOOSE ? "a choose" : "an unmodelled()")
                            + " (" + x.pos + ")");
            Ir ir = emit(Instr.ASSERT, f.pos());
            ir.a = v.reg();
            ir.message = "forall";
            emit(Instr.END, f.pos());
            return Packing.finish(code, nRegs, thread);
        } finally {
            condition = false;
            stmtPos = null;
        }
    }

    /**
     * Limits that keep compiling linear and bounded: a thread's code (the largest corpus
     * thread is about 1,000 instructions) and the depth of inlined calls (the library's
     * deepest chain is about 10).
     */
    static final int MAX_INSTRUCTIONS = 16_384, MAX_CALL_DEPTH = 64;

    // ---- emission ----
    Ir emit(int op, Pos pos) {
        if (code.size() >= MAX_INSTRUCTIONS)
            throw new MmtError(pos, "thread " + thread.name() + " compiles to more than " + MAX_INSTRUCTIONS
                    + " instructions: mmcheck explores small scenarios; split the work or shorten the loops' bodies");
        Ir ir = new Ir();
        ir.op = op;
        ir.pos = pos;
        ir.stmt = stmtPos != null ? stmtPos : pos;
        ir.routine = shownRoutine();
        ir.owner = frames.peek().routine;
        ir.calls = callChain();
        ir.ownStmt = ownStmt != null ? ownStmt : pos;
        code.add(ir);
        return ir;
    }

    int reg() { return nRegs++; }

    /** Where the next instruction goes. */
    int pc() { return code.size(); }

    /** The instruction emitted last. */
    Ir last() { return code.get(code.size() - 1); }

    /** How many instructions so far write register r. */
    private int definitions(int r) {
        int n = 0;
        for (Ir ir : code) if (ir.dst == r) n++;
        return n;
    }

    /** Is r a local's or a parameter's register in any frame being compiled (not a temporary)? */
    boolean isNamed(int r) {
        for (Frame f : frames) {
            for (Val v : f.locals.values()) if (v.reg() == r) return true;
            for (Val v : f.refs.values()) if (v.reg() == r) return true;
        }
        return false;
    }

    /** The routine a trace names for code being emitted: an inline routine's code is its caller's. */
    private String shownRoutine() {
        for (Frame f : frames) if (!f.inline) return f.routine;
        return frames.peekLast().routine;
    }

    /** The routines being compiled, outermost call first, without the thread's body and C inline ones. */
    private List<String> callChain() {
        List<String> chain = new ArrayList<>();
        var it = frames.descendingIterator();
        it.next();   // the thread's body
        while (it.hasNext()) {
            Frame f = it.next();
            if (!f.inline) chain.add(f.routine);
        }
        if (chain.equals(lastChain)) return lastChain;   // shared: instructions of one call hold one list
        return lastChain = List.copyOf(chain);
    }

    private List<String> lastChain = List.of();

    /** Inside an inline routine: its statements are shown as the statement that called it. */
    private boolean inInline() { return frames.peek().inline; }

    Val constant(int v, Type t, Pos pos) {
        Ir ir = emit(Instr.CONST, pos);
        ir.dst = reg();
        ir.a = v;
        constRegs.put(ir.dst, v);
        return new Val(ir.dst, t);
    }

    /**
     * Registers that hold a constant: written once, by their CONST. A primitive takes such an
     * operand as an immediate, so that no constant lives in a local from one step to the next.
     */
    private final Map<Integer, Integer> constRegs = new java.util.HashMap<>();

    int jump(int op, int cond, Pos pos) {
        Ir ir = emit(op, pos);
        ir.a = cond;
        return code.size() - 1;
    }

    void patch(int at) { code.get(at).target = code.size(); }

    void patchAll(List<Integer> ats, int target) {
        for (int at : ats) code.get(at).target = target;
    }

    // ---- statements ----
    void block(Block b) {
        for (Stmt s : b.stmts()) stmt(s);
    }

    private void stmt(Stmt s) {
        Frame f = frames.peek();
        Pos outer = stmtPos, outerOwn = ownStmt;
        if (!(s instanceof Block) && !inInline()) stmtPos = s.pos();
        if (!(s instanceof Block)) ownStmt = s.pos();
        try {
            stmt(s, f);
        } finally {
            stmtPos = outer;
            ownStmt = outerOwn;
        }
    }

    private void stmt(Stmt s, Frame f) {
        if (s instanceof Assign a) {
            assign(a);
        } else if (s instanceof ExprStmt e) {
            expr(e.expr());
        } else if (s instanceof If i) {
            Val c = cond(i.cond());
            int jz = jump(Instr.JZ, c.reg(), i.pos());
            stmt(i.then());
            if (i.otherwise() == null) patch(jz);
            else {
                int jmp = jump(Instr.JMP, 0, i.pos());
                patch(jz);
                stmt(i.otherwise());
                patch(jmp);
            }
        } else if (s instanceof While w) {
            int top = code.size();
            Val c = cond(w.cond());
            int jz = jump(Instr.JZ, c.reg(), w.pos());
            Loop loop = new Loop(atomic);
            f.loops.push(loop);
            stmt(w.body());
            f.loops.pop();
            code.get(jump(Instr.JMP, 0, w.pos())).target = top;
            patch(jz);
            patchAll(loop.continues, top);
            patchAll(loop.breaks, code.size());
        } else if (s instanceof For fr) {
            if (fr.init() != null) stmt(fr.init());
            int top = code.size();
            int jz = -1;
            if (fr.cond() != null) jz = jump(Instr.JZ, cond(fr.cond()).reg(), fr.pos());
            Loop loop = new Loop(atomic);
            f.loops.push(loop);
            stmt(fr.body());
            f.loops.pop();
            int cont = code.size();
            if (fr.step() != null) stmt(fr.step());
            code.get(jump(Instr.JMP, 0, fr.pos())).target = top;
            if (jz >= 0) patch(jz);
            patchAll(loop.continues, cont);
            patchAll(loop.breaks, code.size());
        } else if (s instanceof Break br) {
            loopExit(f, br.pos(), "break").breaks.add(jump(Instr.JMP, 0, br.pos()));
        } else if (s instanceof Continue co) {
            loopExit(f, co.pos(), "continue").continues.add(jump(Instr.JMP, 0, co.pos()));
        } else if (s instanceof Return r) {
            ret(f, r);
        } else if (s instanceof Block b) {
            block(b);
        } else if (s instanceof Atomic at) {
            Ir begin = emit(Instr.ATOMIC_BEGIN, at.pos());
            // A trace row shows the block by its first statement (what "atomic" alone would not say).
            if (!at.body().stmts().isEmpty() && !inInline()) begin.stmt = at.body().stmts().get(0).pos();
            atomic++;
            block(at.body());
            atomic--;
            emit(Instr.ATOMIC_END, at.pos());
        } else if (s instanceof Choose ch) {
            Ir c = emit(Instr.CHOOSE, ch.pos());
            int[] arms = new int[ch.arms().size()];
            List<Integer> ends = new ArrayList<>();
            for (int i = 0; i < arms.length; i++) {
                arms[i] = code.size();
                block(ch.arms().get(i));
                ends.add(jump(Instr.JMP, 0, ch.pos()));
            }
            c.args = arms;
            patchAll(ends, code.size());
        } else if (s instanceof BugOn bo) {
            Val c = cond(bo.cond());
            Ir ir = emit(Instr.BUG, bo.pos());
            ir.a = c.reg();
            ir.message = bo.pos().lineText();
        } else if (s instanceof Assert as) {
            Val c = cond(as.cond());
            Ir ir = emit(Instr.ASSERT, as.pos());
            ir.a = c.reg();
            ir.message = as.why();
        } else if (s instanceof Decl d) {
            declare(f, d);
        } else if (s instanceof Label lb) {
            if (f.labels.put(lb.name(), new int[] {code.size(), atomic}) != null)
                throw new MmtError(lb.pos(), "label " + lb.name() + " is defined twice in " + f.routine);
        } else if (s instanceof Goto g) {
            f.gotos.add(g);
            f.gotoJumps.add(jump(Instr.JMP, 0, g.pos()));
            f.gotoAtomic.add(atomic);
        } else if (s instanceof StoreThrough st) {
            Val target = f.refs.get(st.pointer());
            if (target == null)
                throw new MmtError(st.pos(), "'*" + st.pointer() + " = ...' writes through an out-parameter, and " + st.pointer()
                        + " is not one (a caller passes it as &local)");
            Val v = expr(st.value());
            if (!target.type().accepts(v.type()))
                throw new MmtError(st.value().pos(), "type error: *" + st.pointer() + " is " + target.type() + ", this value is " + v.type());
            mov(target.reg(), v.reg(), st.pos());
        } else if (s instanceof FieldStore fs) {
            fields.fieldStore(fs);
        } else if (s instanceof Unmodelled u) {
            emit(Instr.GAP, u.pos()).message = u.why();
        } else if (s instanceof Store st) {
            userAccess(st.ref(), st.value(), null, st.pos());
        } else if (s instanceof Load ld) {
            userAccess(ld.ref(), null, ld.into(), ld.pos());
        }
    }

    /** Every goto of a routine (or thread body) jumps to its label: same routine, same atomic depth. */
    void resolveGotos(Frame f) {
        for (int i = 0; i < f.gotos.size(); i++) {
            Goto g = f.gotos.get(i);
            int[] at = f.labels.get(g.label());
            if (at == null) throw new MmtError(g.pos(), "no label '" + g.label() + "' in " + f.routine);
            if (at[1] != f.gotoAtomic.get(i)) throw new MmtError(g.pos(), "'goto " + g.label() + "' cannot jump into or out of an atomic { } block");
            code.get(f.gotoJumps.get(i)).target = at[0];
        }
    }

    /**
     * A declaration fixes a local's type; without an initializer the local starts at 0 (NULL).
     * (C leaves it undefined; a model must pick one value, and 0 is the one no read can mistake
     * for a real handle.)
     */
    private void declare(Frame f, Decl d) {
        for (Declarator x : d.declarators()) {
            Type t = CTypes.declaredType(d, x);
            if (isGlobal(x.name())) throw new MmtError(x.pos(), "'" + x.name() + "' names a scenario object; it cannot be declared");
            if (f.refs.containsKey(x.name())) throw new MmtError(x.pos(), "'" + x.name() + "' is an out-parameter of " + f.routine + "; it cannot be redeclared");
            Val old = f.locals.get(x.name());
            if (old != null && old.type() != t)
                throw new MmtError(x.pos(), "'" + x.name() + "' is already a local of type " + old.type() + ", not " + t);
            if (old == null) {
                old = new Val(reg(), t);
                f.locals.put(x.name(), old);
            }
            Val v = x.init() != null ? expr(x.init()) : constant(0, t, x.pos());
            if (!t.accepts(v.type()))
                throw new MmtError(x.init().pos(), "type error: '" + x.name() + "' is declared " + t + ", this value is " + v.type());
            if (t == Type.BOOL && v.type() != Type.BOOL) v = truth(v, x.pos());   // C's bool: any nonzero is 1
            mov(old.reg(), v.reg(), x.pos());
        }
    }


    private Loop loopExit(Frame f, Pos pos, String what) {
        Loop l = f.loops.peek();
        if (l == null) throw new MmtError(pos, "'" + what + "' outside a loop");
        if (l.atomicAtEntry != atomic) throw new MmtError(pos, "'" + what + "' cannot leave an atomic { } block");
        return l;
    }

    /**
     * For a call of a routine whose chosen body returns nothing: which body that is, since a
     * scenario's own transcription may replace the library's, which returns a value here.
     */
    private String returnsNothing(Expr e) {
        if (!(e instanceof Call c) || Prim.byName(c.name()) != null) return "";
        List<Library.Entry> bodies = lib.candidates(c.name());
        if (bodies.isEmpty()) return "";
        Pos at = bodies.get(0).routine().pos();
        return " (" + c.name() + (lib.isLocal(c.name()) ? ", the scenario file's body at " + at.file().name() + ":" + at.line() : "")
                + ", ends without 'return VALUE;': this caller uses its value)";
    }

    private void ret(Frame f, Return r) {
        if (frames.size() == 1) throw new MmtError(r.pos(), "'return' in a thread body; a thread ends at its closing brace");
        if (atomic != f.atomicAtEntry) throw new MmtError(r.pos(), "'return' cannot leave an atomic { } block");
        boolean hasValue = r.value() != null;
        if (f.returnsValue != null && f.returnsValue != hasValue)
            throw new MmtError(r.pos(), f.routine + " returns a value on some paths and nothing on others");
        f.returnsValue = hasValue;
        if (hasValue) {
            Val v = expr(r.value());
            if (v.type() == Type.VOID) throw new MmtError(r.value().pos(), "this call returns nothing" + returnsNothing(r.value()));
            if (f.resultType == null || f.resultType == Type.NULL) f.resultType = v.type();
            else if (!f.resultType.accepts(v.type()))
                throw new MmtError(r.value().pos(), f.routine + " returns " + f.resultType + " elsewhere, " + v.type() + " here");
            Ir last = code.isEmpty() ? null : code.get(code.size() - 1);
            if (last != null && last.dst == v.reg() && !isNamed(v.reg()) && !constRegs.containsKey(v.reg()) && definitions(v.reg()) == 1)
                last.dst = f.result;   // `return test_bit(...)`: the value is computed into the result, not copied there
            else mov(f.result, v.reg(), r.pos());
        }
        f.returns.add(jump(Instr.JMP, 0, r.pos()));
    }

    private void assign(Assign a) {
        Frame f = frames.peek();
        Val v = expr(a.value());
        if (v.type() == Type.VOID) throw new MmtError(a.value().pos(), "this call returns nothing; there is no value to assign" + returnsNothing(a.value()));
        if (f.refs.containsKey(a.name()))
            throw new MmtError(a.pos(), "'" + a.name() + "' is an out-parameter: write through it with *" + a.name() + " = ...;");
        Val old = f.locals.get(a.name());
        if (old == null) {
            if (isGlobal(a.name())) throw new MmtError(a.pos(), "'" + a.name() + "' names a scenario object; it cannot be assigned");
            if (v.type() == Type.NULL) throw new MmtError(a.pos(), "cannot tell the type of '" + a.name() + "' from NULL; assign it a value first");
            old = new Val(reg(), v.type());
            f.locals.put(a.name(), old);
        } else if (!old.type().accepts(v.type())) {
            throw new MmtError(a.value().pos(), "type error: '" + a.name() + "' is " + old.type() + ", this value is " + v.type());
        }
        if (old.type() == Type.BOOL && v.type() != Type.BOOL) v = truth(v, a.pos());
        mov(old.reg(), v.reg(), a.pos());
    }

    void mov(int dst, int src, Pos pos) {
        Ir ir = emit(Instr.MOV, pos);
        ir.dst = dst;
        ir.a = src;
    }

    /** {@code store f[p].b = v} and {@code [x =] load f[p].b}: see {@link UserAccess}. */
    private void userAccess(BlockRef ref, Expr value, String into, Pos pos) {
        for (Stmt st : UserAccess.lower(ref, value, into, pos, thread, world, wb, lib)) stmt(st);
    }

    // ---- expressions ----
    Val cond(Expr e) {
        Val v = expr(e);
        if (!v.type().isTruthy()) throw new MmtError(e.pos(), "type error: a condition cannot be " + v.type());
        return v;
    }

    private boolean isGlobal(String n) {
        return wb.fileIndex.containsKey(n) || wb.mmIndex.containsKey(n) || n.equals("WRITE") || n.equals("READ")
                || n.equals("TLB_FLUSH_ALL") || n.equals("HW_FAULTED") || CTypes.ERRNO.containsKey(n) || structs.constants.containsKey(n);
    }

    Val expr(Expr e) {
        if (e instanceof IntLit i) return constant(i.value(), Type.INT, i.pos());
        if (e instanceof BoolLit b) return constant(b.value() ? 1 : 0, Type.BOOL, b.pos());
        if (e instanceof NullLit n) return constant(0, Type.NULL, n.pos());
        if (e instanceof Name n) return name(n);
        if (e instanceof Binary b) return ops.binary(b);
        if (e instanceof Call c) return calls.call(c);
        if (e instanceof Conditional c) return ops.conditional(c);
        if (e instanceof PageOf p) {
            Integer fi = wb.fileIndex.get(p.file());
            if (fi == null) throw new MmtError(p.pos(), "unknown file '" + p.file() + "'");
            Val idx = expr(p.index());
            expectType(idx, Type.INT, p.index().pos(), "a page index");
            if (p.index() instanceof IntLit lit && (lit.value() < 0 || lit.value() >= world.files.get(fi).nPages()))
                throw new MmtError(p.index().pos(), "file " + p.file() + " has no page " + lit.value());
            Val f = constant(fi + 1, Type.FILE, p.pos());
            return prim(Prim.FIND_GET_PAGE, List.of(f, idx), p.pos());
        }
        if (e instanceof Unary u) {
            Val v = expr(u.operand());
            if (u.op().equals("!")) {
                if (!v.type().isTruthy()) throw new MmtError(u.pos(), "type error: '!' cannot take " + v.type());
                return ops.unary("!", v, Type.BOOL, u.pos());
            }
            expectType(v, Type.INT, u.operand().pos(), "operand of '" + u.op() + "'");
            return ops.unary(u.op().equals("-") ? "neg" : "~", v, Type.INT, u.pos());
        }
        if (e instanceof Member m) return fields.member(m);
        if (e instanceof Dot d) {
            // i386's pte_t is struct { unsigned long pte_low; }: the word, as an integer (no code)
            Val v = expr(d.value());
            if (v.type() != Type.PTE || !d.member().equals("pte_low"))
                throw new MmtError(d.pos(), "'." + d.member() + "': the one member of a value is a pte_t's .pte_low (this is " + v.type() + ")");
            return new Val(v.reg(), Type.INT);
        }
        if (e instanceof FieldAddress fa) return fields.fieldAddress(fa.member());
        if (e instanceof AddressOf a)
            throw new MmtError(a.pos(), "'&" + a.name() + "' may only be passed to a routine, as an out-parameter");
        Deref d = (Deref) e;
        if (d.pointer() instanceof Name n && frames.peek().refs.containsKey(n.name())) return frames.peek().refs.get(n.name());
        Val p = expr(d.pointer());
        if (p.type() != Type.PTEP) throw new MmtError(d.pos(), "type error: '*' reads a PTE through a pte_t*, not " + p.type());
        return prim(Prim.PTE_READ, List.of(p), d.pos());
    }

    // ---- kernel structures ----

    private Val name(Name n) {
        Val v = frames.peek().locals.get(n.name());
        if (v != null) return v;
        Integer fi = wb.fileIndex.get(n.name());
        if (fi != null) return constant(fi + 1, Type.FILE, n.pos());
        Integer mi = wb.mmIndex.get(n.name());
        if (mi != null) return constant(mi + 1, Type.MM, n.pos());
        return switch (n.name()) {
            case "WRITE" -> constant(1, Type.INT, n.pos());
            case "READ" -> constant(0, Type.INT, n.pos());
            case "TLB_FLUSH_ALL" -> constant(-1, Type.INT, n.pos());
            case "HW_FAULTED" -> constant(dev.mmcheck.machine.Mmu.FAULTED, Type.INT, n.pos());
            default -> {
                Integer c = structs.constants.get(n.name());
                if (c != null) yield constant(c, Type.INT, n.pos());
                Integer errno = CTypes.ERRNO.get(n.name());
                if (errno == null) throw new MmtError(n.pos(), "unknown name '" + n.name() + "'"
                        + (frames.size() > 1 ? " in " + frames.peek().routine : ""));
                yield constant(errno, Type.INT, n.pos());
            }
        };
    }

    /** !!v, as a bool: what C's bool makes of any value. */
    Val truth(Val v, Pos pos) { return ops.truth(v, pos); }

    /** The kind of the field whose region is given. */
    dev.mmcheck.model.Field.Kind fieldKind(int region) { return structs.fields.get(region).kind(); }

    /** Whether vma->vm_flags is state in this compilation (some code writes it). */
    boolean vmFlagsState() { return structs.vmFlagsState; }

    void expectType(Val v, Type t, Pos pos, String what) {
        if (!t.accepts(v.type())) throw new MmtError(pos, "type error: " + what + " must be " + t + ", not " + v.type());
    }

    Val prim(Prim p, List<Val> args, Pos pos) {
        if (condition && p.kind != Prim.Kind.PURE && !CONDITION_READS.contains(p))
            throw new MmtError(pos, "a forall condition only reads: " + p.cname + " changes or waits on the state");
        if (!condition && (p == Prim.DISK || p == Prim.MEMORY))
            throw new MmtError(pos, p.cname + "() is an observer's: only a forall condition reads the disk or memory directly");
        Ir ir = emit(Instr.PRIM, pos);
        ir.prim = p;
        ir.args = args.stream().mapToInt(Val::reg).toArray();
        for (int i = 0; i < ir.args.length; i++) {
            Integer c = constRegs.get(ir.args[i]);
            if (c != null) { ir.immArgs |= 1 << i; ir.args[i] = c; }
        }
        if (p.ret != Type.VOID) ir.dst = reg();
        return new Val(ir.dst, p.ret);
    }
}

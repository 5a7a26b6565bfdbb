package dev.mmcheck.compile;

import dev.mmcheck.compile.CodeGen.Val;
import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.Ast.*;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The code for calls, part of {@link CodeGen}: a primitive becomes one instruction after its
 * arity and types are checked (a field argument {@code &p->f} one whose step computes the
 * address); a routine is inlined: its body chosen (Resolver), its parameters bound (an
 * out-parameter to the caller's local, a value no name holds to its own register), its body
 * compiled in a new Frame.
 */
final class Calls {
    private final CodeGen g;

    Calls(CodeGen g) { this.g = g; }

    private static final java.util.Set<Prim> RWSEM_OPS = java.util.EnumSet.of(Prim.DOWN_READ, Prim.UP_READ, Prim.DOWN_WRITE, Prim.UP_WRITE);

    /**
     * {@code &x} (a local of the caller), or an out-parameter passed on: the local the callee's
     * parameter aliases. Calls are inlined, so a reference is the caller's own register.
     */
    private Val outParameter(Expr a) {
        Frame f = g.frames.peek();
        if (a instanceof AddressOf ad) {
            Val v = f.locals.get(ad.name());
            if (v == null) throw new MmtError(ad.pos(), "'&" + ad.name() + "': declare " + ad.name() + " first (e.g. spinlock_t *" + ad.name() + ";)");
            return v;
        }
        if (a instanceof Name n && f.refs.containsKey(n.name())) return f.refs.get(n.name());
        return null;
    }

    Val call(Call c) {
        Prim p = Prim.byName(c.name());
        if (p == Prim.RWSEM_DOWN_FAILED)
            throw new MmtError(c.pos(), "rwsem_down_failed is down_read's and down_write's own slow path: call those");
        if (p == Prim.HW_STORE || p == Prim.HW_LOAD) checkOwnMm(c);
        if ((p == Prim.WAIT_FLUSH_IPI || p == Prim.FLUSH_IPI_SENDER || p == Prim.FLUSH_IPI_MM || p == Prim.ACK_FLUSH_IPI
                || p == Prim.LOAD_CR3_SWAPPER) && !lazyThread())
            throw new MmtError(c.pos(), c.name() + " from " + (g.thread.isAfter() ? "the after block" : "thread " + g.thread.name())
                    + ", which is not in lazy TLB mode: only a lazy CPU's kernel thread ('thread K on cpu N lazy MM') takes flush IPIs in library code");
        if ((p == Prim.PMD_READ || p == Prim.PMD_CLEAR || p == Prim.PMD_POPULATE || p == Prim.PTE_ALLOC_ONE || p == Prim.PTE_FREE)
                && g.world.nTableFrames == 0)
            throw new MmtError(c.pos(), c.name() + " works on page tables in frames, and this scenario's are static: add 'pagetables N' to it");
        if (p == Prim.VMA_UNLINK && !g.vmasGo) throw new CodeGen.VmasGo();   // vmas go: the list becomes state
        if (p == Prim.FIND_VMA && g.vmasGo) p = Prim.FIND_VMA_LIVE;          // ... and find_vma reads it, one step
        if ((p == Prim.VMA_FLAGS || p == Prim.VMA_WRITABLE) && g.vmFlagsState())
            throw new MmtError(c.pos(), c.name() + "() gives the map line's flags, and this scenario's code changes vm_flags: read vma->vm_flags");
        if (p != null) {
            if (c.args().size() != p.params.length)
                throw new MmtError(c.pos(), c.name() + " takes " + p.params.length + " argument" + (p.params.length == 1 ? "" : "s")
                        + ", not " + c.args().size());
            List<Val> args = new ArrayList<>();
            int addrArg = -1;
            Fields.Parts parts = null;
            for (int i = 0; i < c.args().size(); i++) {
                Val v;
                if (p.kind != Prim.Kind.PURE && addrArg < 0 && c.args().get(i) instanceof FieldAddress fa) {
                    // &p->f passed to a shared primitive: the step computes the address itself
                    parts = g.fields.fieldArgument(fa);
                    for (int j = i + 1; j < c.args().size(); j++) if (Assigns.passesAddress(c.args().get(j))) parts = g.fields.stable(parts, c.pos());
                    addrArg = i;
                    v = new Val(parts.handle().reg(), parts.type());
                } else v = g.expr(c.args().get(i));
                if (!p.params[i].accepts(v.type()))
                    throw new MmtError(c.args().get(i).pos(), "type error: argument " + (i + 1) + " of " + c.name()
                            + " must be " + p.params[i] + ", not " + v.type());
                args.add(v);
            }
            if (p.kind == Prim.Kind.BLOCKING && g.atomic > 0)
                throw new MmtError(c.pos(), c.name() + " may wait, and nothing waits inside atomic { }");
            boolean rwsemField = parts != null && g.fieldKind(parts.region()) == dev.mmcheck.model.Field.Kind.RWSEM;
            if (RWSEM_OPS.contains(p) && parts != null && !rwsemField)
                throw new MmtError(c.args().get(addrArg).pos(), c.name() + " takes a struct rw_semaphore (mm->mmap_sem), and this field is not one");
            if ((p == Prim.SPIN_LOCK || p == Prim.SPIN_UNLOCK) && rwsemField)
                throw new MmtError(c.args().get(addrArg).pos(), c.name() + " takes a spinlock_t, and this field is not one");
            if (RWSEM_OPS.contains(p) && parts == null)
                throw new MmtError(c.args().get(0).pos(), c.name() + " takes the semaphore's address: " + c.name() + "(&mm->mmap_sem)");
            if (RWSEM_OPS.contains(p) && !g.rwsemsReal) {
                // No concurrent thread takes a reader/writer semaphore for write: a down_read
                // could never wait and nothing reads what it records, so it is no step (the
                // after block, which runs alone, may take one for write). A writer elsewhere
                // makes CodeGen compile every thread again with them as steps.
                if ((p == Prim.DOWN_WRITE || p == Prim.UP_WRITE) && !g.thread.isAfter()) throw new CodeGen.RwsemWriter();
                g.fields.address(parts, c.pos());   // no step, but a NULL mm still oopses here
                return new Val(-1, Type.VOID);
            }
            if (p == Prim.DOWN_READ || p == Prim.DOWN_WRITE) {
                // down_*: take it or join the queue (one step); one that sleeps waits, as a step of
                // its own, until a release has granted it (rwsem_down_read_failed's loop).
                Val sleeps = g.fields.primAt(p, args, addrArg, parts, c.pos());
                // (at the argument's position: not the statement's own test, which a trace would show as "-> true")
                int awake = g.jump(dev.mmcheck.model.Instr.JZ, sleeps.reg(), c.args().get(0).pos());
                g.fields.primAt(Prim.RWSEM_DOWN_FAILED, args, addrArg, parts, c.pos());
                g.patch(awake);
                return new Val(-1, Type.VOID);
            }
            return addrArg >= 0 ? g.fields.primAt(p, args, addrArg, parts, c.pos()) : g.prim(p, args, c.pos());
        }
        return inline(c);
    }

    /**
     * A user access goes through the MMU of the thread's CPU, which caches translations only
     * for the mm the thread runs in (its CPU is in that mm's mask, so shootdowns reach it). An
     * access to another mm, or from a thread in none, would fill a TLB no flush ever reaches.
     */
    private boolean lazyThread() {
        for (var t : g.world.threads) if (t.name().equals(g.thread.name()) && !g.thread.isAfter()) return t.lazyMm() >= 0;
        return false;
    }

    private void checkOwnMm(Call c) {
        if (g.thread.mm() < 0)
            throw new MmtError(c.pos(), c.name() + " from " + (g.thread.isAfter() ? "the after block" : "thread " + g.thread.name())
                    + ", which runs in no address space: user accesses need a thread declared 'in MM'");
        String own = g.world.mms.get(g.thread.mm()).name();
        // A local (the library's user_store passes its parameter on) is checked when the step runs.
        if (!c.args().isEmpty() && c.args().get(0) instanceof Name n && g.frames.peek().locals.containsKey(n.name())) return;
        if (c.args().isEmpty() || !(c.args().get(0) instanceof Name n) || !n.name().equals(own))
            throw new MmtError(c.args().isEmpty() ? c.pos() : c.args().get(0).pos(), c.name() + " must name the address space its thread runs in ("
                    + own + "): its CPU caches translations for that mm only");
    }

    private Val inline(Call c) {
        if (g.lib.candidates(c.name()).isEmpty())
            throw new MmtError(c.pos(), "unknown routine '" + c.name() + "'" + Suggest.closest(c.name(), g.lib));
        Resolver.Choice choice = g.resolver.pick(c.name(), c.pos());
        Ast.Routine r = choice.entry().routine();
        g.used.computeIfAbsent(c.name(), n -> new Model.RoutineUse(n, r.variant(), r.pos(), choice.how(), choice.entry().local(), true));
        for (Frame f : g.frames) {
            if (f == g.frames.peekLast()) break;   // the thread's body, not a routine: a thread may share a routine's name
            if (f.routine.equals(c.name())) {
                StringBuilder chain = new StringBuilder();
                List<Frame> fs = new ArrayList<>(g.frames);
                java.util.Collections.reverse(fs);
                for (Frame g : fs.subList(1, fs.size())) chain.append(g.routine).append(" -> ");
                throw new MmtError(c.pos(), "recursion: " + chain + c.name() + " (calls are inlined, so a routine cannot call itself)");
            }
        }
        if (c.args().size() != r.params().size())
            throw new MmtError(c.pos(), c.name() + " takes " + r.params().size() + " argument" + (r.params().size() == 1 ? "" : "s")
                    + ", not " + c.args().size() + " (" + r.pos() + ")");
        List<Val> args = new ArrayList<>();
        List<Val> refs = new ArrayList<>();   // per argument: the caller's local it aliases, or null
        for (int i = 0; i < c.args().size(); i++) {
            Expr a = c.args().get(i);
            Val ref = outParameter(a);
            refs.add(ref);
            if (ref != null) { args.add(null); continue; }
            Val v = g.expr(a);
            if (v.type() == Type.VOID) throw new MmtError(a.pos(), "this call returns nothing; it cannot be an argument");
            // A kernel C header's parameter type is checked where the call passes it.
            Type declared = CTypes.ofHeader(r.params().get(i).type());
            if (declared != null && !declared.accepts(v.type()) && !(declared == Type.BOOL && v.type().isTruthy()))
                throw new MmtError(a.pos(), "type error: argument " + (i + 1) + " of " + c.name() + " must be " + declared + ", not " + v.type());
            args.add(v);
        }
        if (g.frames.size() > CodeGen.MAX_CALL_DEPTH)
            throw new MmtError(c.pos(), "calls nested more than " + CodeGen.MAX_CALL_DEPTH + " deep (every call is inlined)");
        Frame f = new Frame(c.name(), g.atomic, r.inline());
        f.result = g.reg();
        // The argument moves are the caller's code (its line, its routine), emitted before the
        // callee's frame is entered, so coverage does not blame a call that never ran on the callee.
        for (int i = 0; i < args.size(); i++) {
            if (refs.get(i) != null) { f.refs.put(r.params().get(i).name(), refs.get(i)); continue; }
            Val arg = args.get(i);
            // A bool parameter of a kernel C header makes any value 0 or 1, as C's bool does.
            if ("bool".equals(r.params().get(i).type()) && arg.type() != Type.BOOL) arg = g.truth(arg, c.pos());
            String name = r.params().get(i).name();
            if (!g.isNamed(arg.reg()) && !Assigns.in(r.body(), name)) {
                // A value no name holds (a constant, an expression's result), passed to a parameter
                // the routine never writes: the parameter is that register. No copy, so no local
                // lives on across the routine's steps only to hold what a constant says.
                f.locals.put(name, arg);
                continue;
            }
            Val param = new Val(g.reg(), arg.type());
            f.locals.put(name, param);
            g.mov(param.reg(), arg.reg(), c.pos());
        }
        g.frames.push(f);
        g.block(r.body());
        g.resolveGotos(f);
        g.frames.pop();
        g.patchAll(f.returns, g.pc());
        if (f.returnsValue == null || !f.returnsValue) return new Val(f.result, Type.VOID);
        if ("bool".equals(r.returns()) && f.resultType != Type.BOOL) return g.truth(new Val(f.result, f.resultType), c.pos());
        return new Val(f.result, f.resultType);
    }
}

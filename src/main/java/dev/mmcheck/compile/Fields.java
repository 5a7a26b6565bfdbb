package dev.mmcheck.compile;

import dev.mmcheck.compile.CodeGen.Val;
import dev.mmcheck.lang.Ast.*;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Pos;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The code for the fields of kernel structures: {@code p->f} (one shared read, or the
 * topology's primitive), {@code &p->f} (an address, or a shared primitive's field argument
 * whose address its own step computes), {@code p->f = v} and {@code p->f op= v}. Part of
 * {@link CodeGen}, whose emitter it uses.
 */
final class Fields {
    private final CodeGen g;
    private final Structs structs;

    Fields(CodeGen g, Structs structs) {
        this.g = g;
        this.structs = structs;
    }

    /** {@code p->f} (or {@code p->f[i]}): a topology field folds into the step; any other is one shared read. */
    Val member(Member m) {
        Val p = g.expr(m.pointer());
        Structs.Member f = resolveMember(m, p.type());
        if (f.field().isLock())
            throw new MmtError(m.pos(), "'" + m.field() + "' is a lock: take it with " + (f.field().kind() == dev.mmcheck.model.Field.Kind.RWSEM
                    ? "down_read or down_write" : "spin_lock") + "(&...->" + m.field() + ")");
        if (f.topology() != null) return g.prim(f.topology(), List.of(p), m.pos());
        Parts parts = fieldParts(m, p, f);
        return new Val(primAt(Prim.FIELD_LOAD, List.of(p), 0, parts, m.pos()).reg(), f.field().type());
    }

    /**
     * {@code &p->f}: the field's index in the state vector (a spinlock_t * for a lock). Only an
     * integer field (a flag word, a counter...) or a lock has one to give: bit and atomic
     * operations on a pointer or a PTE would forge them.
     */
    Val fieldAddress(Member m) {
        Val p = g.expr(m.pointer());
        return fieldAddress(m, p, addressable(m, p));
    }

    /** The field {@code &p->f} names, when it has an address to give (see {@link #fieldAddress(Member)}). */
    private Structs.Member addressable(Member m, Val p) {
        Structs.Member f = resolveMember(m, p.type());
        if (f.field().type() != Type.INT && !f.field().isLock() && f.topology() == null)
            throw new MmtError(m.pos(), "'&...->" + m.field() + "': mmcheck gives the address of integer fields and locks only (this one is "
                    + f.field().type() + ")");
        return f;
    }

    private Val fieldAddress(Member m, Val p, Structs.Member f) {
        return address(fieldParts(m, p, f), m.pos());
    }

    /** The address a field's parts name, computed (FIELD_ADDR: no step; a NULL handle stops the thread there). */
    Val address(Parts parts, Pos pos) {
        Val region = g.constant(parts.region(), Type.INT, pos);
        Val index = parts.indexConst() >= 0 ? g.constant(parts.indexConst(), Type.INT, pos) : parts.index();
        Val a = g.prim(Prim.FIELD_ADDR, List.of(parts.handle(), region, index), pos);
        return new Val(a.reg(), parts.type());
    }

    /** {@code p->f} or {@code p->f[i]} as its parts, the index checked against the array when it is a constant. */
    private Parts fieldParts(Member m, Val p, Structs.Member f) {
        if (f.topology() == Prim.VMA_FLAGS) throw new CodeGen.VmFlagsWritten();   // &vma->vm_flags (set_bit...): make it state
        if (f.topology() != null)
            throw new MmtError(m.pos(), "'" + m.field() + "' is fixed by the scenario's topology: it has no address");
        Type type = f.field().isLock() ? Type.LOCK : Type.ADDR;
        if (m.index() == null) {
            if (f.length() > 0) throw new MmtError(m.pos(), "'" + m.field() + "' is an array: say which element, " + m.field() + "[i]");
            return new Parts(p, f.region(), 0, null, type);
        }
        if (f.length() == 0) throw new MmtError(m.index().pos(), "'" + m.field() + "' is not an array");
        if (m.index() instanceof IntLit lit) {
            if (lit.value() < 0 || lit.value() >= f.length())
                throw new MmtError(m.index().pos(), "'" + m.field() + "' has " + f.length() + " elements; there is no [" + lit.value() + "]");
            return new Parts(p, f.region(), lit.value(), null, type);
        }
        Val index = g.expr(m.index());
        g.expectType(index, Type.INT, m.index().pos(), "an array index");
        return new Parts(p, f.region(), -1, index, type);
    }

    /** {@code &p->f} as an argument of a shared primitive: its parts, for {@link #primAt}; the same checks as {@link #fieldAddress(Member)}. */
    Parts fieldArgument(FieldAddress fa) {
        Member m = fa.member();
        Val p = g.expr(m.pointer());
        return fieldParts(m, p, addressable(m, p));
    }

    private Structs.Member resolveMember(Member m, Type t) {
        Structs.Member f = structs.member(t, m.field());
        if (f == null) {
            dev.mmcheck.model.Instances i = dev.mmcheck.model.Instances.of(t);
            if (i == null) throw new MmtError(m.pos(), "'->' needs a pointer to a kernel structure, not " + t);
            throw new MmtError(m.pos(), "struct " + i.struct + " has no field '" + m.field() + "' (" + structs.fieldList(t) + ")");
        }
        return f;
    }

    /** {@code p->f = v;}: one shared write (the pointer and the value are computed first, in that order). */
    void fieldStore(FieldStore fs) {
        Member m = fs.target();
        Val p = g.expr(m.pointer());
        Structs.Member f = resolveMember(m, p.type());
        if (f.topology() == Prim.VMA_FLAGS) throw new CodeGen.VmFlagsWritten();   // vmas change: vm_flags becomes state
        if (f.field().isLock())
            throw new MmtError(fs.pos(), "'" + m.field() + "' is a lock: use " + (f.field().kind() == dev.mmcheck.model.Field.Kind.RWSEM
                    ? "down_read/up_read or down_write/up_write" : "spin_lock and spin_unlock"));
        Parts parts = fieldParts(m, p, f);
        if (Assigns.passesAddress(fs.value())) parts = stable(parts, fs.pos());
        Val v;
        if (fs.op() == null) v = g.expr(fs.value());
        else {
            // p->f op= e: C computes p->f's address once (the handle and index are computed once
            // and each step finds the same field from them); the read and the write are two steps.
            if (f.field().type() != Type.INT)
                throw new MmtError(fs.pos(), "type error: '" + fs.op() + "=' takes an integer field, " + m.field() + " is " + f.field().type());
            Val cur = new Val(primAt(Prim.FIELD_LOAD, List.of(p), 0, parts, m.pos()).reg(), Type.INT);
            Val e = g.expr(fs.value());
            g.expectType(e, Type.INT, fs.value().pos(), "the operand of '" + fs.op() + "='");
            Ir ir = g.emit(Instr.BINARY, fs.pos());
            ir.operator = fs.op();
            ir.a = cur.reg();
            ir.b = e.reg();
            ir.dst = g.reg();
            v = new Val(ir.dst, Type.INT);
        }
        if (!f.field().type().accepts(v.type()))
            throw new MmtError(fs.value().pos(), "type error: " + m.field() + " is " + f.field().type() + ", this value is " + v.type());
        if (f.field().type() == Type.BOOL && v.type() != Type.BOOL) v = g.truth(v, fs.pos());
        primAt(Prim.FIELD_STORE, List.of(p, v), 0, parts, fs.pos());
    }

    /**
     * A field's parts held in registers nothing else writes: C computes a field's address once,
     * so when code evaluated before the access could write the local that holds the handle or
     * the index (through {@code &p}), the access uses a copy made now.
     */
    Parts stable(Parts f, Pos pos) {
        Val h = f.handle(), i = f.index();
        if (g.isNamed(h.reg())) { Val c = new Val(g.reg(), h.type()); g.mov(c.reg(), h.reg(), pos); h = c; }
        if (i != null && g.isNamed(i.reg())) { Val c = new Val(g.reg(), i.type()); g.mov(c.reg(), i.reg(), pos); i = c; }
        return new Parts(h, f.region(), f.indexConst(), i, f.type());
    }

    /** A field's address as its parts: the handle, the field, the element (a constant, or a register). */
    record Parts(Val handle, int region, int indexConst, Val index, Type type) {}

    /**
     * A shared primitive one of whose arguments is {@code &p->f}: the argument is the handle,
     * and the step computes the address (Instr.addrArg), so no address is kept in a local.
     */
    Val primAt(Prim p, List<Val> args, int addrArg, Parts f, Pos pos) {
        List<Val> all = new ArrayList<>(args);
        all.set(addrArg, f.handle());
        if (f.indexConst() < 0) all.add(f.index());
        Val r = g.prim(p, all, pos);
        Ir ir = g.last();
        ir.addrArg = addrArg;
        ir.addrRegion = f.region();
        ir.addrIndexConst = f.indexConst();
        return r;
    }
}

package dev.mmcheck.compile;

import dev.mmcheck.compile.CodeGen.Val;
import dev.mmcheck.lang.Ast.Binary;
import dev.mmcheck.lang.Ast.Conditional;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Pos;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Type;
import java.util.List;

/** The code for C's operators: {@code ?:}, unary and binary ones ({@code &&}, {@code ||} short-circuit), and bool's !!. */
final class Operators {
    private final CodeGen g;

    Operators(CodeGen g) { this.g = g; }

    /** {@code c ? a : b}: only the arm taken is evaluated, as in C. */
    Val conditional(Conditional c) {
        int out = g.reg();
        int jz = g.jump(Instr.JZ, g.cond(c.cond()).reg(), c.pos());
        Val a = g.expr(c.then());
        g.mov(out, a.reg(), c.pos());
        int jmp = g.jump(Instr.JMP, 0, c.pos());
        g.patch(jz);
        Val b = g.expr(c.otherwise());
        g.mov(out, b.reg(), c.pos());
        g.patch(jmp);
        Type t = a.type() == Type.NULL ? b.type() : a.type();
        if (!t.accepts(b.type()) || !t.accepts(a.type()) || t == Type.VOID)
            throw new MmtError(c.pos(), "type error: the arms of '?:' are " + a.type() + " and " + b.type());
        return new Val(out, t);
    }


    Val unary(String op, Val v, Type t, Pos pos) {
        Ir ir = g.emit(Instr.UNARY, pos);
        ir.operator = op;
        ir.a = v.reg();
        ir.dst = g.reg();
        return new Val(ir.dst, t);
    }

    Val binary(Binary b) {
        String op = b.op();
        if (op.equals("&&") || op.equals("||")) {
            // out = !!left; && stops when it is 0, || when it is 1; else out = !!right.
            int out = g.reg();
            normalize(out, g.cond(b.left()).reg(), b.pos());
            int test = out;
            if (op.equals("||")) {
                test = g.reg();
                Ir not = g.emit(Instr.UNARY, b.pos());
                not.operator = "!";
                not.a = out;
                not.dst = test;
            }
            int shortCut = g.jump(Instr.JZ, test, b.pos());
            normalize(out, g.cond(b.right()).reg(), b.pos());
            g.patch(shortCut);
            return new Val(out, Type.BOOL);
        }
        Val l = g.expr(b.left()), r = g.expr(b.right());
        Type result;
        switch (op) {
            case "==", "!=" -> {
                if (!l.type().accepts(r.type()) && !r.type().accepts(l.type()))
                    throw new MmtError(b.pos(), "type error: cannot compare " + l.type() + " with " + r.type()
                            + (l.type() == Type.PTE ? " (use pte_same)" : ""));
                result = Type.BOOL;
            }
            default -> {
                // As in C, a truth value is a number here.
                for (Val v : List.of(l, r))
                    if (v.type() != Type.INT && v.type() != Type.BOOL)
                        throw new MmtError(b.pos(), "type error: '" + op + "' takes int, not " + v.type());
                result = op.equals("<") || op.equals("<=") || op.equals(">") || op.equals(">=") ? Type.BOOL : Type.INT;
            }
        }
        Ir ir = g.emit(Instr.BINARY, b.pos());
        ir.operator = op;
        ir.a = l.reg();
        ir.b = r.reg();
        ir.dst = g.reg();
        return new Val(ir.dst, result);
    }

    /** !!v, as a bool: what C's bool makes of any value. */
    Val truth(Val v, Pos pos) {
        int out = g.reg();
        normalize(out, v.reg(), pos);
        return new Val(out, Type.BOOL);
    }

    /** dst = !!src: any truthy value becomes 1. */
    void normalize(int dst, int src, Pos pos) {
        for (int from : new int[] {src, dst}) {
            Ir ir = g.emit(Instr.UNARY, pos);
            ir.operator = "!";
            ir.a = from;
            ir.dst = dst;
        }
    }
}

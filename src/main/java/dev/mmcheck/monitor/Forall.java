package dev.mmcheck.monitor;

import dev.mmcheck.kernel.Primitives;
import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import java.util.List;

/**
 * forall (docs/invariants.md): the scenario's own conditions, over kernel fields, PTEs, disk
 * and memory, each of which must hold in every final state (herd's forall; herd's exists is a
 * forall of the negation, whose violation is the witness). A condition is compiled code that
 * only reads (CodeGen refuses any other primitive); it runs here, on a copy of the state.
 */
final class Forall extends Monitor {
    private Ctx ctx;
    private int[] copy, locals;

    Forall() { super(Invariant.FORALL); }

    @Override public When when() { return When.END; }

    @Override public String check(Model m, int[] s) {
        if (ctx == null) {
            ctx = new Ctx(m, List.of());
            copy = new int[s.length];
        }
        for (Model.Condition c : m.conditions()) {
            System.arraycopy(s, 0, copy, 0, s.length);
            String why = holds(m, c, copy);
            if (why != null) return why;
        }
        return null;
    }

    /** null when the condition holds in state s, else what the report says. */
    private String holds(Model m, Model.Condition c, int[] s) {
        Instr[] code = c.program().code();
        if (locals == null || locals.length < c.program().nLocals()) locals = new int[Math.max(1, c.program().nLocals())];
        java.util.Arrays.fill(locals, 0);
        ctx.begin(s, 0, 0);
        for (int pc = 0, steps = 0; pc >= 0 && pc < code.length && steps < 1_000_000; steps++) {
            Instr in = code[pc];
            switch (in.op) {
                case Instr.CONST -> { locals[in.dst] = in.a; pc++; }
                case Instr.MOV -> { locals[in.dst] = locals[in.a]; pc++; }
                case Instr.UNARY -> { locals[in.dst] = Instr.unary(in.opcode, locals[in.a]); pc++; }
                case Instr.BINARY -> {
                    if ((in.opcode == 3 || in.opcode == 4) && locals[in.b] == 0) return c.text() + ": division by zero";
                    locals[in.dst] = Instr.binary(in.opcode, locals[in.a], locals[in.b]);
                    pc++;
                }
                case Instr.JMP -> pc = in.target;
                case Instr.JZ -> pc = locals[in.a] == 0 ? in.target : pc + 1;
                case Instr.PRIM -> {
                    int[] a = new int[in.args.length];
                    for (int i = 0; i < a.length; i++) a[i] = (in.immArgs & (1 << i)) != 0 ? in.args[i] : locals[in.args[i]];
                    if (in.addrArg >= 0) {
                        int addr = in.address(m.layout(), a);
                        if (addr == 0) return c.text() + ": " + in.addressError(m.layout(), a);
                        a[in.addrArg] = addr;
                    }
                    for (int i = 0; i < a.length; i++)
                        if ((in.handleArgs & (1 << i)) != 0 && a[i] == 0) return c.text() + ": NULL passed to " + in.prim.cname;
                    int r = Primitives.exec(in.prim, ctx, a);
                    if (ctx.oops) return c.text() + ": " + ctx.messages[Invariant.BUG.ordinal()];
                    if (in.dst >= 0) locals[in.dst] = r;
                    pc++;
                }
                case Instr.ASSERT -> { return locals[in.a] != 0 ? null : "the final state breaks " + c.text(); }
                case Instr.ATOMIC_BEGIN, Instr.ATOMIC_END -> pc++;
                default -> { return c.text() + ": the condition does what a condition cannot (" + in + ")"; }
            }
        }
        return c.text() + ": the condition does not finish";
    }
}

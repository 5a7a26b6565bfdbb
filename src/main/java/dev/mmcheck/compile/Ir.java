package dev.mmcheck.compile;

import dev.mmcheck.lang.Pos;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Prim;

/** A mutable instruction, in registers; becomes an {@link Instr} in slots at the end. */
final class Ir {
    int op, dst = -1, a, b, target = -1;
    String operator, message;
    int[] args = new int[0];
    /** PRIM: bit i set when args[i] is the value itself, not a register (a constant operand). */
    int immArgs;
    /** PRIM: the argument that is a field's address, computed in the step from a handle (-1 for none); see Instr. */
    int addrArg = -1, addrRegion, addrIndexConst = -1;
    Prim prim;
    Pos pos, stmt, ownStmt;
    String routine, owner;
    /** The routines (not C inline) this instruction was inlined through, outermost first; see Instr#calls. */
    java.util.List<String> calls;

    int[] uses() {
        return switch (op) {
            case Instr.MOV, Instr.UNARY, Instr.JZ, Instr.BUG, Instr.ASSERT -> new int[] {a};
            case Instr.BINARY -> new int[] {a, b};
            case Instr.PRIM -> {
                int n = 0;
                for (int i = 0; i < args.length; i++) if ((immArgs & (1 << i)) == 0) n++;
                int[] u = new int[n];
                n = 0;
                for (int i = 0; i < args.length; i++) if ((immArgs & (1 << i)) == 0) u[n++] = args[i];
                yield u;
            }
            default -> new int[0];
        };
    }

    int[] successors(int pc, int n) {
        return switch (op) {
            case Instr.JMP -> new int[] {target};
            case Instr.JZ -> new int[] {pc + 1, target};
            case Instr.CHOOSE -> args;
            case Instr.END -> new int[0];
            default -> pc + 1 < n ? new int[] {pc + 1} : new int[0];
        };
    }
}

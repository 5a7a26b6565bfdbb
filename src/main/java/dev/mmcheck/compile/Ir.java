package dev.mmcheck.compile;

import dev.mmcheck.lang.Pos;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Prim;

/** A mutable instruction, in registers; becomes an {@link Instr} in slots at the end. */
final class Ir {
    int op, dst = -1, a, b, target = -1;
    String operator, message;
    int[] args = new int[0];
    Prim prim;
    Pos pos, stmt, ownStmt;
    String routine, owner;

    int[] uses() {
        return switch (op) {
            case Instr.MOV, Instr.UNARY, Instr.JZ, Instr.BUG, Instr.ASSERT -> new int[] {a};
            case Instr.BINARY -> new int[] {a, b};
            case Instr.PRIM -> args;
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

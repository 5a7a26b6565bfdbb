package dev.mmcheck.model;

import dev.mmcheck.lang.Pos;

/**
 * One instruction of a thread's step program. Operands are local slots of the thread (its part
 * of the state vector). An instruction is "visible" when it touches shared state: a step runs
 * exactly one visible instruction (or one atomic block) and the local ones after it, up to the
 * next visible one.
 */
public final class Instr {
    public static final int CONST = 0, MOV = 1, UNARY = 2, BINARY = 3, JMP = 4, JZ = 5, PRIM = 6,
            ATOMIC_BEGIN = 7, ATOMIC_END = 8, CHOOSE = 9, BUG = 10, ASSERT = 11, END = 12, GAP = 13;

    public static final String[] OPERATORS = {
        "+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "==", "!=", "<", "<=", ">", ">=", "!", "neg", "~"
    };

    public final int op;
    /** Destination slot, or -1. */
    public final int dst;
    /** CONST: the value; MOV/UNARY/JZ/BUG/ASSERT: the operand slot; BINARY: left slot. */
    public final int a;
    /** BINARY: right slot. */
    public final int b;
    /** UNARY/BINARY: the operator, as written and as an index into {@link #OPERATORS}. */
    public final String operator;
    public final int opcode;
    /** PRIM: argument slots; CHOOSE: the arms' first instructions. */
    public final int[] args;
    public final int target;
    public final Prim prim;
    /** PRIM: bit i set when argument i is a handle (a lock included), which must not be NULL. */
    public final int handleArgs;
    /** PRIM: bit i set when args[i] is the argument's value (a constant), not a slot. */
    public final int immArgs;
    /**
     * PRIM: the argument that is a kernel field's address ({@code &page->flags}), or -1. Its slot
     * holds the structure's handle, and the step itself computes the address (field addrRegion,
     * element addrIndexConst, or, when that is -1, the value of the slot after the primitive's
     * own arguments): so the address is never a local that lives from one step to the next.
     */
    public final int addrArg, addrRegion, addrIndexConst;
    /** BUG/ASSERT/GAP: what to report. */
    public final String message;
    public final Pos pos;
    /** The statement this instruction belongs to: what a trace shows. */
    public final Pos stmt;
    /**
     * The routine a trace names for this instruction: the innermost one it was inlined from
     * that is not C's inline (whose code shows as its caller's); the thread's name for its body.
     */
    public final String routine;
    /** The routine whose code this is (an inline one included), and its statement there: what coverage counts. */
    public final String owner;
    public final Pos ownStmt;
    /**
     * The calls this instruction was inlined through, outermost first: the routines a thread's
     * statement called down to {@link #routine} (C inline ones left out, as the trace shows
     * them as their caller); empty in the thread's own body. What a trace folds by.
     */
    public final java.util.List<String> calls;

    public Instr(int op, int dst, int a, int b, String operator, int[] args, int target, Prim prim,
                 String message, Pos pos, Pos stmt, String routine, String owner, Pos ownStmt,
                 int immArgs, int addrArg, int addrRegion, int addrIndexConst, java.util.List<String> calls) {
        this.calls = calls == null ? java.util.List.of() : calls;
        this.immArgs = immArgs;
        this.addrArg = addrArg;
        this.addrRegion = addrRegion;
        this.addrIndexConst = addrIndexConst;
        this.op = op;
        this.dst = dst;
        this.a = a;
        this.b = b;
        this.operator = operator;
        this.opcode = operator == null ? -1 : java.util.Arrays.asList(OPERATORS).indexOf(operator);
        this.args = args;
        this.target = target;
        this.prim = prim;
        int h = 0;
        if (prim != null) for (int i = 0; i < prim.params.length; i++) if (prim.params[i].isHandle()) h |= 1 << i;
        this.handleArgs = h;
        this.message = message;
        this.pos = pos;
        this.stmt = stmt;
        this.routine = routine;
        this.owner = owner;
        this.ownStmt = ownStmt;
        this.visible = switch (op) {
            case PRIM -> prim.kind != Prim.Kind.PURE;
            case ATOMIC_BEGIN, CHOOSE -> true;
            default -> false;
        };
    }

    /**
     * The address of this instruction's field argument, from the argument values a (the handle at
     * addrArg, the element index last when not constant); 0 when the handle is NULL or names no
     * instance, or the index is outside the array ({@link #addressError} says which).
     */
    public int address(Layout l, int[] a) {
        int h = a[addrArg], idx = addrIndexConst >= 0 ? addrIndexConst : a[a.length - 1];
        if (h <= 0 || h > l.count(addrRegion) || idx < 0 || idx >= l.fields[addrRegion].length()) return 0;
        return l.field(addrRegion, h - 1, idx);
    }

    /** Why {@link #address} gave 0. */
    public String addressError(Layout l, int[] a) {
        int h = a[addrArg], idx = addrIndexConst >= 0 ? addrIndexConst : a[a.length - 1];
        if (h == 0) return "NULL pointer dereference";
        if (h < 0 || h > l.count(addrRegion)) return "a pointer to " + l.fields[addrRegion].struct() + " #" + h + ", which does not exist";
        return "index " + idx + " out of range of " + l.fields[addrRegion].name() + "[" + l.fields[addrRegion].length() + "]";
    }

    /** Touches shared state: a step runs one such instruction (computed once: the interpreter asks for every instruction). */
    public final boolean visible;

    public boolean visible() { return visible; }

    public boolean blocking() { return op == PRIM && prim.kind == Prim.Kind.BLOCKING; }

    @Override public String toString() {
        String body = switch (op) {
            case CONST -> "v" + dst + " = " + a;
            case MOV -> "v" + dst + " = v" + a;
            case UNARY -> "v" + dst + " = " + operator + "v" + a;
            case BINARY -> "v" + dst + " = v" + a + " " + operator + " v" + b;
            case JMP -> "jmp " + target;
            case JZ -> "jz v" + a + ", " + target;
            case PRIM -> (dst >= 0 ? "v" + dst + " = " : "") + prim.cname + java.util.Arrays.toString(args);
            case ATOMIC_BEGIN -> "atomic {";
            case ATOMIC_END -> "}";
            case CHOOSE -> "choose " + java.util.Arrays.toString(args);
            case BUG -> "BUG_ON v" + a;
            case ASSERT -> "assert v" + a;
            case GAP -> "unmodelled";
            case END -> "end";
            default -> "?";
        };
        return body + "    // " + routine + " " + (pos == null ? "" : pos.line());
    }

    /** What a UNARY instruction computes (its opcode, its operand). */
    public static int unary(int op, int v) {
        return switch (op) {
            case 16 -> v == 0 ? 1 : 0;   // !
            case 17 -> -v;               // neg
            default -> ~v;               // ~
        };
    }

    /** What a BINARY instruction computes; a zero divisor is the caller's to refuse. */
    public static int binary(int opcode, int a, int b) {
        return switch (opcode) {
            case 0 -> a + b;
            case 1 -> a - b;
            case 2 -> a * b;
            case 3 -> a / b;    // a zero divisor never gets here: the step reports it as a BUG
            case 4 -> a % b;
            case 5 -> a << b;
            case 6 -> a >> b;
            case 7 -> a & b;
            case 8 -> a | b;
            case 9 -> a ^ b;
            case 10 -> a == b ? 1 : 0;
            case 11 -> a != b ? 1 : 0;
            case 12 -> a < b ? 1 : 0;
            case 13 -> a <= b ? 1 : 0;
            case 14 -> a > b ? 1 : 0;
            default -> a >= b ? 1 : 0;
        };
    }
}

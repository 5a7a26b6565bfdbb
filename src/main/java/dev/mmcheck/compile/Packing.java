package dev.mmcheck.compile;

import dev.mmcheck.model.Instr;
import dev.mmcheck.model.ThreadProgram;
import java.util.ArrayList;
import java.util.List;

/** A thread's code, compiled: no-op jumps dropped, registers packed into slots by liveness, the step program. */
final class Packing {
    private Packing() {}

    /** Registers into slots by liveness, then the step program. */
    static ThreadProgram finish(List<Ir> code, int nRegs, CodeGen.ThreadDeclInfo t) {
        code = dropNoOpJumps(code);
        long[][] liveRegs = Liveness.liveIn(code, nRegs);
        int[] slot = Liveness.allocate(code, nRegs, liveRegs);
        int nSlots = 0;
        for (int s : slot) nSlots = Math.max(nSlots, s + 1);
        for (Ir ir : code) {
            if (ir.dst >= 0) ir.dst = slot[ir.dst];
            if (ir.op == Instr.MOV || ir.op == Instr.UNARY || ir.op == Instr.JZ || ir.op == Instr.BUG || ir.op == Instr.ASSERT)
                ir.a = slot[ir.a];
            if (ir.op == Instr.BINARY) { ir.a = slot[ir.a]; ir.b = slot[ir.b]; }
            if (ir.op == Instr.PRIM)
                for (int i = 0; i < ir.args.length; i++) if ((ir.immArgs & (1 << i)) == 0) ir.args[i] = slot[ir.args[i]];
        }
        long[][] live = Liveness.liveIn(code, nSlots);
        Instr[] out = new Instr[code.size()];
        for (int pc = 0; pc < out.length; pc++) {
            Ir ir = code.get(pc);
            out[pc] = new Instr(ir.op, ir.dst, ir.a, ir.b, ir.operator, ir.args, ir.target, ir.prim, ir.message,
                    ir.pos, ir.stmt, ir.routine, ir.owner, ir.ownStmt, ir.immArgs, ir.addrArg, ir.addrRegion, ir.addrIndexConst, ir.calls);
        }
        return new ThreadProgram(t.name(), t.cpu(), t.mm(), t.isAfter(), out, nSlots, live);
    }

    /**
     * Removes the jumps to the next instruction (a `return` at a routine's end, a loop's last
     * `continue`...): they change nothing, and every instruction a step runs costs time.
     */
    static List<Ir> dropNoOpJumps(List<Ir> code) {
        while (true) {
            int n = code.size();
            boolean[] drop = new boolean[n];
            boolean any = false;
            for (int pc = 0; pc < n; pc++) {
                Ir ir = code.get(pc);
                if ((ir.op == Instr.JMP || ir.op == Instr.JZ) && ir.target == pc + 1) { drop[pc] = true; any = true; }
            }
            if (!any) return code;
            int[] to = new int[n + 1];   // old pc -> new pc of the first instruction kept at or after it
            int k = 0;
            for (int pc = 0; pc < n; pc++) { to[pc] = k; if (!drop[pc]) k++; }
            to[n] = k;
            List<Ir> kept = new ArrayList<>();
            for (int pc = 0; pc < n; pc++) if (!drop[pc]) kept.add(code.get(pc));
            for (Ir ir : kept) {
                if (ir.op == Instr.JMP || ir.op == Instr.JZ) ir.target = to[ir.target];
                if (ir.op == Instr.CHOOSE) for (int i = 0; i < ir.args.length; i++) ir.args[i] = to[ir.args[i]];
            }
            code = kept;
        }
    }
}

package dev.mmcheck.check;

import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Prim;
import java.util.List;

/**
 * What one transition was, for a trace: a thread's step (its visible instruction, what the
 * step read from shared state, and which way its statement's test went) or a CPU's hardware
 * event. Built only when a trace is replayed, never during the search.
 */
public record Step(int cpu, int thread, Instr instr, String event, String note, List<Read> reads, Boolean branch) {
    /**
     * A value a step read from shared state: the primitive, what it returned, and for a read
     * of a kernel structure's field its index in the state vector (else 0), so that the value
     * reads as that field's ("J_COMMITTING_TRANSACTION", not 2).
     */
    public record Read(Prim prim, int value, int field) {}

    static Step thread(int cpu, int thread, Instr instr, String note, List<Read> reads, Boolean branch) {
        return new Step(cpu, thread, instr, null, note, List.copyOf(reads), branch);
    }

    static Step hardware(int cpu, String event) { return new Step(cpu, -1, null, event, null, List.of(), null); }

    public boolean isHardware() { return thread < 0; }
}

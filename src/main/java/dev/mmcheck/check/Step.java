package dev.mmcheck.check;

import dev.mmcheck.model.Instr;

/**
 * What one transition was, for a trace: a thread's step (its visible instruction) or a CPU's
 * hardware event. Built only when a trace is replayed, never during the search.
 */
public record Step(int cpu, int thread, Instr instr, String event, String note) {
    public boolean isHardware() { return thread < 0; }
}

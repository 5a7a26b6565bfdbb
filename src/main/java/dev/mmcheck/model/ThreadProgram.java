package dev.mmcheck.model;

/**
 * One thread's compiled code. {@code live[pc]} is the set of local slots that may still be read
 * from pc on: the others are zeroed after every step so that dead values never split states.
 */
public record ThreadProgram(String name, int cpu, int mm, boolean isAfter, Instr[] code, int nLocals,
                            long[][] live) {
    public static final int DONE = -1;

    /** How a trace names the thread: its name, or "after" for the after block. */
    public String label() { return isAfter ? "after" : name; }
}

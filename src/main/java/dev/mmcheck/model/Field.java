package dev.mmcheck.model;

/**
 * A field of a kernel structure, as the library (or a scenario) declares it: one region of the
 * state vector holding {@code length} ints (1 for a scalar) for each instance of the structure.
 * Which instances there are is the machine's topology: one struct page per page, one
 * buffer_head per block, one mm_struct per address space, one address_space per file, one
 * vm_area_struct per mapping ({@link Instances}).
 *
 * @param kind      how the value behaves and reads in a trace
 * @param type      the value's type in the language (INT for flag words, counters and plain ints)
 * @param names     for FLAGS: names[i] names bit i; for ENUM: names[v] names value v (null where none)
 */
public record Field(String struct, String name, Instances instances, int length, Kind kind, Type type, String[] names) {
    /** An rw_semaphore's holders word while held for write (machine/Rwsem.WRITER is this bit). */
    public static final int RWSEM_WRITER = 1 << 30;

    /** A lock of either kind: no ->read or ->write of it, only its primitives. */
    public boolean isLock() { return kind == Kind.LOCK || kind == Kind.RWSEM; }

    public enum Kind {
        /** a flag word: bits set and cleared ({@code page->flags}, {@code bh->b_state}) */
        FLAGS,
        /** a spinlock: 0, or the holder thread + 1 */
        LOCK,
        /** a reader/writer semaphore: the holders' bits (bit t: thread t), and RWSEM_WRITER when held for write */
        RWSEM,
        /** an atomic_t */
        COUNTER,
        /** a value named by an enum */
        ENUM,
        /** any other value: an int, a pte_t, a pointer to a structure */
        VALUE
    }

    /** How a value of this field reads: "PG_uptodate|PG_dirty", "J_RUNNING_TRANSACTION", a page's name... */
    public String render(World w, int v) {
        switch (kind) {
            case FLAGS: {
                StringBuilder b = new StringBuilder();
                for (int bit = 0; bit < 32; bit++) {
                    if ((v & (1 << bit)) == 0) continue;
                    if (b.length() > 0) b.append('|');
                    b.append(bit < names.length && names[bit] != null ? names[bit] : "bit" + bit);
                }
                return b.length() == 0 ? "none" : b.toString();
            }
            case ENUM:
                return v >= 0 && v < names.length && names[v] != null ? names[v] : Integer.toString(v);
            case LOCK:
                return v == 0 ? "unlocked" : "held by " + w.threads.get(v - 1).name();
            case RWSEM:
                return renderRwsem(w, v, 0);
            default: {
                Instances to = Instances.of(type);
                if (to == null) return Integer.toString(v);
                return v == 0 ? "NULL" : v > 0 && v <= to.count(w) ? to.name(w, v - 1) : to.struct + "#" + v;
            }
        }
    }

    /** An rw_semaphore's two words (machine/Rwsem.java): who holds it, and who sleeps on it, head first. */
    public static String renderRwsem(World w, int holders, int queue) {
        StringBuilder b = new StringBuilder();
        if (holders == 0) b.append("unlocked");
        else {
            b.append("held for ").append((holders & RWSEM_WRITER) != 0 ? "write" : "read").append(" by ");
            String sep = "";
            for (int t = 0; t < w.threads.size(); t++)
                if ((holders & (1 << t)) != 0) { b.append(sep).append(w.threads.get(t).name()); sep = ", "; }
        }
        java.util.List<int[]> waiters = dev.mmcheck.machine.Rwsem.waiters(queue);
        if (!waiters.isEmpty()) {
            b.append("; sleeping: ");
            String sep = "";
            for (int[] x : waiters) { b.append(sep).append(w.threads.get(x[0]).name()).append(x[1] != 0 ? " (write)" : " (read)"); sep = ", "; }
        }
        return b.toString();
    }

    /** "PG_dirty set, PG_locked cleared": a flag word's change. */
    public String bitsChanged(int before, int after) {
        StringBuilder s = new StringBuilder();
        for (int bit = 0; bit < 32; bit++) {
            int mask = 1 << bit;
            if ((before & mask) == (after & mask)) continue;
            if (s.length() > 0) s.append(", ");
            s.append(bit < names.length && names[bit] != null ? names[bit] : "bit" + bit).append((after & mask) != 0 ? " set" : " cleared");
        }
        return s.toString();
    }
}

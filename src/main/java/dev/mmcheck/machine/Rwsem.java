package dev.mmcheck.machine;

/**
 * A reader/writer semaphore (kernel/rwsem.c and lib/rwsem.c, Linux 2.6.19), as two words of the
 * state vector: the holders, and the FIFO queue of sleepers.
 *
 * <p>Word 0: bit t for each holder thread t, and {@link #WRITER} while held for writing. Word 1:
 * up to {@link #MAX_WAITERS} waiters, the head in the low bits, each {@code thread + 1} in five
 * bits and a sixth bit for a writer. As 2.6.19's: a reader gets the semaphore at once only if no
 * writer holds it and nobody waits (so a reader queues behind a waiting writer); a writer only
 * if nobody holds it and nobody waits; a release that leaves it free wakes the head of the
 * queue -- a writer alone, or every reader before the first writer (__rwsem_do_wake) -- and
 * grants it to them as it wakes them. A woken sleeper finds the semaphore already its own.
 */
public final class Rwsem {
    private Rwsem() {}

    public static final int WRITER = dev.mmcheck.model.Field.RWSEM_WRITER;
    public static final int MAX_WAITERS = 5;
    private static final int ENTRY = 6, WAITER_IS_WRITER = 1 << 5, THREAD = (1 << 5) - 1;

    /** Whether thread t holds it (granted, or woken and granted). */
    public static boolean holds(int holders, int t) { return (holders & 1 << t) != 0; }

    /** Whether thread t holds it for writing (write) or for reading (!write). */
    public static boolean holdsFor(int holders, int t, boolean write) { return holds(holders, t) && ((holders & WRITER) != 0) == write; }

    /**
     * down_read/down_write by thread t at word index i: takes it, or queues t. Returns whether t
     * sleeps (must wait to be granted); -1 when the queue is full (a model gap for the caller).
     */
    public static int down(int[] s, int i, int t, boolean write) {
        int holders = s[i], queue = s[i + 1];
        boolean free = write ? holders == 0 : (holders & WRITER) == 0;
        if (free && queue == 0) {
            s[i] = write ? WRITER | 1 << t : holders | 1 << t;
            return 0;
        }
        int n = length(queue);
        if (n == MAX_WAITERS) return -1;
        s[i + 1] = queue | ((t + 1) | (write ? WAITER_IS_WRITER : 0)) << (n * ENTRY);
        return 1;
    }

    /**
     * up_read/up_write by thread t: releases its hold and, if the semaphore is free, wakes the head
     * of the queue. Returns the threads it woke (bit t each), each granted the semaphore.
     */
    public static int up(int[] s, int i, int t, boolean write) {
        s[i] = write ? 0 : s[i] & ~(1 << t);
        if (s[i] != 0) return 0;   // other readers still hold it: a waiting writer waits on
        int queue = s[i + 1];
        if (queue == 0) return 0;
        if ((queue & WAITER_IS_WRITER) != 0) {   // a writer at the head: it alone
            s[i] = WRITER | 1 << ((queue & THREAD) - 1);
            s[i + 1] = queue >>> ENTRY;
            return s[i] & ~WRITER;
        }
        int granted = 0;
        while (queue != 0 && (queue & WAITER_IS_WRITER) == 0) {   // every reader before the first writer
            granted |= 1 << ((queue & THREAD) - 1);
            queue >>>= ENTRY;
        }
        s[i] = granted;
        s[i + 1] = queue;
        return granted;
    }

    private static int length(int queue) {
        int n = 0;
        while (queue != 0) { n++; queue >>>= ENTRY; }
        return n;
    }

    /** The waiters, head first: "writer t" or "reader t" thread indexes, for a trace. */
    public static java.util.List<int[]> waiters(int queue) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (; queue != 0; queue >>>= ENTRY) out.add(new int[] {(queue & THREAD) - 1, (queue & WAITER_IS_WRITER) != 0 ? 1 : 0});
        return out;
    }
}

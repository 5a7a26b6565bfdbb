package dev.mmcheck.check;

/**
 * One piece of machine or kernel state a step changed, typed so that a renderer (text, JSON,
 * HTML) can group or highlight it: what kind of state, which one ({@code "A:0"}, {@code
 * "cpu1"}, {@code "f[0].1"}), and the change in the kernel's words.
 */
public record Change(Kind kind, String subject, String text) {
    /** FIELD: a field of a kernel structure the library declares (a lock is LOCK). */
    public enum Kind { PTE, TLB, IPI, IRQ, LOCK, FIELD, MEMORY, DISK }
}

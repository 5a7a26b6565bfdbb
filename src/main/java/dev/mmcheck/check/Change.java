package dev.mmcheck.check;

/**
 * One piece of machine or kernel state a step changed, typed so that a renderer (text, JSON,
 * HTML) can group or highlight it: what kind of state, which one ({@code "A:0"}, {@code
 * "cpu1"}, {@code "f[0].1"}), and the change in the kernel's words.
 */
public record Change(Kind kind, String subject, String text) {
    /**
     * FIELD: a field of a kernel structure the library declares (a lock is LOCK). PT: an mm's
     * pmd or a page-table frame's use (pages tables in frames); TLB includes a CPU's
     * paging-structure cache (subject "cpuN PSC").
     */
    public enum Kind { PTE, PT, TLB, IPI, IRQ, LOCK, FIELD, FRAME, MEMORY, DISK }
}

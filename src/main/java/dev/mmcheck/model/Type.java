package dev.mmcheck.model;

/**
 * The value types of the language. Every value is an int in the state vector; handles (pages,
 * files, PTE slots...) are index + 1 so that 0 is NULL and tests like {@code if (ptep)} work.
 * A pointer to a field of a kernel structure ({@code &page->flags}; a {@code spinlock_t *} is
 * one) is the field's index in the state vector, which is never 0. STRUCT is only a parameter
 * type: any pointer to a kernel structure.
 */
public enum Type {
    INT("int"), BOOL("bool"), PTE("pte_t"), PTEP("pte_t*"), PAGE("page"), FILE("file"), MM("mm"),
    VMA("vma"), BH("bh"), PGTABLE("pgtable_t"), LOCK("spinlock_t *"), ADDR("field *"), STRUCT("struct *"), VOID("void"), NULL("NULL");

    public final String display;

    Type(String display) { this.display = display; }

    /** Can a value of {@code from} be stored where {@code this} is expected? */
    public boolean accepts(Type from) {
        if (this == from) return true;
        if (from == NULL) return isHandle();
        if (this == STRUCT) return from == PAGE || from == BH || from == VMA || from == FILE || from == MM;
        return (this == INT && from == BOOL) || (this == BOOL && from == INT);
    }

    public boolean isHandle() {
        return this == PTEP || this == PAGE || this == BH || this == VMA || this == FILE || this == MM || this == PGTABLE
                || this == LOCK || this == ADDR || this == STRUCT;
    }

    /** May stand as a condition: numbers, truth values and handles (NULL is false). */
    public boolean isTruthy() { return this == INT || this == BOOL || isHandle() || this == NULL; }

    @Override public String toString() { return display; }
}

package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast.Decl;
import dev.mmcheck.lang.Ast.Declarator;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Type;
import java.util.List;
import java.util.Map;

/** Kernel C's types and errno constants, as the language knows them. */
final class CTypes {
    private CTypes() {}

    /** The kernel's errno values, for code such as {@code if (addr == -EFAULT)}. */
    static final Map<String, Integer> ERRNO = Map.of("EIO", 5, "EAGAIN", 11, "ENOMEM", 12, "EFAULT", 14, "EBUSY", 16,
            "EEXIST", 17, "EINVAL", 22, "ENOSPC", 28);

    /**
     * The type a kernel C header gives a parameter ("pte_t", "struct page*", "unsigned long"),
     * or null when the language has none for it (then the argument is not checked).
     */
    static Type ofHeader(String t) {
        if (t == null) return null;
        int p = 0;
        while (t.endsWith("*")) { p++; t = t.substring(0, t.length() - 1); }
        try {
            return declaredType(new Decl(t, List.of(), null), new Declarator("x", p, null, null));
        } catch (MmtError e) {
            return null;
        }
    }

    /** The language type of a C declaration: what kernel C's types are in the model. */
    static Type declaredType(Decl d, Declarator x) {
        String t = d.type();
        int p = x.pointers();
        Type r = null;
        if (p == 0) {
            if (t.equals("bool")) r = Type.BOOL;
            else if (t.equals("pte_t")) r = Type.PTE;
            else if (t.equals("pgtable_t")) r = Type.PGTABLE;
            else if (t.matches("((unsigned|signed|short|long|int) ?)+|pgoff_t|size_t")) r = Type.INT;
        } else if (p == 1) {
            r = switch (t) {
                case "pte_t" -> Type.PTEP;
                case "spinlock_t" -> Type.LOCK;
                case "struct page" -> Type.PAGE;
                case "struct vm_area_struct" -> Type.VMA;
                case "struct mm_struct" -> Type.MM;
                case "struct buffer_head" -> Type.BH;
                case "struct address_space" -> Type.FILE;
                default -> null;
            };
        }
        if (r == null)
            throw new MmtError(x.pos(), "'" + t + " " + "*".repeat(p) + x.name() + "': mmcheck has no type for " + t + "*".repeat(p)
                    + " (it knows int and the other integer types, bool, pte_t, pgtable_t, pte_t *, spinlock_t *, struct page *, "
                    + "struct vm_area_struct *, struct mm_struct *, struct buffer_head *, struct address_space *)");
        return r;
    }
}

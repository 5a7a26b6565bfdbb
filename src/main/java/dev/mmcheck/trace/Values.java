package dev.mmcheck.trace;

import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.Type;
import dev.mmcheck.model.World;

/** A value of the language, in the kernel's words: a PTE's bits and page, a page's name, a truth value. */
public final class Values {
    private Values() {}

    public static String of(Model m, Type t, int v) {
        World w = m.world();
        if (t.isHandle() && v == 0) return "NULL";
        return switch (t) {
            case PTE -> Pte.describe(v, w::pageName);
            case BOOL -> v != 0 ? "true" : "false";
            case PAGE -> v > 0 && v <= w.pages.size() ? w.pageName(v - 1) : "page#" + v;
            case BH -> v > 0 && v <= w.nBlocks ? "bh " + w.blockName(v - 1) : "bh#" + v;
            case FILE -> v > 0 && v <= w.files.size() ? w.files.get(v - 1).name() : "file#" + v;
            case MM -> v > 0 && v <= w.mms.size() ? w.mms.get(v - 1).name() : "mm#" + v;
            case LOCK, ADDR -> "&" + m.layout().fieldName(v);
            case PGTABLE -> World.tableName(v - 1);
            case PTEP -> v > 0 && v <= w.nPteSlots() ? "PTE " + w.pteName(v - 1) : "pte#" + v;
            default -> Integer.toString(v);
        };
    }
}

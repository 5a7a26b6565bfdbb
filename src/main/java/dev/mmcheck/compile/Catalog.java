package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.SourceFile;
import dev.mmcheck.model.Arch;
import dev.mmcheck.model.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the library holds, for `mmcheck list` and `mmcheck show`: every routine with its bodies,
 * the releases each covers, its architecture and place; the structs with their fields; and
 * which body a kernel release runs, by the same rule as a scenario's (Resolver).
 */
public final class Catalog {
    private Catalog() {}

    /** One body of a routine: variant null for the default body; covers as the kernels clause reads ("2.6.19 .. 2.6.20"). */
    public record Body(String name, String variant, String covers, String arch, String where, boolean inline) {}

    /** Every body of every library routine, by name. */
    public static List<Body> routines(Library lib) {
        List<Body> out = new ArrayList<>();
        Map<String, List<Library.Entry>> sorted = new TreeMap<>(lib.libraryEntries());
        sorted.forEach((name, es) -> {
            for (Library.Entry e : es)
                out.add(new Body(name, e.routine().variant(), e.covers() == null ? "by use only (a patch)" : Versions.describe(e.covers()),
                        e.arch(), where(e.routine()), e.routine().inline()));
        });
        return out;
    }

    /** "lib/linux/mm/rmap.mmt:81" for a body. */
    public static String where(Library.Entry e) { return where(e.routine()); }

    /** "lib/linux/mm/rmap.mmt:81" for a routine, relative to the library's parent when it can be. */
    static String where(Ast.Routine r) {
        String f = r.pos().file().name();
        int i = f.indexOf("lib/");
        return (i >= 0 ? f.substring(i) : f) + ":" + r.pos().line();
    }

    /** The structs, each as "struct page: flags (flags: pageflags), _mapcount (atomic_t)...". */
    public static List<String> structs(Library lib, Arch arch) {
        Structs s = lib.forArch(arch).structs();
        Map<String, List<String>> by = new TreeMap<>();
        for (Field f : s.fields) by.computeIfAbsent(f.struct(), k -> new ArrayList<>()).add(describe(f));
        List<String> out = new ArrayList<>();
        by.forEach((st, fs) -> out.add("struct " + st + ": " + String.join(", ", fs)));
        return out;
    }

    private static String describe(Field f) {
        String kind = switch (f.kind()) {
            case FLAGS -> "flag word";
            case LOCK -> "lock";
            case RWSEM -> "rw_semaphore";
            case COUNTER -> "atomic_t";
            case ENUM -> "enum value";
            default -> f.type().toString();
        };
        return f.name() + (f.length() > 1 && f.kind() != Field.Kind.RWSEM ? "[" + f.length() + "]" : "") + " (" + kind + ")";
    }

    /**
     * The library body of name that runs for kernel (and arch), or the one variant asked for.
     * An error, with the releases it covers, when there is none.
     */
    public static Library.Entry choose(Library lib, String name, String kernel, String variant, Arch arch) {
        List<Library.Entry> cands = lib.forArch(arch).candidates(name);
        if (cands.isEmpty()) throw new MmtError(null, "no routine '" + name + "' in the kernel library" + Suggest.closest(name, lib));
        if (variant != null) {
            for (Library.Entry e : cands) if (variant.equals(e.routine().variant())) return e;
            throw new MmtError(null, name + " has no variant \"" + variant + "\" (it has " + Resolver.labels(cands) + ")");
        }
        if (kernel == null) {
            if (cands.size() == 1) return cands.get(0);
            throw new MmtError(null, name + " has " + cands.size() + " bodies (" + Resolver.labels(cands) + "): say which with --kernel K or --variant V");
        }
        if (!Versions.isVersion(kernel)) throw new MmtError(null, "'" + kernel + "' is not a kernel version (numbers separated by dots)");
        for (Library.Entry e : cands) if (Versions.covers(e.covers(), kernel)) return e;
        throw new MmtError(null, "no body of " + name + " covers kernel " + kernel + " (" + Resolver.labels(cands) + ")");
    }

    /** The routine's text as the file has it: the comment above it (its citation), then its header and body. */
    public static String source(Library.Entry e) {
        Ast.Routine r = e.routine();
        SourceFile f = r.pos().file();
        int first = r.pos().line(), last = endLine(f, r.body().pos().line(), r.body().pos().col());
        while (first > 1 && f.line(first - 1).strip().startsWith("//")) first--;
        StringBuilder b = new StringBuilder();
        for (int l = first; l <= last; l++) b.append(f.line(l)).append('\n');
        return b.toString();
    }

    /** The line of the '}' that closes the '{' at (line, col), past comments and strings. */
    private static int endLine(SourceFile f, int line, int col) {
        int depth = 0;
        boolean block = false;
        for (int l = line; l <= f.lines(); l++) {
            String s = f.line(l);
            for (int i = l == line ? col - 1 : 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (block) { if (s.startsWith("*/", i)) { block = false; i++; } continue; }
                if (s.startsWith("//", i)) break;
                if (s.startsWith("/*", i)) { block = true; i++; continue; }
                if (c == '"') { int j = s.indexOf('"', i + 1); i = j < 0 ? s.length() : j; continue; }
                if (c == '{') depth++;
                if (c == '}' && --depth == 0) return l;
            }
        }
        return f.lines();
    }
}

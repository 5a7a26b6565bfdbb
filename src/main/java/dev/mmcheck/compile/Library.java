package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Parser;
import dev.mmcheck.lang.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every routine of the kernel library (lib/**.mmt) and of the scenario's own file, by name.
 *
 * <p>Each library body states the kernel releases it is: a variant with its own {@code kernels}
 * clause, a default body with its file's {@code kernels} line. A variant without one is a patch
 * that no release carries (Linus's "xchg-loop"): only {@code use} takes it. Two bodies of one
 * routine may not both cover a release. The scenario file's routines replace the library's
 * routine of the same name entirely (see {@link Resolver}).
 */
public final class Library {
    /** One body: the routine, the releases it covers (null: none, a patch), and whether the scenario file wrote it. */
    public record Entry(Ast.Routine routine, List<Ast.KernelRange> covers, boolean local, String arch) {
        String label() { return routine.variant() == null ? "the default body" : "\"" + routine.variant() + "\""; }
    }

    private final Map<String, List<Entry>> library = new LinkedHashMap<>();
    private Path dir;
    private final Map<String, List<Entry>> local = new LinkedHashMap<>();
    /** The kernel's structures and enums: the library's, then the scenario file's; each with its arch (null: generic). */
    private final List<Ast.StructDecl> structs = new ArrayList<>();
    private final List<Ast.EnumDecl> enums = new ArrayList<>();
    private final List<String> structArch = new ArrayList<>(), enumArch = new ArrayList<>();

    public static Library load(Path libDir) {
        Library lib = new Library();
        lib.dir = libDir;
        if (libDir == null) return lib;
        if (!Files.isDirectory(libDir)) throw new MmtError(null, "kernel library not found at " + libDir);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(libDir)) {
            files = walk.filter(p -> p.toString().endsWith(".mmt") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MmtError(null, "cannot read the kernel library at " + libDir + ": " + SourceFile.why(e));
        }
        for (Path p : files) {
            Ast.Unit u = Parser.parse(SourceFile.read(p));
            if (u.scenario() != null) throw new MmtError(u.scenario().pos(), "a library file holds routines only");
            if (!u.includes().isEmpty())
                throw new MmtError(u.includes().get(0).pos(), "a library file includes nothing: every file under lib/ is loaded already");
            checkRanges(u.kernels());
            String arch = archOf(libDir.relativize(p));
            for (Ast.StructDecl d : u.structs()) { lib.structs.add(d); lib.structArch.add(arch); }
            for (Ast.EnumDecl d : u.enums()) { lib.enums.add(d); lib.enumArch.add(arch); }
            for (Ast.Routine r : u.routines()) {
                checkRanges(r.kernels());
                List<Ast.KernelRange> covers = r.kernels() != null ? r.kernels() : r.variant() == null ? u.kernels() : null;
                if (covers == null && r.variant() == null)
                    throw new MmtError(r.pos(), "library routine " + r.name() + " states no kernel releases it covers: "
                            + "give the file a line kernels \"FIRST\" .. \"LAST\"; or the routine a kernels clause");
                lib.add(lib.library, new Entry(r, covers, false, arch));
            }
        }
        for (List<Entry> es : lib.library.values()) checkOverlaps(es);
        return lib;
    }

    /**
     * The architecture a library file belongs to, by where it lies: {@code linux/arch/NAME/...}
     * or {@code linux/include/asm-NAME/...}; null for generic code.
     */
    static String archOf(Path rel) {
        List<String> parts = new ArrayList<>();
        for (Path x : rel) parts.add(x.toString());
        for (int i = 0; i + 1 < parts.size(); i++) {
            if (parts.get(i).equals("arch") && i + 2 < parts.size()) return parts.get(i + 1);
            if (parts.get(i).startsWith("asm-") && !parts.get(i).equals("asm-generic")) return parts.get(i).substring(4);
        }
        return null;
    }

    /**
     * The library a scenario of this architecture sees: the generic code and its arch's own
     * (lib/linux/include/asm-i386 for x86); another architecture's routines, structs and enums
     * are not there at all.
     */
    public Library forArch(dev.mmcheck.model.Arch a) {
        Library l = new Library();
        l.dir = dir;
        library.forEach((k, v) -> {
            List<Entry> mine = v.stream().filter(e -> e.arch() == null || a.dirs.contains(e.arch())).toList();
            if (!mine.isEmpty()) l.library.put(k, new ArrayList<>(mine));
        });
        l.local.putAll(local);
        for (int i = 0; i < structs.size(); i++)
            if (structArch.get(i) == null || a.dirs.contains(structArch.get(i))) { l.structs.add(structs.get(i)); l.structArch.add(structArch.get(i)); }
        for (int i = 0; i < enums.size(); i++)
            if (enumArch.get(i) == null || a.dirs.contains(enumArch.get(i))) { l.enums.add(enums.get(i)); l.enumArch.add(enumArch.get(i)); }
        return l;
    }

    private static void checkRanges(List<Ast.KernelRange> ranges) {
        if (ranges == null) return;
        for (Ast.KernelRange r : ranges) {
            for (String v : new String[] {r.lo(), r.hi()})
                if (!Versions.isVersion(v)) throw new MmtError(r.pos(), "'" + v + "' is not a kernel version (numbers separated by dots)");
            if (Versions.compare(r.lo(), r.hi()) > 0) throw new MmtError(r.pos(), "the range " + r.lo() + " .. " + r.hi() + " is empty");
        }
    }

    private static void checkOverlaps(List<Entry> es) {
        for (int i = 0; i < es.size(); i++)
            for (int j = 0; j < i; j++) {
                Entry a = es.get(i), b = es.get(j);
                boolean sameArch = a.arch() == null || b.arch() == null || a.arch().equals(b.arch())
                        || java.util.Arrays.stream(dev.mmcheck.model.Arch.values()).anyMatch(x -> x.dirs.contains(a.arch()) && x.dirs.contains(b.arch()));
                if (sameArch && a.covers() != null && b.covers() != null && Versions.overlap(a.covers(), b.covers()))
                    throw new MmtError(a.routine().pos(), a.routine().name() + " " + a.label() + " and " + b.label() + " (at "
                            + b.routine().pos() + ") both cover some release: " + Versions.describe(a.covers()) + " vs "
                            + Versions.describe(b.covers()));
            }
    }

    /**
     * A copy with a scenario file's own routines, structs and enums added; its routines replace
     * the library's routines of the same names, its structs add fields to the library's.
     */
    public Library with(Ast.Unit scenarioFile) {
        Library l = new Library();
        l.dir = dir;
        library.forEach((k, v) -> l.library.put(k, v));
        l.structs.addAll(structs);
        l.structArch.addAll(structArch);
        l.enums.addAll(enums);
        l.enumArch.addAll(enumArch);
        for (Ast.StructDecl d : scenarioFile.structs()) { l.structs.add(d); l.structArch.add(null); }
        for (Ast.EnumDecl d : scenarioFile.enums()) { l.enums.add(d); l.enumArch.add(null); }
        for (Ast.Routine r : scenarioFile.routines()) l.add(l.local, new Entry(r, r.kernels(), true, null));
        return l;
    }

    /** The structs and enums, compiled into fields and constants. */
    Structs structs() { return new Structs(structs, enums); }

    /** The same, with vma->vm_flags as state when vmFlagsState (code that writes it: mprotect). */
    Structs structs(boolean vmFlagsState) { return new Structs(structs, enums, vmFlagsState); }

    private void add(Map<String, List<Entry>> into, Entry e) {
        Ast.Routine r = e.routine();
        // A call resolves to the primitive first: a routine of that name would never run.
        if (dev.mmcheck.model.Prim.byName(r.name()) != null)
            throw new MmtError(r.pos(), r.name() + " is a primitive of the machine (docs/language.md): a routine of that name would never run; "
                    + "name it differently and call it from the routine you patch");
        List<Entry> same = into.computeIfAbsent(r.name(), k -> new ArrayList<>());
        for (Entry o : same) {
            if (java.util.Objects.equals(o.routine().variant(), r.variant()))
                throw new MmtError(r.pos(), "routine " + r.name()
                        + (r.variant() == null ? " has two default bodies" : " has two variants \"" + r.variant() + "\"")
                        + "; the other is at " + o.routine().pos());
        }
        same.add(e);
    }

    /** The bodies a call of {@code name} chooses among: the scenario file's if it has any, else the library's. */
    List<Entry> candidates(String name) {
        List<Entry> mine = local.get(name);
        return mine != null ? mine : library.getOrDefault(name, List.of());
    }

    boolean isLocal(String name) { return local.containsKey(name); }

    /** The library's own bodies (not the scenario file's), by routine name. */
    Map<String, List<Entry>> libraryEntries() { return library; }

    boolean inLibrary(String name) { return library.containsKey(name); }

    /** The scenario file's routines, in file order. */
    public List<Entry> localEntries() {
        List<Entry> out = new ArrayList<>();
        local.values().forEach(out::addAll);
        return out;
    }

    /** Where the library was loaded from (null for none): a scenario may include files from it. */
    public Path dir() { return dir; }

    public java.util.Set<String> names() {
        java.util.Set<String> s = new java.util.LinkedHashSet<>(library.keySet());
        s.addAll(local.keySet());
        return s;
    }
}

package dev.mmcheck.lang;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expands {@code #include "x.mmt"} in a scenario file: the named file, relative to the file that
 * includes it, must lie inside the scenario's own directory tree or the kernel library, and
 * hold routines and declarations only (it may include others). Its routines, structs and enums join the scenario file's own, so a
 * buggy and a fixed scenario can share one transcription of a patch. A file included twice is
 * read once; a cycle is an error.
 */
public final class Includes {
    public static final int MAX_DEPTH = 16, MAX_FILES = 256;

    private final List<Path> roots;
    private final Set<Path> done = new HashSet<>();
    private final Deque<Path> stack = new ArrayDeque<>();
    private final List<Ast.Routine> routines = new ArrayList<>();
    private final List<Ast.StructDecl> structs = new ArrayList<>();
    private final List<Ast.EnumDecl> enums = new ArrayList<>();

    private Includes(List<Path> roots) { this.roots = roots; }

    /** The unit with every included routine added; roots: where an included file may live. */
    public static Ast.Unit expand(Ast.Unit unit, Path file, Path libDir) {
        if (unit.includes().isEmpty()) return unit;
        List<Path> roots = new ArrayList<>();
        roots.add(real(file.toAbsolutePath().getParent()));
        if (libDir != null && Files.isDirectory(libDir)) roots.add(real(libDir));
        Includes in = new Includes(roots);
        Path self = real(file);
        in.done.add(self);
        in.stack.push(self);
        in.routines.addAll(unit.routines());
        in.structs.addAll(unit.structs());
        in.enums.addAll(unit.enums());
        in.includeAll(unit, self.getParent());
        return new Ast.Unit(unit.file(), in.routines, unit.scenario(), unit.kernels(), List.of(), in.structs, in.enums);
    }

    private void includeAll(Ast.Unit unit, Path dir) {
        for (Ast.Include inc : unit.includes()) {
            Path p;
            try {
                p = real(dir.resolve(inc.path()));
            } catch (RuntimeException e) {
                throw new MmtError(inc.pos(), "cannot include \"" + inc.path() + "\": " + e.getMessage());
            }
            if (!Files.isRegularFile(p)) throw new MmtError(inc.pos(), "cannot include \"" + inc.path() + "\": no such file");
            if (roots.stream().noneMatch(p::startsWith))
                throw new MmtError(inc.pos(), "cannot include \"" + inc.path() + "\": only files under the scenario's directory or the kernel library may be included");
            if (stack.contains(p)) throw new MmtError(inc.pos(), "\"" + inc.path() + "\" includes itself (through " + stack.peek().getFileName() + ")");
            if (!done.add(p)) continue;
            if (stack.size() >= MAX_DEPTH || done.size() > MAX_FILES)
                throw new MmtError(inc.pos(), "includes nested too deeply or too many (at most " + MAX_DEPTH + " deep, " + MAX_FILES + " files)");
            Ast.Unit u = Parser.parse(SourceFile.read(p));
            if (u.scenario() != null) throw new MmtError(u.scenario().pos(), "an included file holds routines only");
            routines.addAll(u.routines());
            structs.addAll(u.structs());
            enums.addAll(u.enums());
            stack.push(p);
            includeAll(u, p.getParent());
            stack.pop();
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}

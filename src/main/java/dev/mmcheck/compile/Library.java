package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Parser;
import dev.mmcheck.lang.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every routine of the kernel library (lib/**.mmt) and of the scenario's own file, by name. */
public final class Library {
    private final Map<String, List<Ast.Routine>> routines = new LinkedHashMap<>();

    public static Library load(Path libDir) {
        Library lib = new Library();
        if (libDir == null) return lib;
        if (!Files.isDirectory(libDir)) throw new MmtError(null, "kernel library not found at " + libDir);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(libDir)) {
            files = walk.filter(p -> p.toString().endsWith(".mmt")).sorted().toList();
        } catch (IOException e) {
            throw new MmtError(null, "cannot read the kernel library at " + libDir + ": " + e.getMessage());
        }
        for (Path p : files) {
            Ast.Unit u = Parser.parse(SourceFile.read(p));
            if (u.scenario() != null) throw new MmtError(u.scenario().pos(), "a library file holds routines only");
            lib.addAll(u.routines());
        }
        return lib;
    }

    /** A copy with a scenario file's own routines added: they may add variants, not replace them. */
    public Library with(List<Ast.Routine> more) {
        Library l = new Library();
        routines.forEach((k, v) -> l.routines.put(k, new ArrayList<>(v)));
        l.addAll(more);
        return l;
    }

    private void addAll(List<Ast.Routine> rs) {
        for (Ast.Routine r : rs) {
            List<Ast.Routine> same = routines.computeIfAbsent(r.name(), k -> new ArrayList<>());
            for (Ast.Routine o : same) {
                if (java.util.Objects.equals(o.variant(), r.variant()))
                    throw new MmtError(r.pos(), "routine " + r.name()
                            + (r.variant() == null ? " has two default bodies" : " has two variants \"" + r.variant() + "\"")
                            + "; the other is at " + o.pos());
            }
            same.add(r);
        }
    }

    public List<Ast.Routine> variants(String name) { return routines.getOrDefault(name, List.of()); }

    public java.util.Set<String> names() { return routines.keySet(); }
}

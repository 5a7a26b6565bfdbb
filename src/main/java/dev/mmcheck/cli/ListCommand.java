package dev.mmcheck.cli;

import dev.mmcheck.compile.Catalog;
import dev.mmcheck.compile.Library;
import dev.mmcheck.model.Arch;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "What the kernel library and the machine offer: routines (each body, the releases it covers, where), "
                + "structs, primitives, invariants, architectures.",
        footer = {"", "Examples:", "  mmcheck list routines", "  mmcheck list invariants", "", "Exit status: 0, or 2 for a bad argument or library."})
final class ListCommand implements Callable<Integer> {
    enum What { routines, structs, primitives, invariants, arches, all }

    @Mixin Main.Common common = new Main.Common();

    @Parameters(paramLabel = "WHAT", arity = "0..1", defaultValue = "all",
            description = "routines, structs, primitives, invariants, arches, or all (the default)")
    What what;

    @Override
    public Integer call() {
        Library lib = common.library();
        if (lib == null) return 2;
        List<String> out = new ArrayList<>();
        if (what == What.routines || what == What.all) {
            out.add("routines (library bodies; a scenario picks by its kernel line, or by use):");
            String last = null;
            for (Catalog.Body b : Catalog.routines(lib)) {
                String head = b.name().equals(last) ? "" : b.name();
                last = b.name();
                out.add(String.format("  %-28s %-22s %-26s %s%s%s", head, b.variant() == null ? "(default)" : "\"" + b.variant() + "\"",
                        b.covers(), b.where(), b.arch() == null ? "" : "  [" + b.arch() + "]", b.inline() ? "  inline" : ""));
            }
        }
        if (what == What.structs || what == What.all) {
            out.add("structs (kernel state: one region of the state vector per field):");
            for (String s : Catalog.structs(lib, Arch.X86)) out.add("  " + s);
        }
        if (what == What.primitives || what == What.all) {
            out.add("primitives (the machine; local: no step, shared: one step, blocking: one step that may wait):");
            for (Prim p : Prim.values()) {
                if (!Character.isJavaIdentifierStart(p.cname.charAt(0))) continue;   // '->': emitted for fields, not called
                if (p == Prim.RWSEM_DOWN_FAILED) continue;   // down_*'s slow path: emitted with them, not called
                List<String> ps = new ArrayList<>();
                for (Type t : p.params) ps.add(t.toString());
                out.add(String.format("  %-22s %-44s %s", p.cname + "(" + String.join(", ", ps) + ")", "-> " + p.ret,
                        p.kind.name().toLowerCase().replace("pure", "local")));
            }
        }
        if (what == What.invariants || what == What.all) {
            out.add("invariants (check NAME; docs/invariants.md):");
            for (Invariant i : Invariant.values())
                if (Invariant.byName(i.name) != null) out.add(String.format("  %-18s %s", i.name, i.summary));
        }
        if (what == What.arches || what == What.all) {
            out.add("architectures (arch NAME; their code: lib/linux/include/asm-DIR, lib/linux/arch/DIR):");
            for (Arch a : Arch.values()) out.add(String.format("  %-14s %s", a.name, String.join(", ", new java.util.TreeSet<>(a.dirs))));
        }
        for (String l : out) System.out.println(l);
        return 0;
    }
}

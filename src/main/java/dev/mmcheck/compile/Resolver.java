package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Pos;
import java.util.List;
import java.util.Map;

/**
 * Which body of a routine a scenario runs. The rule, in order:
 * <ol>
 * <li>The scenario file's own routines replace the library's routine of the same name (the
 *     patch under test always runs). One body there: that one; several: {@code use} picks.</li>
 * <li>{@code use NAME "V"} picks the library's variant V, whatever the kernel.</li>
 * <li>Otherwise the library body that covers the scenario's {@code kernel}; none is an error
 *     that names the routine and the releases it does cover.</li>
 * </ol>
 * Nothing is guessed: a scenario that runs library code must say which kernel it is.
 */
final class Resolver {
    record Choice(Library.Entry entry, String how) {}

    private final Library lib;
    private final Ast.Word kernel;
    private final Map<String, Ast.Use> uses;
    private final Pos scenarioPos;

    Resolver(Library lib, Ast.Word kernel, Map<String, Ast.Use> uses, Pos scenarioPos) {
        this.lib = lib;
        this.kernel = kernel;
        this.uses = uses;
        this.scenarioPos = scenarioPos;
    }

    Choice pick(String name, Pos call) {
        List<Library.Entry> cands = lib.candidates(name);
        Ast.Use use = uses.get(name);
        if (lib.isLocal(name)) {
            String replaces = lib.inLibrary(name) ? ", replacing the library's" : "";
            if (use != null) return new Choice(byVariant(cands, use), "use, scenario file" + replaces);
            if (cands.size() == 1) return new Choice(cands.get(0), "scenario file" + replaces);
            throw new MmtError(cands.get(1).routine().pos(), "the scenario file defines " + cands.size() + " bodies of " + name
                    + " (" + labels(cands) + "): say which runs with use " + name + " \"...\"");
        }
        if (use != null) return new Choice(byVariant(cands, use), "use");
        if (kernel == null)
            throw new MmtError(scenarioPos, "the scenario runs library code (" + name + ", called at " + call
                    + ") but names no kernel: say which release it is, e.g. kernel \"2.6.20\"");
        for (Library.Entry e : cands)
            if (Versions.covers(e.covers(), kernel.text())) return new Choice(e, "kernel " + kernel.text());
        boolean variants = cands.stream().anyMatch(e -> e.routine().variant() != null);
        throw new MmtError(kernel.pos(), "kernel \"" + kernel.text() + "\": the library's " + name + " (called at " + call
                + ") has no body for this release; it covers " + coverage(cands) + ". "
                + (variants ? "Pick one with use " + name + " \"...\", or write" : "Write") + " the routine in the scenario file");
    }

    /** The body a {@code use} names; the compiler has checked every use line, so it exists. */
    private static Library.Entry byVariant(List<Library.Entry> cands, Ast.Use use) {
        for (Library.Entry e : cands) if (use.variant().equals(e.routine().variant())) return e;
        throw new IllegalStateException("use " + use.routine() + " \"" + use.variant() + "\" was not checked");
    }

    static String labels(List<Library.Entry> cands) {
        StringBuilder b = new StringBuilder();
        for (Library.Entry e : cands) b.append(b.length() > 0 ? ", " : "").append(e.label());
        return b.toString();
    }

    private static String coverage(List<Library.Entry> cands) {
        StringBuilder b = new StringBuilder();
        for (Library.Entry e : cands) {
            if (b.length() > 0) b.append("; ");
            b.append(e.label()).append(e.covers() == null ? " by use only (a patch no release carries)"
                    : " " + Versions.describe(e.covers()));
        }
        return b.toString();
    }
}

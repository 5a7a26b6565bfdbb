package dev.mmcheck.cli;

import dev.mmcheck.check.Explorer;
import dev.mmcheck.check.Result;
import dev.mmcheck.compile.Compiler;
import dev.mmcheck.compile.Library;
import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Parser;
import dev.mmcheck.lang.SourceFile;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parse, compile, explore one scenario file; judge the verdict against its expect lines. */
public final class Runner {
    /** The outcome of one file: an input error, or a model and what the search found. */
    public record Outcome(Path file, MmtError error, Model model, Result result) {
        public boolean violated() { return result != null && !result.violations().isEmpty(); }

        /** Holds, with the search covering everything within the bounds and judging every checked invariant. */
        public boolean holds() {
            if (result == null || !result.violations().isEmpty() || !result.exhaustive()) return false;
            for (Invariant i : Invariant.values()) if (model.checks(i) && !result.judged(i)) return false;
            return true;
        }

        public boolean failed() { return error != null || (result != null && !violated() && !holds()); }

        /** Where the verdict contradicts an expect line: one message each; empty when all agree. */
        public List<String> unmet() {
            List<String> out = new ArrayList<>();
            if (model == null) return out;
            if (model.expectations().isEmpty()) out.add("the scenario states no 'expect' line");
            for (Model.Expectation e : model.expectations()) {
                boolean broke = e.invariant() == null ? violated() : result.violation(e.invariant()) != null;
                boolean settled = broke || (result.exhaustive()
                        && (e.invariant() == null ? holds() : result.judged(e.invariant())));
                String what = e.invariant() == null ? "the scenario" : e.invariant().name;
                if (!settled) out.add(what + ": expected " + (e.holds() ? "holds" : "violation") + ", but "
                        + (result.exhaustive() ? "no run reached the state where it is judged"
                                : "the search stopped at its " + result.stop().name().toLowerCase().replace('_', ' ')
                                        + " without finding a violation"));
                else if (e.holds() == broke)
                    out.add(what + ": expected " + (e.holds() ? "holds" : "violation") + ", found " + (broke ? "violation" : "holds"));
            }
            return out;
        }
    }

    private final Library library;
    private final Explorer.Limits limits;

    public Runner(Library library, Explorer.Limits limits) {
        this.library = library;
        this.limits = limits;
    }

    public static Library loadLibrary(Path libDir) { return Library.load(libDir); }

    public Outcome run(Path file) {
        Model model = null;
        try {
            Ast.Unit unit = Parser.parse(SourceFile.read(file));
            model = Compiler.compile(unit, library);
            Result r = Explorer.explore(model, limits);
            return new Outcome(file, null, model, r);
        } catch (MmtError e) {
            return new Outcome(file, e, model, null);
        }
    }
}

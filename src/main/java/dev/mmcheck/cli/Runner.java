package dev.mmcheck.cli;

import dev.mmcheck.check.Explorer;
import dev.mmcheck.check.Result;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.compile.Compiler;
import dev.mmcheck.compile.Library;
import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.Includes;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Parser;
import dev.mmcheck.lang.SourceFile;
import dev.mmcheck.model.Model;
import java.nio.file.Path;
import java.util.List;

/** Parse, compile, explore and judge one scenario file. */
public final class Runner {
    /** The outcome of one file: an input error, or a model, what the search found and its verdict. */
    public record Outcome(Path file, MmtError error, Model model, Result result, Verdict verdict) {
        /** 0 holds, 1 violation, 2 bad input, 3 undecided. */
        public int exitStatus() { return error != null ? 2 : verdict.overall().exitStatus; }

        /** Where the verdict contradicts the file's expect lines: one message each; empty when all agree. */
        public List<String> unmet() { return model == null || verdict == null ? List.of() : verdict.unmet(model); }
    }

    private final Library library;
    private final Explorer.Limits limits;

    public Runner(Library library, Explorer.Limits limits) {
        this.library = library;
        this.limits = limits;
    }

    public static Library loadLibrary(Path libDir) { return Library.load(libDir); }

    /**
     * What the command line says over the scenario file: another kernel release, other
     * variants (NAME -> V). Empty: the file as it is.
     */
    public record Overrides(String kernel, java.util.Map<String, String> uses) {
        public static final Overrides NONE = new Overrides(null, java.util.Map.of());

        Ast.Unit apply(Ast.Unit u) {
            Ast.Scenario sc = u.scenario();
            if (sc == null || (kernel == null && uses.isEmpty())) return u;
            Ast.Word k = kernel != null ? new Ast.Word(kernel, sc.pos()) : sc.kernel();
            List<Ast.Use> us = new java.util.ArrayList<>();
            for (Ast.Use x : sc.uses()) if (!uses.containsKey(x.routine())) us.add(x);
            uses.forEach((r, v) -> us.add(new Ast.Use(r, v, sc.pos(), sc.pos())));
            Ast.Scenario o = new Ast.Scenario(sc.title(), sc.pos(), sc.arch(), k, us, sc.cpus(), sc.tlb(), sc.depthBound(),
                    sc.evictionBound(), sc.files(), sc.mms(), sc.threads(), sc.after(), sc.checks(), sc.expects(), sc.foralls(),
                    sc.pagetables(), sc.speculativeBound(), sc.frames(), sc.frameWords());
            return new Ast.Unit(u.file(), u.routines(), o, u.kernels(), u.includes(), u.structs(), u.enums());
        }

        /** " --kernel K --use R=V": the command-line options that give these overrides again. */
        public String flags() {
            StringBuilder b = new StringBuilder();
            if (kernel != null) b.append(" --kernel ").append(kernel);
            uses.forEach((r, v) -> b.append(" --use ").append(r).append('=').append(v));
            return b.toString();
        }

        /** "kernel 2.6.19, use page_mkclean_one "2.6.20"", or "as written". */
        public String describe() {
            List<String> parts = new java.util.ArrayList<>();
            if (kernel != null) parts.add("kernel " + kernel);
            uses.forEach((r, v) -> parts.add("use " + r + " \"" + v + "\""));
            return parts.isEmpty() ? "as written" : String.join(", ", parts);
        }
    }

    public Outcome run(Path file) { return run(file, Overrides.NONE); }

    /** The scenario compiled against the library, as the overrides say; bad input is an MmtError. */
    public Model compile(Path file, Overrides over) {
        Ast.Unit unit = over.apply(Includes.expand(Parser.parse(SourceFile.read(file)), file, library.dir()));
        return Compiler.compile(unit, library);
    }

    public Outcome run(Path file, Overrides over) {
        Model model = null;
        try {
            model = compile(file, over);
            Result r = Explorer.explore(model, limits);
            return new Outcome(file, null, model, r, Verdict.judge(model, r));
        } catch (MmtError e) {
            return new Outcome(file, e, model, null, null);
        }
    }
}

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

    public Outcome run(Path file) {
        Model model = null;
        try {
            Ast.Unit unit = Includes.expand(Parser.parse(SourceFile.read(file)), file, library.dir());
            model = Compiler.compile(unit, library);
            Result r = Explorer.explore(model, limits);
            return new Outcome(file, null, model, r, Verdict.judge(model, r));
        } catch (MmtError e) {
            return new Outcome(file, e, model, null, null);
        }
    }
}

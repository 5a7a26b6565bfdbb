package dev.mmcheck;

import dev.mmcheck.check.Explorer;
import dev.mmcheck.check.Result;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.compile.Compiler;
import dev.mmcheck.compile.Library;
import dev.mmcheck.lang.Parser;
import dev.mmcheck.lang.SourceFile;
import dev.mmcheck.model.Model;
import java.nio.file.Path;

/** Paths of the project tree and one-call compile/explore for tests. */
public final class TestSupport {
    private TestSupport() {}

    public static Path home() {
        String h = System.getProperty("mmcheck.home");
        return Path.of(h != null ? h : ".");
    }

    private static Library lib;

    public static synchronized Library library() {
        if (lib == null) lib = Library.load(home().resolve("lib"));
        return lib;
    }

    public static Model compile(String name, String text) {
        return Compiler.compile(Parser.parse(new SourceFile(name, text)), library());
    }

    private static Library headers;

    /**
     * The kernel's headers only (lib/linux/include: the structures, page flags, buffer bits,
     * locks), without the library's routines: for tests of the engine that must not move
     * when a library routine does.
     */
    public static synchronized Library headers() {
        if (headers == null) headers = Library.load(home().resolve("lib/linux/include"));
        return headers;
    }

    public static Model compileAlone(String name, String text) {
        return Compiler.compile(Parser.parse(new SourceFile(name, text)), headers());
    }

    public static Result explore(Model m) {
        return Explorer.explore(m, Explorer.Limits.defaults());
    }

    /** Compile with the library, explore, and judge: the verdict a user would get. */
    public static Verdict verdict(String text) {
        Model m = compile("test.mmt", text);
        return Verdict.judge(m, explore(m));
    }

    /** Along a Walk: takes thread t's move (its first, if it has several); false when it has none. */
    public static boolean stepThread(dev.mmcheck.check.Walk w, int t) {
        for (dev.mmcheck.check.Walk.Move mv : w.moves())
            if (!mv.isHardware() && mv.step().thread() == t) { w.take(mv); return true; }
        return false;
    }
}

package dev.mmcheck.cli;

import dev.mmcheck.check.Explorer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The mmcheck command. Exit status: 0 all hold / as expected, 1 violation / unexpected verdict,
 * 2 bad input or usage, 3 undecided (a limit, a model gap), 4 internal error.
 */
@Command(name = "mmcheck", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Explores every interleaving of a small Linux mm scenario and reports the shortest one that breaks an invariant.",
        subcommands = {CheckCommand.class, CorpusCommand.class, BenchCommand.class, GoldenCommand.class, ListCommand.class, ShowCommand.class, CompareCommand.class,
                SimulateCommand.class, ReplayCommand.class, StepCommand.class},
        footer = {"", "Examples:", "  mmcheck check scenarios/seeds/ext3-ordered-2.6.19.mmt", "  mmcheck corpus",
                "  mmcheck list routines", "  mmcheck show page_mkclean_one --kernel 2.6.19", "",
                "Exit status: 0 every check holds within the stated bounds (corpus: every",
                "verdict as expected), 1 a violation (corpus: an unexpected verdict),",
                "2 bad input or usage, 3 undecided (a limit was hit, or the scenario reached",
                "a path the model does not cover), 4 internal error.",
                "The language and the invariants: docs/language.md, docs/invariants.md."})
public final class Main implements Callable<Integer> {
    static final String VERSION = "mmcheck 0.2.0";

    /** Set by Ctrl-C: every search under way stops at its next check and reports what it found. */
    static final AtomicBoolean CANCEL = new AtomicBoolean();
    /** Counted down when the command has printed its report, so that Ctrl-C waits for it. */
    private static final CountDownLatch PRINTED = new CountDownLatch(1);

    static final class Common {
        @Option(names = "--lib", paramLabel = "DIR", description = "the kernel library (default: lib/ beside mmcheck)")
        Path lib;

        @Spec(Spec.Target.MIXEE) CommandSpec spec;

        Long maxMemoryMib;
        Double timeLimit;

        @Option(names = "--max-memory", paramLabel = "MiB", description = "stop cleanly past this much search memory (default: 70%% of the heap)")
        void maxMemory(long mib) {
            if (mib < 1 || mib > 1L << 40) throw new ParameterException(spec.commandLine(), "--max-memory must be a number of MiB from 1 up, not " + mib);
            maxMemoryMib = mib;
        }

        @Option(names = "--time-limit", paramLabel = "SECONDS", description = "stop cleanly after this long (default: none)")
        void timeLimit(double seconds) {
            if (!(seconds > 0) || Double.isInfinite(seconds))
                throw new ParameterException(spec.commandLine(), "--time-limit must be a positive number of seconds, not " + seconds);
            timeLimit = seconds;
        }

        @Option(names = "--no-color", description = "plain text")
        boolean noColor;

        @Option(names = "--quiet", description = "no progress line")
        boolean quiet;

        @Option(names = "--progress", description = "a progress line on standard error once a second even when it is not a terminal")
        boolean progress;

        private ProgressLine line;

        /** The progress line: on a terminal unless --quiet, anywhere with --progress; null for none. */
        ProgressLine progressLine() {
            if (line == null && !quiet && (progress || System.console() != null)) line = new ProgressLine(System.err, System.console() != null && !progress);
            return line;
        }

        /** After a search: erase the progress line. */
        void searchDone() { if (line != null) line.clear(); }

        Path libDir() {
            if (lib != null) return lib;
            return home().resolve("lib");
        }

        Explorer.Limits limits() {
            Explorer.Limits d = Explorer.Limits.defaults();
            return new Explorer.Limits(maxMemoryMib != null ? maxMemoryMib * 1024 * 1024 : d.maxBytes(),
                    timeLimit != null ? timeLimit : d.maxSeconds(), CANCEL, progressLine());
        }

        /** The kernel library, or null after reporting why it cannot be loaded. */
        dev.mmcheck.compile.Library library() {
            try {
                return Runner.loadLibrary(libDir());
            } catch (dev.mmcheck.lang.MmtError e) {
                System.err.println(e.render());
                return null;
            }
        }

        CommandLine.Help.Ansi ansi() { return noColor ? CommandLine.Help.Ansi.OFF : CommandLine.Help.Ansi.AUTO; }
    }

    static Path home() {
        String h = System.getProperty("mmcheck.home");
        return Path.of(h != null ? h : ".");
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            // Bad usage is one line, as bad input is: what is wrong, and where the usage is.
            String cmd = ex.getCommandLine().getCommandSpec().qualifiedName();
            System.err.println("mmcheck: " + ex.getMessage().lines().findFirst().orElse("") + " (" + cmd + " --help shows the usage)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            // Bad input never gets here (it is an MmtError, reported by the commands); this is
            // a fault of mmcheck itself or of the machine: say so in one line, trace on request.
            System.err.println("mmcheck: internal error: " + ex + " (set MMCHECK_DEBUG=1 for the stack trace)");
            if (System.getenv("MMCHECK_DEBUG") != null) ex.printStackTrace();
            return 4;
        });
        try {
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // Inputs are bounded so that neither happens; if one does, it is mmcheck's fault.
            System.err.println("mmcheck: internal error: " + e + " (set MMCHECK_DEBUG=1 for the stack trace)");
            if (System.getenv("MMCHECK_DEBUG") != null) e.printStackTrace();
            return 4;
        }
    }

    public static void main(String[] args) {
        // Ctrl-C: stop the search, and let the command print the verdict and statistics so far.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            CANCEL.set(true);
            try {
                PRINTED.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        int status = run(args);
        System.out.flush();
        PRINTED.countDown();
        System.exit(status);
    }
}

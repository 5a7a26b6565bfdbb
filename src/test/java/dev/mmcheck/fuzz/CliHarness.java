package dev.mmcheck.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mmcheck.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code Main.run(args)} in-process as ./mmcheck would: on a thread of its own with the
 * launcher's stack ({@code -Xss16m}), its stdout and stderr captured, under a watchdog. A run
 * still going when the watchdog fires is reported as hung and left behind (a daemon thread).
 */
final class CliHarness {
    static final long WATCHDOG_MS = 10_000;
    private static final long STACK_BYTES = 16L << 20;

    /** One run: the exit status, the output, what escaped Main.run (or null), whether it hung. */
    record Run(int status, String out, String err, String thrown, boolean hung) {}

    private CliHarness() {}

    /** The buffers of the CLI thread (and of threads it starts); null on every other thread. */
    private static final InheritableThreadLocal<OutputStream[]> SINKS = new InheritableThreadLocal<>();
    private static PrintStream realOut, realErr;

    /** Routes System.out/err per thread, so that runs may overlap; others write to the real streams. */
    static synchronized void install() {
        if (realOut != null) return;
        realOut = System.out;
        realErr = System.err;
        System.setOut(new PrintStream(new Router(0, realOut), true, UTF_8));
        System.setErr(new PrintStream(new Router(1, realErr), true, UTF_8));
    }

    static synchronized void uninstall() {
        if (realOut == null) return;
        System.setOut(realOut);
        System.setErr(realErr);
        realOut = realErr = null;
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        AtomicInteger status = new AtomicInteger(Integer.MIN_VALUE);
        AtomicReference<String> thrown = new AtomicReference<>();
        Thread cli = new Thread(null, () -> {
            SINKS.set(new OutputStream[] {out, err});
            try {
                status.set(Main.run(args));
            } catch (Throwable t) {
                thrown.set(t.toString());
            } finally {
                SINKS.remove();
            }
        }, "fuzz-cli", STACK_BYTES);
        cli.setDaemon(true);
        cli.start();
        try {
            cli.join(WATCHDOG_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean hung = cli.isAlive();
        if (hung) cli.interrupt();   // abandoned: the test fails, and the daemon thread dies with the JVM
        return new Run(status.get(), out.toString(UTF_8), err.toString(UTF_8), thrown.get(), hung);
    }

    private static final class Router extends OutputStream {
        private final int which;
        private final PrintStream fallback;

        Router(int which, PrintStream fallback) {
            this.which = which;
            this.fallback = fallback;
        }

        private OutputStream target() {
            OutputStream[] s = SINKS.get();
            return s != null ? s[which] : fallback;
        }

        @Override public void write(int b) throws IOException { target().write(b); }

        @Override public void write(byte[] b, int off, int len) throws IOException { target().write(b, off, len); }

        @Override public void flush() throws IOException { target().flush(); }
    }
}

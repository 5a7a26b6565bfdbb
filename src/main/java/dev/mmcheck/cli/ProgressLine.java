package dev.mmcheck.cli;

import dev.mmcheck.check.Explorer;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The progress of a long search on standard error, about once a second: states, states/s,
 * depth, frontier, memory, elapsed. On a terminal it is one line rewritten in place and erased
 * when the search ends; otherwise (forced with --progress) one line per report.
 */
final class ProgressLine implements Consumer<Explorer.Progress> {
    private final PrintStream err;
    private final boolean terminal;
    private boolean shown;

    ProgressLine(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void accept(Explorer.Progress p) {
        String line = String.format("  %,d states, %,.0f states/s, depth %d, frontier %,d, %,d MiB, %.0f s",
                p.states(), p.seconds() > 0 ? p.states() / p.seconds() : 0.0, p.depth(), p.frontier(), p.bytes() >> 20, p.seconds());
        if (terminal) err.print("\r" + line + "\u001b[K");
        else err.println(line);
        err.flush();
        shown = true;
    }

    /** The search ended: erase the line on a terminal. */
    void clear() {
        if (terminal && shown) { err.print("\r\u001b[K"); err.flush(); }
        shown = false;
    }
}

package dev.mmcheck.cli;

import dev.mmcheck.check.Violation;
import dev.mmcheck.model.Model;
import dev.mmcheck.trace.CompactRenderer;
import dev.mmcheck.trace.TableRenderer;
import picocli.CommandLine.Option;

/**
 * How a trace is printed: the full table (every step with its source location and a column of
 * what changed) or the compact one for an email (80 columns, folded calls). Unless told, a
 * terminal narrower than the full table gets the compact one; anything else (a file, a pipe,
 * a test) gets the full table, so that what a script reads does not depend on a window's size.
 */
final class TraceFormat {
    enum Kind { AUTO, FULL, COMPACT }

    @Option(names = "--format", paramLabel = "FORMAT", description = "trace format: full, compact, or auto (default: compact on a terminal narrower than the full table)")
    Kind kind = Kind.AUTO;

    @Option(names = "--fold", paramLabel = "WHAT", description = "compact format: calls (fold calls with no key step into one row; default) or none (one row per step)")
    CompactRenderer.Fold fold = CompactRenderer.Fold.CALLS;

    @Option(names = "--locations", description = "compact format: each row's routine and file:line")
    boolean locations;

    /** Set once a trace went out compact: the report around it is then wrapped to 80 columns too. */
    boolean compactUsed;

    String render(Model m, Violation v) {
        String full = TableRenderer.render(m, v);
        if (kind == Kind.FULL || kind == Kind.AUTO && !(System.console() != null && widest(full) > terminalWidth())) return full;
        compactUsed = true;
        return CompactRenderer.render(m, v, fold, locations);
    }

    /** The report's own long lines (title, bounds, statistics), wrapped like the compact trace. */
    String finish(String report) {
        if (!compactUsed && kind != Kind.COMPACT) return report;
        StringBuilder out = new StringBuilder();
        for (String line : report.split("\n", -1)) {
            if (line.length() <= CompactRenderer.WIDTH) { out.append(line).append('\n'); continue; }
            String indent = line.startsWith("  ") ? "      " : "    ";
            var parts = CompactRenderer.wrap(line, CompactRenderer.WIDTH, CompactRenderer.WIDTH - indent.length());
            for (int i = 0; i < parts.size(); i++) out.append(i == 0 ? "" : indent).append(parts.get(i)).append('\n');
        }
        out.setLength(Math.max(0, out.length() - 1));
        return out.toString();
    }

    /** $COLUMNS when the shell exports it; else 80, the width an email is read at. */
    static int terminalWidth() {
        try {
            String c = System.getenv("COLUMNS");
            if (c != null) return Integer.parseInt(c.strip());
        } catch (NumberFormatException e) {
            // not a number: fall through to the conservative width
        }
        return CompactRenderer.WIDTH;
    }

    private static int widest(String text) {
        int w = 0;
        for (String line : text.split("\n")) w = Math.max(w, line.length());
        return w;
    }
}

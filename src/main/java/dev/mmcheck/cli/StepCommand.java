package dev.mmcheck.cli;

import dev.mmcheck.check.Change;
import dev.mmcheck.check.StateView;
import dev.mmcheck.check.Violation;
import dev.mmcheck.check.Walk;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.trace.CompactRenderer;
import dev.mmcheck.trace.JsonReport;
import dev.mmcheck.trace.TableRenderer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Steps through a scenario by hand: the user picks which thread (or which CPU's hardware
 * event) moves next, sees what it read and changed, can undo, look at the whole machine state,
 * and save the trace for mmcheck replay. For teaching, and for building a trace by hand.
 * Commands are read a line at a time from standard input, so a script can drive it.
 */
@Command(name = "step", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Step through a scenario by hand: choose who moves next, undo, see the state.",
        footer = {"", "Commands: a move's number; u (undo); s (the whole state); t (the trace so far);",
                "save FILE (the trace as JSON, for mmcheck replay); q (quit); h (help).",
                "Exit status: 1 the path at the end breaks an invariant, 3 only a model gap, 0 nothing,", "2 bad input or a save that failed."})
final class StepCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();
    @Mixin PatchOptions patch = new PatchOptions();

    @Parameters(paramLabel = "FILE", description = "the scenario (.mmt)")
    Path file;

    @picocli.CommandLine.Option(names = "--start", paramLabel = "N", description = "which start, when the scenario has several (from 0)")
    int start;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws java.io.IOException {
        Runner.Overrides over = patch.overrides();
        Model m = PatchOptions.compile(common, file, over);
        if (m == null) return 2;
        if (start < 0 || start >= m.starts().size()) {
            System.err.println("mmcheck: --start must be from 0 to " + (m.starts().size() - 1) + ", not " + start);
            return 2;
        }
        Walk w = new Walk(m, start);
        out.println(file + ": " + m.title() + " (" + over.describe() + ")");
        if (m.starts().size() > 1) out.println("  from the start where " + m.starts().get(start).description());
        out.println("  type a move's number to take it; h for help");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<Walk.Move> moves = show(m, w, 0);
        boolean saveFailed = false;
        for (String line; (line = in.readLine()) != null; ) {
            String cmd = line.strip();
            if (cmd.isEmpty()) continue;
            if (cmd.equals("q") || cmd.equals("quit")) break;
            switch (cmd.split("\\s+")[0]) {
                case "h", "help", "?" -> out.println("  N: take move N   u: undo   s: the whole state   t: the trace so far   save FILE: write it as JSON   q: quit");
                case "u", "undo" -> {
                    if (w.trace().isEmpty()) out.println("  nothing to undo");
                    else { w.undo(); out.println("  undone: back at step " + w.trace().size()); }
                    moves = show(m, w, w.broken().size());
                }
                case "s", "state" -> state(m, w);
                case "t", "trace" -> {
                    if (w.trace().isEmpty()) out.println("  no step taken yet");
                    else out.print(CompactRenderer.renderSteps(m, w.start(), w.trace()));
                    for (var e : w.broken().entrySet())
                        out.println("  ! " + e.getKey().name + (e.getKey() == Invariant.MODEL_GAP ? " (not a finding)" : " broken") + " at step "
                                + e.getValue().steps() + ": " + e.getValue().message());
                }
                case "save" -> saveFailed |= !save(m, w, over, cmd.substring(4).strip());
                default -> {
                    int k;
                    try {
                        k = Integer.parseInt(cmd);
                    } catch (NumberFormatException e) {
                        out.println("  what is '" + printable(cmd) + "'? h for help");
                        continue;
                    }
                    if (k < 1 || k > moves.size()) { out.println("  no move " + k + (moves.isEmpty() ? ": nothing can move" : "; moves are 1 to " + moves.size())); continue; }
                    int known = w.broken().size();
                    w.take(moves.get(k - 1));
                    Violation.TraceStep ts = w.trace().get(w.trace().size() - 1);
                    out.println(row(m, w.trace().size(), ts));
                    moves = show(m, w, known);
                }
            }
        }
        if (saveFailed) return 2;
        return w.firstViolation() != null ? 1 : w.broken().isEmpty() ? 0 : 3;
    }

    /** Echoes what the user typed without its control characters, and not too much of it. */
    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 40 ? p.substring(0, 40) + "..." : p;
    }

    /** What broke since `known` invariants had, where the walk is, and the moves from here, numbered. */
    private List<Walk.Move> show(Model m, Walk w, int known) {
        int i = 0;
        for (var e : w.broken().entrySet())
            if (i++ >= known)
                out.println("  ! " + e.getKey().name + (e.getKey() == Invariant.MODEL_GAP ? " (a path the model does not cover; not a finding): "
                        : " broken: ") + e.getValue().message() + " (u to undo, t for the trace, save FILE)");
        List<Walk.Move> moves = w.moves();
        if (w.over()) {
            out.println(w.stuck() ? "  nothing can make progress: a deadlock, or a wait nobody will end" : "  the walk is over: every thread finished, or one crashed");
            return w.stuck() ? List.of() : moves;
        }
        out.println("  moves at step " + (w.trace().size() + 1) + ":");
        for (int k = 0; k < moves.size(); k++) {
            Walk.Move mv = moves.get(k);
            var st = mv.step();
            String what = mv.isHardware() ? "[hw] " + st.event() : m.threads().get(st.thread()).label() + ": " + st.instr().stmt.statementText()
                    + (st.note() != null && st.note().contains("choose") ? " [" + st.note() + "]" : "")
                    + "  (" + st.instr().routine + " " + where(st) + ")";
            out.printf("  %2d  cpu%d %s%n", k + 1, st.cpu(), what);
        }
        return moves;
    }

    private static String row(Model m, int n, Violation.TraceStep ts) {
        var st = ts.step();
        StringBuilder b = new StringBuilder("  ").append(n).append(". cpu").append(st.cpu()).append(' ');
        if (st.isHardware()) b.append("[hw] ").append(st.event());
        else {
            b.append(m.threads().get(st.thread()).label()).append(": ").append(st.instr().stmt.statementText()).append(TableRenderer.outcome(m, st));
            if (st.note() != null) b.append(" (").append(st.note()).append(')');
        }
        for (Change c : ts.changes()) b.append("\n       ").append(c.text());
        return b.toString();
    }

    /** The whole machine state, the items the last step changed marked with '*'. */
    private void state(Model m, Walk w) {
        List<Change> last = w.trace().isEmpty() ? List.of() : w.trace().get(w.trace().size() - 1).changes();
        String group = null;
        for (StateView.Item it : StateView.of(m, w.state())) {
            if (!it.group().equals(group)) { group = it.group(); out.println("  " + group + ":"); }
            boolean changed = last.stream().anyMatch(c -> c.kind() == it.kind() && c.subject().equals(it.subject()));
            out.println("   " + (changed ? "*" : " ") + " " + it.subject() + " = " + it.value());
        }
    }

    /** Writes the trace up to its first violation as JSON; false (said on standard error) when it cannot. */
    private boolean save(Model m, Walk w, Runner.Overrides over, String to) {
        if (to.isEmpty()) { out.println("  save FILE: where to?"); return true; }
        Invariant inv = w.firstViolation();
        if (inv == null) { out.println("  nothing broke on this path yet: only a trace that breaks an invariant can be replayed"); return true; }
        JsonReport r = new JsonReport();
        r.addWalk(file.toString(), m, w.asViolation(inv), null, 0, over.kernel(), over.uses());
        try {
            Files.writeString(Path.of(to), r.text());
            out.println("  saved " + to + " (mmcheck replay " + to + ")");
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("mmcheck: cannot write " + to + ": " + dev.mmcheck.lang.SourceFile.why(e));
            return false;
        }
    }

    private static String where(dev.mmcheck.check.Step st) {
        String f = st.instr().stmt.file().name();
        return f.substring(f.lastIndexOf('/') + 1) + ":" + st.instr().stmt.line();
    }
}

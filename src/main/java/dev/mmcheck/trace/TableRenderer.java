package dev.mmcheck.trace;

import dev.mmcheck.check.Change;
import dev.mmcheck.check.Step;
import dev.mmcheck.check.Violation;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.ThreadProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * A violation's trace as the table kernel developers draw on the mailing list: one column per
 * CPU, one row per step, the step's source line in its CPU's column and what it changed at the
 * right; the invariant that broke, and why, under it.
 */
public final class TableRenderer {
    private static final int CPU_WIDTH = 36, CHANGE_WIDTH = 64;

    private TableRenderer() {}

    public static String render(Model m, Violation v) {
        int cpus = m.layout().nCpus;
        List<String[]> header = new ArrayList<>();
        String[] head = new String[cpus + 2];
        head[0] = "#";
        for (int c = 0; c < cpus; c++) head[c + 1] = "cpu" + c + cpuThreads(m, c);
        head[cpus + 1] = "what changed";
        header.add(head);

        List<List<String>[]> rows = new ArrayList<>();
        int n = 0;
        for (Violation.TraceStep r : v.trace()) {
            @SuppressWarnings("unchecked")
            List<String>[] cells = new List[cpus + 2];
            for (int i = 0; i < cells.length; i++) cells[i] = new ArrayList<>();
            cells[0].add(String.valueOf(++n));
            cells[r.step().cpu() + 1].addAll(describe(m, r.step()));
            for (Change c : r.changes()) cells[cpus + 1].add(c.text());
            rows.add(cells);
        }

        int[] width = new int[cpus + 2];
        for (int i = 0; i < width.length; i++) width[i] = head[i].length();
        for (List<String>[] cells : rows)
            for (int i = 0; i < cells.length; i++)
                for (String line : cells[i]) width[i] = Math.max(width[i], line.length());
        for (int i = 1; i <= cpus; i++) width[i] = Math.min(width[i], CPU_WIDTH);
        width[cpus + 1] = Math.min(width[cpus + 1], CHANGE_WIDTH);

        StringBuilder out = new StringBuilder();
        line(out, head, width);
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            if (i > 0) sep.append("-+-");
            sep.append("-".repeat(width[i]));
        }
        out.append(sep.toString().stripTrailing()).append('\n');
        for (List<String>[] cells : rows) {
            List<String>[] wrapped = wrap(cells, width);
            int h = 0;
            for (List<String> c : wrapped) h = Math.max(h, c.size());
            for (int k = 0; k < h; k++) {
                String[] parts = new String[cells.length];
                for (int i = 0; i < cells.length; i++) parts[i] = k < wrapped[i].size() ? wrapped[i].get(k) : "";
                line(out, parts, width);
            }
        }
        // The last row spans the table: the invariant that broke, and why.
        out.append(sep.toString().stripTrailing()).append('\n');
        int total = sep.length() - width[0] - 3;
        String pad = " ".repeat(width[0] - 1);
        boolean first = true;
        String last = v.invariant() == Invariant.MODEL_GAP ? "model gap: " + v.message() : v.invariant().name + " broken: " + v.message();
        for (String part : wrapText(last, Math.max(40, total))) {
            out.append(pad).append(first ? "!" : " ").append(" | ").append(part).append('\n');
            first = false;
        }
        return out.toString();
    }

    private static List<String> wrapText(String s, int width) {
        List<String> out = new ArrayList<>();
        while (s.length() > width) {
            int cut = s.lastIndexOf(' ', width);
            if (cut <= 0) cut = width;
            out.add(s.substring(0, cut));
            s = s.substring(cut).strip();
        }
        out.add(s);
        return out;
    }

    private static String cpuThreads(Model m, int cpu) {
        StringBuilder b = new StringBuilder();
        for (ThreadProgram t : m.threads()) {
            if (t.cpu() != cpu) continue;
            b.append(b.length() == 0 ? " " : ", ").append(t.label());
        }
        return b.toString();
    }

    private static List<String> describe(Model m, Step st) {
        List<String> lines = new ArrayList<>();
        if (st.isHardware()) {
            lines.add("[hw] " + st.event());
            return lines;
        }
        var in = st.instr();
        ThreadProgram t = m.threads().get(st.thread());
        String who = t.label();
        lines.add(in.stmt.statementText() + outcome(m, st));
        // The column names the CPU's thread; only the after block, which borrows cpu0, says who it is.
        String prefix = t.isAfter() ? "after: " : "";
        if (in.routine.equals(who)) {
            lines.add("  " + prefix + (t.isAfter() ? "" : who + ", ") + "line " + in.stmt.line());
        } else {
            String file = in.stmt.file().name();
            lines.add("  " + prefix + in.routine + " " + file.substring(file.lastIndexOf('/') + 1) + ":" + in.stmt.line());
        }
        if (st.note() != null) lines.add("  (" + st.note() + ")");
        return lines;
    }

    /**
     * What the step saw: which way its statement's test went ("-> true"), or else the values its
     * shared reads returned ("-> present|write|dirty f[0]").
     */
    public static String outcome(Model m, Step st) {
        if (st.branch() != null) return "  -> " + st.branch();
        if (st.reads().isEmpty()) return "";
        return "  -> " + String.join(", ", reads(m, st));
    }

    /** The values a step read, each in the kernel's words ("present|young f[0]", "J_COMMITTING_TRANSACTION", "true"). */
    public static List<String> reads(Model m, Step st) {
        List<String> out = new ArrayList<>();
        for (Step.Read r : st.reads()) {
            if (r.field() > 0) {
                dev.mmcheck.model.Layout l = m.layout();
                out.add(l.fields[l.fieldAt(r.field())].render(m.world(), r.value()));
            } else out.add(Values.of(m, r.prim().ret, r.value()));
        }
        return out;
    }

    /** Wraps each cell's lines to its column's width. */
    private static List<String>[] wrap(List<String>[] cells, int[] width) {
        @SuppressWarnings("unchecked")
        List<String>[] out = new List[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = new ArrayList<>();
            for (String s : cells[i]) {
                String indent = s.startsWith("  ") ? "    " : "  ";
                while (s.length() > width[i]) {
                    int cut = s.lastIndexOf(' ', width[i]);
                    if (cut <= indent.length()) cut = width[i];
                    out[i].add(s.substring(0, cut));
                    s = indent + s.substring(cut).strip();
                }
                out[i].add(s);
            }
        }
        return out;
    }

    private static void line(StringBuilder out, String[] parts, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) b.append(" | ");
            b.append(i == 0 ? String.format("%" + width[i] + "s", parts[i]) : String.format("%-" + width[i] + "s", parts[i]));
        }
        out.append(b.toString().stripTrailing()).append('\n');
    }
}

package dev.mmcheck.trace;

import dev.mmcheck.check.Change;
import dev.mmcheck.check.StateDiff;
import dev.mmcheck.check.Step;
import dev.mmcheck.check.Violation;
import dev.mmcheck.check.Violation.TraceStep;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.ThreadProgram;
import java.util.ArrayList;
import java.util.List;

/**
 * A violation's trace sized for a linux-mm email: at most 80 columns, one row per step (or per
 * folded call), each CPU's rows starting at its own column, values read and branches inline,
 * what changed in brackets after it, source locations only when asked.
 *
 * <p>Folding ({@link Fold#CALLS}): a trace alternates between CPUs in runs (steps of one thread
 * with no other CPU's step between them). Inside a run, a call whose steps hold nothing a reader
 * must see becomes one row: its name, how many steps, and what it changed in all (a lock taken
 * and released again is no change). What a reader must see, a "key" step, is what the race is
 * made of: a step of the thread's own statement (a user store or load), a hardware move (taking
 * an IPI, an eviction, a speculative walk), a step that changes memory or disk or a page
 * table's upper level (a pmd cleared or set, a page-table page freed or allocated), and the step the
 * invariant broke at (an IPI a folded call sends shows in its row's changes). A
 * call holding a key step is opened, and within it the same rule applies one level down;
 * consecutive non-key steps of the opened routine fold into one row. An interleaving is never
 * hidden: a row never spans two runs, so every switch between CPUs stays a row boundary.
 */
public final class CompactRenderer {
    /** How much to fold: nothing (one row per step) or calls with no key step. */
    public enum Fold { NONE, CALLS }

    public static final int WIDTH = 80;
    /** Room the last lane keeps for a statement (8 CPUs still fit: lanes 4 columns apart). */
    private static final int LAST_LANE = 46;
    /** The step-number column: "16-24 " right-aligned, as wide as the widest range needs. */
    private int number = 6;

    private final Model m;
    private final Violation v;
    private final Fold fold;
    private final boolean locations;
    private final List<Row> rows = new ArrayList<>();

    /** One output row: the steps it covers (first..last, 1-based), the CPU column, its text. */
    public record Row(int first, int last, int lane, String text) {}

    private CompactRenderer(Model m, Violation v, Fold fold, boolean locations) {
        this.m = m;
        this.v = v;
        this.fold = fold;
        this.locations = locations;
    }

    public static String render(Model m, Violation v, Fold fold, boolean locations) {
        return new CompactRenderer(m, v, fold, locations).render();
    }

    /** Steps that broke nothing (yet): the same layout, with no verdict line (mmcheck step's trace so far). */
    public static String renderSteps(Model m, int start, List<TraceStep> steps) {
        return new CompactRenderer(m, new Violation(null, null, start, new int[0], List.copyOf(steps)), Fold.NONE, false).render();
    }

    /** The rows alone, before layout: what a test checks covers every step once, in order. */
    public static List<Row> rows(Model m, Violation v, Fold fold) {
        CompactRenderer r = new CompactRenderer(m, v, fold, false);
        r.render();
        return r.rows;
    }

    private String render() {
        List<TraceStep> t = v.trace();
        // Lanes: only the CPUs that took a step, in CPU order.
        int cpus = m.layout().nCpus;
        boolean[] used = new boolean[cpus];
        for (TraceStep s : t) used[s.step().cpu()] = true;
        int[] lane = new int[cpus];
        List<Integer> laneCpu = new ArrayList<>();
        for (int c = 0; c < cpus; c++) if (used[c]) { lane[c] = laneCpu.size(); laneCpu.add(c); }
        int n = laneCpu.size();
        // Each lane starts `stagger` columns right of the one before: a row may run on to the
        // right over the (empty) lanes beside it, so the last lane keeps room for a statement.
        for (int i = 0; i < t.size(); ) {
            int j = i;
            while (j < t.size() && sameRun(t.get(i).step(), t.get(j).step())) j++;
            run(i, j, 0, lane[t.get(i).step().cpu()]);
            i = j;
        }
        for (Row r : rows) number = Math.max(number, (r.first == r.last ? String.valueOf(r.first) : r.first + "-" + r.last).length() + 1);
        int stagger = n <= 1 ? 0 : Math.max(4, Math.min(26, (WIDTH - number - LAST_LANE) / (n - 1)));


        StringBuilder out = new StringBuilder();
        // Header: the CPUs, under them their threads, then a rule.
        StringBuilder cpuLine = new StringBuilder(" ".repeat(number)), names = new StringBuilder(" ".repeat(number)),
                rule = new StringBuilder(" ".repeat(number));
        for (int k = 0; k < n; k++) {
            int c = laneCpu.get(k);
            int room = k == n - 1 ? WIDTH - number - k * stagger : stagger - 1;
            String name = threadsOn(c);
            if (name.length() > room) name = name.substring(0, Math.max(0, room - 1)) + "~";
            int pad = k == n - 1 ? 0 : stagger;
            cpuLine.append(pad(("cpu" + c), pad));
            names.append(pad(name, pad));
            rule.append(pad("-".repeat(Math.max(4, Math.min(room, name.length()))), pad));
        }
        out.append(cpuLine.toString().stripTrailing()).append('\n');
        out.append(names.toString().stripTrailing()).append('\n');
        out.append(rule.toString().stripTrailing()).append('\n');
        for (Row r : rows) {
            String num = r.first == r.last ? String.valueOf(r.first) : r.first + "-" + r.last;
            int indent = number + r.lane * stagger;
            List<String> lines = wrap(r.text, WIDTH - indent);
            for (int k = 0; k < lines.size(); k++) {
                String prefix = k == 0 ? String.format("%" + (number - 1) + "s ", num) : " ".repeat(number);
                out.append(prefix).append(" ".repeat(indent - number)).append(k == 0 ? "" : "  ").append(lines.get(k)).append('\n');
            }
        }
        if (v.invariant() == null) return out.toString();   // steps that broke nothing (renderSteps)
        String last = v.invariant() == Invariant.MODEL_GAP ? "model gap: " + v.message() : v.invariant().name + " broken: " + v.message();
        List<String> lines = wrap(last, WIDTH - number);
        for (int k = 0; k < lines.size(); k++)
            out.append(k == 0 ? String.format("%" + (number - 1) + "s ", "!") : " ".repeat(number + 2)).append(lines.get(k)).append('\n');
        return out.toString();
    }

    /** Steps of one thread with no other CPU's between them (the after block shares cpu0 with a thread). */
    private static boolean sameRun(Step a, Step b) {
        return a.cpu() == b.cpu() && a.thread() == b.thread();
    }

    /**
     * Rows for steps [from, to) of one run, all inside the same calls down to depth d: each
     * direct step of that level, and each call made from it, folded when it holds no key step.
     */
    private void run(int from, int to, int d, int lane) {
        List<TraceStep> t = v.trace();
        int i = from;
        while (i < to) {
            if (fold == Fold.NONE) {
                String callee = callAt(t.get(i).step(), d);
                int j = i + 1;
                if (callee == null) rows.add(new Row(i + 1, i + 1, lane, stepText(i)));
                else {
                    while (j < to && callee.equals(callAt(t.get(j).step(), d))) j++;
                    run(i, j, d + 1, lane);
                }
                i = j;
                continue;
            }
            // A key step of this level, or a call holding one (opened; a thread's own statement
            // is always opened: folding it whole would say only that the thread ran).
            int j = item(i, to, d);
            if (keyIn(i, j) || d == 0 && j - i > 1 && callAt(t.get(i).step(), d) != null) {
                if (callAt(t.get(i).step(), d) == null) rows.add(new Row(i + 1, i + 1, lane, stepText(i)));
                else run(i, j, d + 1, lane);
                i = j;
                continue;
            }
            // Otherwise: this and the following items of the level with no key step, one row.
            List<String> callees = new ArrayList<>();
            int k = i;
            while (k < to) {
                int e = item(k, to, d);
                if (keyIn(k, e)) break;
                String c = callAt(t.get(k).step(), d);
                if (c != null && !callees.contains(c + "()")) callees.add(c + "()");
                k = e;
            }
            if (k - i == 1) rows.add(new Row(i + 1, i + 1, lane, stepText(i)));
            else rows.add(folded(i, k, lane, routineAt(t.get(i).step(), d) + ": " + (callees.isEmpty() ? statements(i, k) : String.join(", ", callees))));
            i = k;
        }
    }

    /** The statements of steps [i, k) when they are few and short ("a; b"), else "...". */
    private String statements(int i, int k) {
        List<String> all = new ArrayList<>();
        for (int j = i; j < k; j++) all.add(v.trace().get(j).step().instr().stmt.statementText().replaceAll(";$", ""));
        String joined = String.join("; ", all);
        return all.size() <= 3 && joined.length() <= 60 ? joined : "...";
    }

    /** The end of the item of level d starting at i: one direct step, or every step of one call made from the level. */
    private int item(int i, int to, int d) {
        List<TraceStep> t = v.trace();
        String callee = callAt(t.get(i).step(), d);
        int j = i + 1;
        if (callee != null) while (j < to && callee.equals(callAt(t.get(j).step(), d))) j++;
        return j;
    }

    private boolean keyIn(int from, int to) {
        for (int k = from; k < to; k++) if (key(k)) return true;
        return false;
    }

    /** The routine a step's code was called into at depth d (0: from the thread's statement), or null for the level's own code. */
    private static String callAt(Step st, int d) {
        if (st.isHardware()) return null;
        var calls = st.instr().calls;
        return d < calls.size() ? calls.get(d) : null;
    }

    private String routineAt(Step st, int d) {
        if (d == 0 || st.isHardware()) return who(st);
        return st.instr().calls.get(d - 1);
    }

    private String who(Step st) {
        ThreadProgram p = m.threads().get(st.thread());
        return p.label();
    }

    /** A step the race is made of; see the class comment. */
    private boolean key(int i) {
        TraceStep s = v.trace().get(i);
        Step st = s.step();
        if (i == v.trace().size() - 1 || st.isHardware() || st.instr().calls.isEmpty()) return true;
        for (Change c : s.changes())
            if (c.kind() == Change.Kind.MEMORY || c.kind() == Change.Kind.DISK || c.kind() == Change.Kind.PT || c.kind() == Change.Kind.FRAME) return true;
        return false;
    }

    /**
     * A folded row: its label, how many steps, and what the steps changed in all, each change
     * under the routine that made it last ("clear_page_dirty_for_io: f[0]->flags: PG_dirty
     * cleared"), so the row still says who did what.
     */
    private Row folded(int i, int j, int lane, String label) {
        List<TraceStep> t = v.trace();
        java.util.Map<String, List<Change>> by = new java.util.LinkedHashMap<>();
        java.util.TreeMap<Integer, String> order = new java.util.TreeMap<>();
        for (Net c : netChanges(i, j)) {
            // Locks fold away -- the rows on each side show which CPU ran -- except in a
            // deadlock's trace, whose point is who holds what.
            if (c.change().kind() == Change.Kind.LOCK && v.invariant() != Invariant.NO_DEADLOCK) continue;
            int k = j - 1;
            while (k > i && !madeBy(t.get(k), c)) k--;
            Step st = t.get(k).step();
            String r = st.isHardware() ? "[hw]" : st.instr().routine;
            order.putIfAbsent(k, r);
            by.computeIfAbsent(r, x -> new ArrayList<>()).add(c.change());
        }
        StringBuilder text = new StringBuilder(label).append(" (").append(j - i).append(" steps)");
        List<String> parts = new ArrayList<>();
        for (String r : new java.util.LinkedHashSet<>(order.values())) parts.add(r + ": " + merged(by.get(r)));
        if (!parts.isEmpty()) text.append("  [").append(String.join("; ", parts)).append(']');
        if (locations) text.append("  {").append(t.get(i).step().instr().routine).append(' ').append(where(t.get(i).step())).append('}');
        return new Row(i + 1, j, lane, text.toString());
    }

    /** A net change of a folded row; for a flag word, one bit of it (index in the state vector, mask). */
    private record Net(Change change, int index, int mask) {}

    /**
     * What steps [i, j) changed in all, a flag word bit by bit (so that "PG_locked set" and
     * "PG_dirty cleared" are each laid at the door of the routine that did it).
     */
    private List<Net> netChanges(int i, int j) {
        List<TraceStep> t = v.trace();
        int[] a = t.get(i).before(), b = t.get(j - 1).after();
        dev.mmcheck.model.Layout l = m.layout();
        List<Net> out = new ArrayList<>();
        for (Change c : StateDiff.changes(m, a, b)) out.add(new Net(c, -1, 0));
        // Flag words: replace each by its bits.
        for (int at = 0; at < a.length; at++) {
            if (a[at] == b[at]) continue;
            int f = l.fieldAt(at);
            if (f < 0 || l.fields[f].kind() != dev.mmcheck.model.Field.Kind.FLAGS) continue;
            String name = l.fieldName(at);
            int pos = 0;
            while (pos < out.size() && !(out.get(pos).change().kind() == Change.Kind.FIELD && out.get(pos).change().subject().equals(name))) pos++;
            if (pos == out.size()) continue;
            out.remove(pos);
            for (int bit = 30; bit >= 0; bit--) {
                int mask = 1 << bit;
                if (((a[at] ^ b[at]) & mask) == 0) continue;
                String text = name + ": " + l.fields[f].bitsChanged(a[at], a[at] ^ mask);
                out.add(pos, new Net(new Change(Change.Kind.FIELD, name, text), at, mask));
            }
        }
        return out;
    }

    /** Whether a step made (its part of) a net change: for a flag bit, it changed that bit. */
    private static boolean madeBy(TraceStep s, Net c) {
        if (c.mask() != 0) return ((s.before()[c.index()] ^ s.after()[c.index()]) & c.mask()) != 0;
        for (Change x : s.changes()) if (x.kind() == c.change().kind() && x.subject().equals(c.change().subject())) return true;
        return false;
    }

    private String stepText(int i) {
        TraceStep s = v.trace().get(i);
        Step st = s.step();
        StringBuilder b = new StringBuilder();
        if (st.isHardware()) b.append("[hw] ").append(st.event());
        else {
            b.append(st.instr().stmt.statementText()).append(TableRenderer.outcome(m, st));
            if (st.note() != null) b.append(" (").append(st.note()).append(')');
        }
        b.append(changes(s.changes()));
        if (locations && !st.isHardware()) b.append("  {").append(st.instr().routine).append(' ').append(where(st)).append('}');
        return b.toString();
    }

    private static String where(Step st) {
        String file = st.instr().stmt.file().name();
        return file.substring(file.lastIndexOf('/') + 1) + ":" + st.instr().stmt.line();
    }

    /** What changed, in brackets: "[PTE A:0 = present|young f[0]; disk f[0].0 = 1]". */
    private static String changes(List<Change> cs) {
        return cs.isEmpty() ? "" : "  [" + merged(cs) + "]";
    }

    /**
     * Changes joined by "; ", the same change to several instances said once:
     * "f[0].{0,1}->b_transaction = NO_TRANSACTION".
     */
    static String merged(List<Change> cs) {
        java.util.Map<String, List<String>> subjects = new java.util.LinkedHashMap<>();
        for (Change c : cs) {
            String shape = c.text().contains(c.subject()) ? c.text().replace(c.subject(), "\0") : c.text();
            subjects.computeIfAbsent(shape, x -> new ArrayList<>()).add(c.subject());
        }
        // Then one subject's changes together: "f[0]->flags: PG_locked set, PG_dirty cleared".
        java.util.Map<String, List<String>> bySubject = new java.util.LinkedHashMap<>();
        subjects.forEach((shape, subs) -> {
            String text = shape.replace("\0", subs.size() == 1 ? subs.get(0) : braces(subs));
            int colon = text.indexOf(": ");
            String head = colon > 0 && !text.startsWith("PTE ") ? text.substring(0, colon + 2) : text;
            bySubject.computeIfAbsent(head, x -> new ArrayList<>()).add(head.equals(text) ? "" : text.substring(colon + 2));
        });
        List<String> parts = new ArrayList<>();
        bySubject.forEach((head, tails) -> parts.add(tails.contains("") ? head : head + String.join(", ", tails)));
        return String.join("; ", parts);
    }

    /** "f[0].0->b_state", "f[0].1->b_state" -> "f[0].{0,1}->b_state"; cut only where a name or number ends. */
    static String braces(List<String> subs) {
        String a = subs.get(0);
        int pre = a.length(), suf = a.length();
        for (String s : subs) {
            int p = 0;
            while (p < Math.min(pre, s.length()) && s.charAt(p) == a.charAt(p)) p++;
            pre = p;
            int q = 0;
            while (q < Math.min(suf, s.length()) && s.charAt(s.length() - 1 - q) == a.charAt(a.length() - 1 - q)) q++;
            suf = q;
        }
        while (pre > 0 && Character.isLetterOrDigit(a.charAt(pre - 1))) pre--;
        while (suf > 0 && Character.isLetterOrDigit(a.charAt(a.length() - suf))) suf--;
        int minLen = Integer.MAX_VALUE;
        for (String s : subs) minLen = Math.min(minLen, s.length());
        if (pre + suf > minLen) return String.join(", ", subs);
        List<String> mids = new ArrayList<>();
        for (String s : subs) mids.add(s.substring(pre, s.length() - suf));
        return a.substring(0, pre) + "{" + String.join(",", mids) + "}" + a.substring(a.length() - suf);
    }

    private String threadsOn(int cpu) {
        StringBuilder b = new StringBuilder();
        for (ThreadProgram p : m.threads()) {
            if (p.cpu() != cpu) continue;
            b.append(b.length() == 0 ? "" : ",").append(p.label());
        }
        return b.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Wraps at spaces to width, continuation lines to width - 2 (they are indented by two). */
    static List<String> wrap(String s, int width) { return wrap(s, width, width - 2); }

    /** Wraps at spaces: the first line to first columns, the others to rest (a word longer than that is cut). */
    public static List<String> wrap(String s, int first, int rest) {
        first = Math.max(first, 10);
        rest = Math.max(rest, 10);
        List<String> out = new ArrayList<>();
        int w = first;
        while (s.length() > w) {
            int cut = s.lastIndexOf(' ', w);
            if (cut <= 0) cut = w;
            out.add(s.substring(0, cut).stripTrailing());
            s = s.substring(cut).strip();
            w = rest;
        }
        out.add(s);
        return out;
    }
}

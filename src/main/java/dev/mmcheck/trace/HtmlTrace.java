package dev.mmcheck.trace;

import dev.mmcheck.check.Change;
import dev.mmcheck.check.StateView;
import dev.mmcheck.check.Step;
import dev.mmcheck.check.Violation;
import dev.mmcheck.lang.Pos;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.ThreadProgram;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One trace as the data the HTML page steps through: its steps (as the table shows them), the
 * whole machine state before the first step and after each one, which state items each step
 * changed, and the lines of .mmt source around each step's statement.
 */
final class HtmlTrace {
    /** Lines of source shown on each side of a step's line. */
    static final int CONTEXT = 4;

    /** StateView's group names the IPI panel is placed by. */
    private static final String IPIS = "IPIs", INTERRUPTS = "interrupts";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HtmlTrace() {}

    /**
     * The trace's JSON: name, label, last (the table's last row), start, items (group, subject,
     * kind), states (one array of item values per state, null where the item is absent), steps.
     * Source lines the steps need are added to sources: file -> line -> text.
     */
    static ObjectNode of(Model m, Violation v, String label, ObjectNode sources) {
        ObjectNode t = NODES.objectNode();
        boolean gap = v.invariant() == Invariant.MODEL_GAP;
        t.put("name", gap ? HtmlReport.GAP_NAME : v.invariant().name);
        t.put("label", label);
        t.put("last", gap ? "model gap: " + v.message() : v.invariant().name + " broken: " + v.message());
        t.put("start", m.starts().size() > 1 ? m.starts().get(v.start()).description() : null);

        List<List<StateView.Item>> states = new ArrayList<>();
        // Step 0 is the state before the first step; a trace of no steps broke in its start.
        states.add(StateView.of(m, v.trace().isEmpty() ? m.starts().get(v.start()).state() : v.trace().get(0).before()));
        for (Violation.TraceStep ts : v.trace()) states.add(StateView.of(m, ts.after()));
        List<StateView.Item> items = mergedItems(states);
        t.set("groups", groups(items));
        Map<String, Integer> index = putItems(t, items);
        ArrayNode ss = t.putArray("states");
        for (List<StateView.Item> state : states) ss.add(values(state, index));
        ArrayNode steps = t.putArray("steps");
        for (Violation.TraceStep ts : v.trace()) steps.add(step(m, ts, index, sources));
        return t;
    }

    /** Lists the items (group, subject, kind); returns where each is in the list, by key. */
    private static Map<String, Integer> putItems(ObjectNode t, List<StateView.Item> items) {
        Map<String, Integer> index = new HashMap<>();
        ArrayNode is = t.putArray("items");
        for (StateView.Item it : items) {
            index.put(key(it.kind(), it.subject()), index.size());
            ObjectNode o = is.addObject();
            o.put("group", it.group());
            o.put("subject", it.subject());
            o.put("kind", it.kind().name());
        }
        return index;
    }

    /** Changes and state items name the same thing by kind and subject (memory and disk share "f[0].0"). */
    private static String key(Change.Kind kind, String subject) { return kind + " " + subject; }

    /**
     * Every item any state has, in StateView's order. A state lists a pending IPI only while it
     * is pending, so each new item goes right after the item that precedes it in its own state.
     */
    static List<StateView.Item> mergedItems(List<List<StateView.Item>> states) {
        List<StateView.Item> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (List<StateView.Item> state : states) {
            int at = 0;
            for (StateView.Item it : state) {
                String k = key(it.kind(), it.subject());
                int i = keys.indexOf(k);
                if (i < 0) {
                    i = at;
                    keys.add(i, k);
                    out.add(i, it);
                }
                at = i + 1;
            }
        }
        return out;
    }

    /**
     * The state panels, in the items' order. StateView lists IPIs only while one is pending; the
     * page shows an IPI panel (empty) all the same, after the interrupts, so that "no IPI" is said.
     */
    private static ArrayNode groups(List<StateView.Item> items) {
        List<String> gs = new ArrayList<>();
        for (StateView.Item it : items) if (!gs.contains(it.group())) gs.add(it.group());
        if (!gs.contains(IPIS)) gs.add(gs.contains(INTERRUPTS) ? gs.indexOf(INTERRUPTS) + 1 : gs.size(), IPIS);
        ArrayNode a = NODES.arrayNode();
        gs.forEach(a::add);
        return a;
    }

    private static ArrayNode values(List<StateView.Item> state, Map<String, Integer> index) {
        String[] vs = new String[index.size()];
        for (StateView.Item it : state) vs[index.get(key(it.kind(), it.subject()))] = it.value();
        ArrayNode a = NODES.arrayNode();
        for (String x : vs) a.add(x);
        return a;
    }

    private static ObjectNode step(Model m, Violation.TraceStep ts, Map<String, Integer> index, ObjectNode sources) {
        Step st = ts.step();
        ObjectNode o = NODES.objectNode();
        o.put("cpu", st.cpu());
        if (st.isHardware()) {
            o.put("event", st.event());
        } else {
            Instr in = st.instr();
            ThreadProgram p = m.threads().get(st.thread());
            o.put("thread", p.label());
            o.put("statement", in.stmt.statementText());
            o.put("outcome", TableRenderer.outcome(m, st).strip());
            o.put("note", st.note());
            o.put("routine", in.routine);
            ArrayNode calls = o.putArray("calls");
            for (String c : in.calls) calls.add(c);
            String file = displayName(in.stmt);
            o.put("file", file);
            o.put("line", in.stmt.line());
            addContext(sources, file, in.stmt);
        }
        ArrayNode cs = o.putArray("changes");
        for (Change ch : ts.changes()) {
            ObjectNode c = cs.addObject();
            c.put("item", index.getOrDefault(key(ch.kind(), ch.subject()), -1));
            c.put("text", ch.text());
        }
        return o;
    }

    /** The lines around the statement, from the text the compiler read (no second read of the file). */
    private static void addContext(ObjectNode sources, String file, Pos stmt) {
        if (stmt.file() == null) return;
        ObjectNode lines = sources.has(file) ? (ObjectNode) sources.get(file) : sources.putObject(file);
        int from = Math.max(1, stmt.line() - CONTEXT), to = Math.min(stmt.file().lines(), stmt.line() + CONTEXT);
        for (int k = from; k <= to; k++) lines.put(Integer.toString(k), stmt.file().line(k));
    }

    /**
     * A file as the reader knows it: library files are named by absolute path, so one under
     * the working directory is shown relative to it (lib/linux/mm/memory.mmt).
     */
    static String displayName(Pos p) {
        String name = p.file() == null ? "?" : p.file().name();
        try {
            Path path = Path.of(name), cwd = Path.of("").toAbsolutePath();
            if (path.isAbsolute() && path.startsWith(cwd)) return cwd.relativize(path).toString();
        } catch (InvalidPathException | SecurityException e) {
            // not a path this system can name: show it as the compiler did
        }
        return name;
    }
}

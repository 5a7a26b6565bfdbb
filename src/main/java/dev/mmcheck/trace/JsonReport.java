package dev.mmcheck.trace;

import dev.mmcheck.check.Change;
import dev.mmcheck.check.Result;
import dev.mmcheck.check.Step;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.check.Violation;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.ThreadProgram;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A check's results as JSON, schema docs/schema/mmcheck-result-1.json ("mmcheck-result/1"):
 * the verdict, the bounds, the statistics, each judgement and each trace as typed steps.
 */
public final class JsonReport {
    public static final String SCHEMA = "mmcheck-result/1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode results;

    public JsonReport() {
        root.put("schema", SCHEMA);
        results = root.putArray("results");
    }

    /** A file that did not compile. */
    public void error(String file, String rendered) {
        ObjectNode r = results.addObject();
        r.put("file", file);
        r.put("exitStatus", 2);
        r.put("error", rendered);
    }

    public void add(String file, Model m, Result res, Verdict v, int exitStatus, java.util.List<String> unmet) {
        ObjectNode r = scenario(file, m, exitStatus);
        fill(r, m, res, v, unmet);
    }

    /**
     * One walk's violation (mmcheck simulate, or a trace built with mmcheck step): the scenario, the invariant and its trace, and how
     * the walk was made (its seed), with no statistics and no verdict over the whole search, as
     * a walk explores one interleaving. mmcheck replay reads it back.
     */
    public void addWalk(String file, Model m, Violation v, Long seed, int run, String kernel, java.util.Map<String, String> uses) {
        ObjectNode r = scenario(file, m, 1);
        r.put("verdict", "VIOLATION");
        ObjectNode o = r.putArray("invariants").addObject();
        o.put("invariant", v.invariant().name);
        o.put("status", "VIOLATED");
        o.put("detail", v.message());
        o.set("trace", trace(m, v));
        if (seed != null) {   // null: a trace built by hand (mmcheck step)
            ObjectNode sim = r.putObject("simulation");
            sim.put("seed", seed.longValue());
            sim.put("run", run);
        }
        overrides(r, kernel, uses);
    }

    /** The --kernel and --use a run was given (nothing when none): what mmcheck replay applies again. */
    private static void overrides(ObjectNode r, String kernel, java.util.Map<String, String> uses) {
        if (kernel == null && uses.isEmpty()) return;
        ObjectNode o = r.putObject("overrides");
        o.put("kernel", kernel);
        ObjectNode u = o.putObject("use");
        uses.forEach(u::put);
    }

    /** Records the overrides of the result added last. */
    public void overrides(String kernel, java.util.Map<String, String> uses) {
        overrides((ObjectNode) results.get(results.size() - 1), kernel, uses);
    }

    private ObjectNode scenario(String file, Model m, int exitStatus) {
        ObjectNode r = results.addObject();
        r.put("file", file);
        r.put("exitStatus", exitStatus);
        r.put("title", m.title());
        r.put("arch", m.arch().name);
        r.put("kernel", m.kernel());
        r.put("cpus", m.world().nCpus);
        ArrayNode ts = r.putArray("threads");
        for (int t = 0; t < m.threads().size(); t++) {
            ThreadProgram p = m.threads().get(t);
            ObjectNode o = ts.addObject();
            o.put("name", p.label());
            o.put("cpu", p.cpu());
            o.put("mm", p.mm() < 0 ? null : m.world().mms.get(p.mm()).name());
        }
        ObjectNode b = r.putObject("bounds");
        b.put("evictions", m.evictionBound());
        if (m.world().nTableFrames > 0) b.put("speculative", m.speculationBound());
        if (m.depthBound() > 0) b.put("depth", m.depthBound()); else b.putNull("depth");
        return r;
    }

    private void fill(ObjectNode r, Model m, Result res, Verdict v, java.util.List<String> unmet) {
        r.put("verdict", v.overall().name());
        ArrayNode js = r.putArray("invariants");
        for (Verdict.Judgement j : v.judgements()) {
            ObjectNode o = js.addObject();
            o.put("invariant", j.invariant().name);
            o.put("status", j.status().name());
            o.put("detail", j.detail());
            if (j.violation() != null) o.set("trace", trace(m, j.violation()));
        }
        if (v.gap() != null) r.set("modelGap", trace(m, v.gap())); else r.putNull("modelGap");
        ObjectNode s = r.putObject("statistics");
        s.put("stop", res.stop().name());
        s.put("states", res.states());
        s.put("transitions", res.transitions());
        s.put("finalStates", res.finalStates());
        s.put("depth", res.depth());
        s.put("seconds", res.seconds());
        s.put("bytes", res.bytes());
        ObjectNode c = s.putObject("costs");
        for (Result.Cost k : Result.Cost.values()) c.put(k.name().toLowerCase(), res.cost(k));
        ArrayNode rs = r.putArray("routines");
        for (Model.RoutineUse u : m.routines()) {
            ObjectNode o = rs.addObject();
            o.put("name", u.name());
            o.put("variant", u.variant());
            o.put("how", u.how());
            o.put("local", u.local());
            o.put("used", u.used());
        }
        ArrayNode un = r.putArray("unmet");
        for (String x : unmet) un.add(x);
    }

    private static ObjectNode trace(Model m, Violation v) {
        ObjectNode t = JSON.createObjectNode();
        t.put("message", v.message());
        t.put("start", m.starts().get(v.start()).description());
        ArrayNode steps = t.putArray("steps");
        int n = 0;
        for (Violation.TraceStep ts : v.trace()) {
            Step st = ts.step();
            ObjectNode o = steps.addObject();
            o.put("n", ++n);
            o.put("cpu", st.cpu());
            if (st.isHardware()) {
                o.put("kind", "hardware");
                o.put("event", st.event());
            } else {
                ThreadProgram p = m.threads().get(st.thread());
                o.put("kind", "thread");
                o.put("thread", p.label());
                o.put("statement", st.instr().stmt.statementText());
                o.put("routine", st.instr().routine);
                o.put("file", st.instr().stmt.file().name());
                o.put("line", st.instr().stmt.line());
                ArrayNode reads = o.putArray("reads");
                for (String x : TableRenderer.reads(m, st)) reads.add(x);
                if (st.branch() != null) o.put("branch", st.branch().booleanValue()); else o.putNull("branch");
                o.put("note", st.note());
            }
            ArrayNode cs = o.putArray("changes");
            for (Change ch : ts.changes()) {
                ObjectNode x = cs.addObject();
                x.put("kind", ch.kind().name());
                x.put("subject", ch.subject());
                x.put("text", ch.text());
            }
        }
        return t;
    }

    public String text() { return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n"; }
}

package dev.mmcheck.trace;

import dev.mmcheck.check.Step;
import dev.mmcheck.check.Walk;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.ThreadProgram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A saved trace read back as a schedule: the scenario, its start, and per step who moved (a
 * thread by name, or a CPU's hardware event), with what the step said (statement, note) to
 * tell apart two moves of one thread (the arms of a choice). Replaying follows who moves, not
 * line numbers or transition ordinals, so it still means something after the routines change.
 */
public final class Schedule {
    /** A trace file that cannot be replayed: not JSON, not ours, or no trace in it. */
    public static final class BadTrace extends Exception {
        public BadTrace(String message) { super(message); }
    }

    /** One recorded step: a thread's (thread non-null) or a hardware event on a CPU. */
    public record Recorded(int n, int cpu, String thread, String statement, String note, String event) {
        String describe() {
            return thread != null ? thread + " on cpu" + cpu + ": " + (statement == null ? "?" : statement.replaceAll(";$", "")) : "[hw] cpu" + cpu + ": " + event;
        }
    }

    /** How a replay went: the walk, and where it left the recorded schedule (0: it never did). */
    public record Outcome(Walk walk, int divergedAt, String why) {}

    private final Path scenario;
    private final String invariant, start, kernel;
    private final Map<String, String> uses;
    private final List<Recorded> steps;

    private Schedule(Path scenario, String invariant, String start, String kernel, Map<String, String> uses, List<Recorded> steps) {
        this.scenario = scenario;
        this.invariant = invariant;
        this.start = start;
        this.kernel = kernel;
        this.uses = uses;
        this.steps = steps;
    }

    public Path scenario() { return scenario; }
    public String invariant() { return invariant; }
    public String kernel() { return kernel; }
    public Map<String, String> uses() { return uses; }
    public List<Recorded> steps() { return steps; }

    /** The first trace in a check --json or simulate --json file (or the named invariant's). */
    public static Schedule read(Path file, String wanted) throws BadTrace {
        JsonNode doc;
        try {
            doc = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (tools.jackson.core.JacksonException e) {
            var at = e.getLocation();
            throw new BadTrace((at != null ? at.getLineNr() + ":" + at.getColumnNr() + ": " : "") + "not a trace mmcheck wrote: not JSON ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        } catch (java.io.IOException | RuntimeException e) {
            throw new BadTrace("cannot read it: " + dev.mmcheck.lang.SourceFile.why(e));
        }
        if (!JsonReport.SCHEMA.equals(doc.path("schema").asString(null)))
            throw new BadTrace("not a trace mmcheck wrote (no \"schema\": \"" + JsonReport.SCHEMA + "\")");
        for (JsonNode r : doc.path("results")) {
            for (JsonNode j : r.path("invariants")) {
                if (!j.has("trace") || wanted != null && !wanted.equals(j.path("invariant").asString(""))) continue;
                return of(file, r, j.path("invariant").asString(), j.get("trace"));
            }
        }
        throw new BadTrace(wanted == null ? "holds no trace (no invariant broke in it)" : "holds no trace of " + wanted);
    }

    private static Schedule of(Path file, JsonNode r, String invariant, JsonNode trace) throws BadTrace {
        Path scenario = Path.of(r.path("file").asString(""));
        // A path relative to where the check ran: try it as given, then beside the trace file.
        if (!Files.exists(scenario) && file.toAbsolutePath().getParent() != null) {
            Path beside = file.toAbsolutePath().getParent().resolve(scenario.getFileName() == null ? scenario : scenario.getFileName());
            if (Files.exists(beside)) scenario = beside;
        }
        Map<String, String> uses = new LinkedHashMap<>();
        JsonNode o = r.path("overrides");
        String kernel = o.path("kernel").isString() ? o.path("kernel").asString() : null;
        for (var e : o.path("use").properties()) uses.put(e.getKey(), e.getValue().asString());
        List<Recorded> steps = new ArrayList<>();
        for (JsonNode s : trace.path("steps")) {
            boolean hw = "hardware".equals(s.path("kind").asString(""));
            if (!s.has("cpu") || !hw && !s.has("thread")) throw new BadTrace("step " + (steps.size() + 1) + " says neither which thread nor which CPU moved");
            steps.add(new Recorded(steps.size() + 1, s.path("cpu").asInt(), hw ? null : s.path("thread").asString(),
                    s.path("statement").asString(null), s.path("note").asString(null), s.path("event").asString(null)));
        }
        String start = trace.path("start").isString() ? trace.path("start").asString() : null;
        return new Schedule(scenario, invariant, start, kernel, uses, steps);
    }

    /** Follows the schedule on the scenario as compiled now, as far as it goes. */
    public Outcome replay(Model m) throws BadTrace {
        int startIndex = 0;
        if (start != null) {
            startIndex = -1;
            for (int k = 0; k < m.starts().size(); k++) if (start.equals(m.starts().get(k).description())) startIndex = k;
            if (startIndex < 0) throw new BadTrace("the trace starts where " + start + "; the scenario has no such start now");
        }
        Walk w = new Walk(m, startIndex);
        for (Recorded r : steps) {
            if (w.over()) return new Outcome(w, r.n(), "the walk is over before it (" + (w.broken() != null ? w.broken().name + " broke" : "everything finished") + ")");
            List<Walk.Move> moves = w.moves();
            Walk.Move mv = pick(m, moves, r);
            if (mv == null) return new Outcome(w, r.n(), "the trace has " + r.describe() + "; now possible: " + possible(m, moves));
            w.take(mv);
        }
        return new Outcome(w, 0, w.over() ? null : "no recorded step is left");
    }

    /** The move that is the recorded step: the same thread (the same arm of a choice), or the same CPU's same event. */
    private static Walk.Move pick(Model m, List<Walk.Move> moves, Recorded r) {
        List<Walk.Move> same = new ArrayList<>();
        for (Walk.Move mv : moves) {
            Step st = mv.step();
            if (r.thread() != null ? !mv.isHardware() && r.thread().equals(name(m, st.thread())) : mv.isHardware() && st.cpu() == r.cpu()) same.add(mv);
        }
        for (Walk.Move mv : same) if (r.thread() == null ? mv.step().event().equals(r.event()) : java.util.Objects.equals(mv.step().note(), r.note())) return mv;
        if (r.thread() == null) {
            // The same kind of event (an IPI from the same CPU, an eviction) whose details moved.
            String kind = r.event() == null ? "" : r.event().split(":")[0];
            for (Walk.Move mv : same) if (mv.step().event().split(":")[0].equals(kind)) return mv;
            return null;
        }
        return same.isEmpty() ? null : same.get(0);
    }

    private static String possible(Model m, List<Walk.Move> moves) {
        if (moves.isEmpty()) return "nothing";
        List<String> out = new ArrayList<>();
        for (Walk.Move mv : moves) {
            Step st = mv.step();
            out.add(mv.isHardware() ? "[hw] cpu" + st.cpu() + ": " + st.event() : name(m, st.thread()) + ": " + st.instr().stmt.statementText().replaceAll(";$", ""));
        }
        return String.join("; ", out);
    }

    private static String name(Model m, int thread) {
        ThreadProgram p = m.threads().get(thread);
        return p.isAfter() ? "after" : p.name();
    }
}

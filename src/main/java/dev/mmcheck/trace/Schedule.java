package dev.mmcheck.trace;

import dev.mmcheck.check.Step;
import dev.mmcheck.check.Walk;
import dev.mmcheck.model.Model;
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
        private final int line, column;

        public BadTrace(String message) { this(message, 0, 0); }

        BadTrace(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }

        /** One line: "FILE:line:col: why" when the JSON parser said where, else "FILE: why". */
        public String render(Path file) {
            return file + (line > 0 ? ":" + line + ":" + column : "") + ": " + getMessage();
        }
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
            throw new BadTrace("not a trace mmcheck wrote: not JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")",
                    at != null ? at.getLineNr() : 0, at != null ? at.getColumnNr() : 0);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadTrace("not a trace mmcheck wrote: not UTF-8 text");
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
        if (dev.mmcheck.model.Invariant.byName(invariant) == null) throw new BadTrace("names no invariant mmcheck knows: '" + invariant + "'");
        if (!r.path("file").isString() || r.path("file").asString().isEmpty()) throw new BadTrace("names no scenario file (\"file\")");
        Path scenario = Path.of(r.path("file").asString());
        // A path relative to where the check ran: try it as given, then beside the trace file.
        if (!Files.exists(scenario)) {
            Path beside = file.toAbsolutePath().getParent() == null || scenario.getFileName() == null ? scenario
                    : file.toAbsolutePath().getParent().resolve(scenario.getFileName());
            if (!Files.exists(beside))
                throw new BadTrace("its scenario " + scenario + " is not there, nor beside the trace (" + beside + ")");
            scenario = beside;
        }
        Map<String, String> uses = new LinkedHashMap<>();
        JsonNode o = r.path("overrides");
        String kernel = o.path("kernel").isString() ? o.path("kernel").asString() : null;
        for (var e : o.path("use").properties()) {
            if (!e.getValue().isString()) throw new BadTrace("overrides: use " + e.getKey() + " is not a variant name");
            uses.put(e.getKey(), e.getValue().asString());
        }
        if (!trace.isObject() || !trace.path("steps").isArray()) throw new BadTrace("the trace of " + invariant + " has no list of steps");
        List<Recorded> steps = new ArrayList<>();
        for (JsonNode st : trace.path("steps")) {
            int n = steps.size() + 1;
            String kind = st.path("kind").asString("");
            if (!st.path("cpu").isInt()) throw new BadTrace("step " + n + ": \"cpu\" is not a CPU number");
            if (kind.equals("hardware")) {
                if (!st.path("event").isString()) throw new BadTrace("step " + n + ": a hardware step names no \"event\"");
                steps.add(new Recorded(n, st.path("cpu").asInt(), null, null, null, st.path("event").asString()));
            } else if (kind.equals("thread")) {
                if (!st.path("thread").isString() || st.path("thread").asString().isEmpty())
                    throw new BadTrace("step " + n + ": a thread step names no \"thread\"");
                steps.add(new Recorded(n, st.path("cpu").asInt(), st.path("thread").asString(),
                        st.path("statement").asString(null), st.path("note").asString(null), null));
            } else throw new BadTrace("step " + n + ": \"kind\" is neither \"thread\" nor \"hardware\"");
        }
        if (steps.isEmpty()) throw new BadTrace("the trace of " + invariant + " has no step");
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
        } else if (m.starts().size() > 1)
            throw new BadTrace("the trace says no \"start\", and the scenario has " + m.starts().size() + " starts");
        Walk w = new Walk(m, startIndex);
        for (Recorded r : steps) {
            if (w.over()) return new Outcome(w, r.n(), "the walk is over before it (" + (w.stuck() ? "nothing can make progress" : "a thread crashed or everything finished") + ")");
            List<Walk.Move> moves = w.moves();
            Walk.Move mv = pick(m, moves, r);
            if (mv == null) return new Outcome(w, r.n(), "the trace has " + r.describe() + "; now possible: " + possible(m, moves));
            w.take(mv);
        }
        return new Outcome(w, 0, w.over() ? null : "no recorded step is left");
    }

    /**
     * The move that is the recorded step, exactly: the same thread (and, when the thread has
     * several moves, the arms of a choice, the same arm), or the same CPU's same hardware event.
     * Anything less is a divergence, never a guess.
     */
    private static Walk.Move pick(Model m, List<Walk.Move> moves, Recorded r) {
        List<Walk.Move> same = new ArrayList<>();
        for (Walk.Move mv : moves) {
            Step st = mv.step();
            if (r.thread() != null ? !mv.isHardware() && r.thread().equals(m.threads().get(st.thread()).label())
                    : mv.isHardware() && st.cpu() == r.cpu() && st.event().equals(r.event())) same.add(mv);
        }
        if (same.size() == 1) return same.get(0);
        for (Walk.Move mv : same) if (java.util.Objects.equals(mv.step().note(), r.note())) return mv;
        return null;
    }

    private static String possible(Model m, List<Walk.Move> moves) {
        if (moves.isEmpty()) return "nothing";
        List<String> out = new ArrayList<>();
        for (Walk.Move mv : moves) {
            Step st = mv.step();
            out.add(mv.isHardware() ? "[hw] cpu" + st.cpu() + ": " + st.event() : m.threads().get(st.thread()).label() + ": "
                    + st.instr().stmt.statementText().replaceAll(";$", "") + (st.note() != null && st.note().startsWith("choose") ? " (" + st.note() + ")" : ""));
        }
        return String.join("; ", out);
    }

}

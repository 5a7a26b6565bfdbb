package dev.mmcheck.trace;

import dev.mmcheck.check.Result;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.check.Violation;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.ThreadProgram;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One scenario's result as a self-contained HTML page that steps through its traces: the
 * verdict, a table of steps with one column per CPU, the whole machine state at the current
 * step with what it changed highlighted, and the .mmt source the step ran. One page per
 * scenario; a selector picks among its traces (each broken invariant, and a model gap). The
 * data is JSON inside the page, and the page's script draws everything from it: no network,
 * nothing to build. The markup, style and script are resources beside this class.
 */
public final class HtmlReport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** What the page calls a model gap's trace (in #trace=NAME, too). */
    static final String GAP_NAME = "model_gap";
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)\\}\\}");

    private HtmlReport() {}

    /** The page for one checked scenario: file as given on the command line. */
    public static String render(String file, Model m, Verdict v) {
        return fill(resource("trace.html"), Map.of(
                "title", escapeHtml(m.title()),
                "css", resource("trace.css"),
                "js", resource("trace.js"),
                "data", scriptJson(data(file, m, v))));
    }

    /** Everything the script shows. */
    static ObjectNode data(String file, Model m, Verdict v) {
        ObjectNode d = JSON.createObjectNode();
        d.put("file", file);
        d.put("title", m.title());
        d.put("arch", m.arch().name);
        d.put("kernel", m.kernel());
        d.put("tlb", m.layout().tlbSize);
        d.put("verdict", v.overall().name());
        d.put("context", HtmlTrace.CONTEXT);
        ArrayNode cols = d.putArray("columns");
        for (int c = 0; c < m.layout().nCpus; c++) {
            ObjectNode o = cols.addObject();
            o.put("cpu", c);
            o.put("threads", threadsOn(m, c));
        }
        ArrayNode lines = d.putArray("judgements");
        ArrayNode traces = d.putArray("traces");
        ObjectNode sources = d.putObject("sources");
        for (Verdict.Judgement j : v.judgements()) {
            String text = judgement(j);
            judgementLine(lines, j.status().name(), j.invariant().name, text);
            if (j.violation() != null) traces.add(HtmlTrace.of(m, j.violation(), text, sources));
        }
        if (v.gap() != null) {
            String text = "MODEL GAP after " + steps(v.gap()) + ": the scenario reaches a path the model does not cover;"
                    + " this is not a finding, and no HOLDS is claimed";
            judgementLine(lines, "GAP", GAP_NAME, text);
            traces.add(HtmlTrace.of(m, v.gap(), text, sources));
        }
        d.put("bounds", bounds(m, v.result()));
        return d;
    }

    /** The verdict line the text report prints for one invariant. */
    private static String judgement(Verdict.Judgement j) {
        return switch (j.status()) {
            case VIOLATED -> "VIOLATION " + j.invariant().name + " after " + steps(j.violation()) + " (a shortest trace)";
            case HOLDS -> "HOLDS " + j.invariant().name + " " + j.detail();
            case UNKNOWN -> "UNKNOWN " + j.invariant().name + ": " + j.detail();
        };
    }

    private static void judgementLine(ArrayNode lines, String status, String invariant, String text) {
        ObjectNode o = lines.addObject();
        o.put("status", status);
        o.put("invariant", invariant);
        o.put("text", text);
    }

    private static String steps(Violation v) { return v.depth() + (v.depth() == 1 ? " step" : " steps"); }

    private static String bounds(Model m, Result r) {
        return String.format("bounds: %s; %s; %,d states, %,d transitions", m.boundsText(), Verdict.stopText(r.stop()),
                r.states(), r.transitions());
    }

    /** "user, after": the threads that run on a CPU, as the table's column header names them. */
    private static String threadsOn(Model m, int cpu) {
        StringBuilder b = new StringBuilder();
        for (ThreadProgram t : m.threads()) {
            if (t.cpu() != cpu) continue;
            b.append(b.length() == 0 ? "" : ", ").append(t.label());
        }
        return b.toString();
    }

    /**
     * JSON that can sit inside a script element: every '<' as \u003c, so that no string in it
     * ("</script>", "<!--") can end the element or change how the browser parses it.
     */
    static String scriptJson(ObjectNode d) { return JSON.writeValueAsString(d).replace("<", "\\u003c"); }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Replaces each {{name}} of the template in one pass, so that no value is read as a slot. */
    private static String fill(String template, Map<String, String> values) {
        Matcher mt = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (mt.find()) {
            String v = values.get(mt.group(1));
            if (v == null) throw new IllegalStateException("trace.html: no value for " + mt.group());
            mt.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        mt.appendTail(out);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource missing from the jar: dev/mmcheck/trace/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

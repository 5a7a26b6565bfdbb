package dev.mmcheck.check;

import dev.mmcheck.lang.SourceFile;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Model;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The unreached-code report for the scenario file's own routines (the patch under test), as
 * SPIN gives one: a body that no call reaches or that no explored path ran, and the
 * statements of a body that ran which no explored path reached. A HOLDS over a patch whose
 * interesting branch never ran is worth knowing about.
 */
public final class Coverage {
    private Coverage() {}

    public static List<String> warnings(Model m, boolean[][] reached) {
        // One pass over every thread's code: for each scenario-file routine, statement line ->
        // did any of its instructions run?
        Map<String, TreeMap<Integer, Boolean>> lines = new HashMap<>();
        for (Model.RoutineUse r : m.routines()) if (r.local() && r.used()) lines.put(r.name(), new TreeMap<>());
        Map<String, SourceFile> home = new HashMap<>();   // a scenario routine's own file (the scenario's or an included one)
        for (Model.RoutineUse r : m.routines()) if (r.local() && r.used()) home.put(r.name(), r.pos().file());
        for (int t = 0; t < m.threads().size(); t++) {
            Instr[] code = m.threads().get(t).code();
            for (int pc = 0; pc < code.length; pc++) {
                Instr in = code[pc];
                TreeMap<Integer, Boolean> mine = lines.get(in.owner);
                if (mine != null && in.ownStmt.file() == home.get(in.owner)) mine.merge(in.ownStmt.line(), reached[t][pc], Boolean::logicalOr);
            }
        }
        // A routine a forall condition calls runs on every final state, outside the search's steps.
        java.util.Set<String> inConditions = new java.util.HashSet<>();
        for (Model.Condition c : m.conditions()) for (Instr in : c.program().code()) inConditions.add(in.owner);
        java.util.Set<String> usedNames = new java.util.HashSet<>();
        for (Model.RoutineUse r : m.routines()) if (r.used()) usedNames.add(r.name());
        List<String> out = new ArrayList<>();
        for (Model.RoutineUse r : m.routines()) {
            if (!r.local() && !r.used()) {   // only a use line records a library body that does not run
                out.add("use " + r.name() + " \"" + r.variant() + "\" (line " + r.pos().line() + ") has no effect: nothing the scenario runs calls "
                        + r.name());
                continue;
            }
            if (!r.local()) continue;
            String what = "the scenario file's " + r.name() + (r.variant() == null ? "" : " \"" + r.variant() + "\"")
                    + " (line " + r.pos().line() + ")";
            if (!r.used()) {
                out.add(what + " never runs: " + (usedNames.contains(r.name()) ? "use picks another body" : "nothing the scenario runs calls it"));
                continue;
            }
            TreeMap<Integer, Boolean> mine = lines.get(r.name());
            if (mine.isEmpty()) continue;   // no instruction of its own: it only forwards to others
            if (inConditions.contains(r.name())) continue;   // judged code, not explored code
            if (!mine.containsValue(true)) {
                out.add(what + " never ran on any explored path");
                continue;
            }
            List<Integer> dead = new ArrayList<>();
            mine.forEach((line, ran) -> { if (!ran) dead.add(line); });
            if (!dead.isEmpty())
                out.add(what + ": " + (dead.size() == 1 ? "line " : "lines ") + joined(dead) + " never ran on any explored path");
        }
        return out;
    }

    private static String joined(List<Integer> xs) {
        StringBuilder b = new StringBuilder();
        for (int x : xs) b.append(b.length() > 0 ? ", " : "").append(x);
        return b.toString();
    }
}

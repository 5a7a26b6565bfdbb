package dev.mmcheck.check;

import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Model;
import java.util.ArrayList;
import java.util.List;

/** Replays a path of transition ordinals from the initial state, recording what each step did. */
final class Traces {
    private Traces() {}

    static Violation replay(Model m, Invariant inv, String message, int start, int[] path) {
        Executor exec = new Executor(m);
        exec.recording(true);
        int[] s = exec.initial(start);
        List<Violation.TraceStep> rows = new ArrayList<>();
        for (int label : path) {
            int[][] picked = new int[1][];
            Step[] step = new Step[1];
            int[] k = {0};
            exec.successors(s, (n, v, move, st) -> {
                if (k[0]++ == label) { picked[0] = n.clone(); step[0] = st; }
            });
            if (picked[0] == null) throw new IllegalStateException("trace replay diverged: the search is not deterministic");
            rows.add(new Violation.TraceStep(step[0], StateDiff.changes(m, s, picked[0]), s, picked[0]));
            s = picked[0];
        }
        return new Violation(inv, message, start, path, rows);
    }
}

package dev.mmcheck.cli;

import dev.mmcheck.check.Result;
import dev.mmcheck.check.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden results: what a run of each corpus and bench scenario found, pinned in a file beside
 * it (NAME.golden) so that any change to states, transitions or verdicts is seen. The numbers
 * are exact: a deliberate change regenerates them with {@code mmcheck golden --update} and the
 * commit says why they moved.
 */
public final class Golden {
    private Golden() {}

    /** The text of a scenario's golden file. */
    public static String render(Verdict v) {
        Result r = v.result();
        StringBuilder b = new StringBuilder();
        b.append("# golden results: regenerate with `./mmcheck golden --update`; the commit says why they moved\n");
        b.append("verdict ").append(v.overall().name().toLowerCase()).append('\n');
        b.append("stop ").append(r.stop().name().toLowerCase().replace('_', '-')).append('\n');
        b.append("states ").append(r.states()).append('\n');
        b.append("transitions ").append(r.transitions()).append('\n');
        b.append("final-states ").append(r.finalStates()).append('\n');
        b.append("depth ").append(r.depth()).append('\n');
        if (r.ends().cutStates() > 0) b.append("cut-at-depth-bound ").append(r.ends().cutStates()).append('\n');
        for (Verdict.Judgement j : v.judgements()) {
            b.append(j.invariant().name).append(' ').append(j.status().name().toLowerCase());
            if (j.violation() != null) b.append(' ').append(j.violation().depth()).append(" steps");
            b.append('\n');
        }
        if (v.gap() != null) b.append("model-gap ").append(v.gap().depth()).append(" steps\n");
        return b.toString();
    }

    public static Path fileFor(Path scenario) {
        String n = scenario.getFileName().toString();
        return scenario.resolveSibling(n.substring(0, n.length() - ".mmt".length()) + ".golden");
    }

    /** Every scenario that has (or should have) a golden file: the corpus and the benchmarks. */
    public static List<Path> scenarios(Path home) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("scenarios", "bench/scenarios")) {
            Path root = home.resolve(dir);
            if (!Files.isDirectory(root)) continue;
            out.addAll(scenarioFiles(root));
        }
        return out;
    }

    /**
     * The scenario files under root: every .mmt file but those in a directory named patches,
     * which hold transcriptions of patches that scenarios #include (routines, no scenario).
     */
    public static List<Path> scenarioFiles(Path root) throws IOException {
        try (Stream<Path> w = Files.walk(root)) {
            return w.filter(p -> p.toString().endsWith(".mmt"))
                    .filter(p -> { for (Path part : root.relativize(p)) if (part.toString().equals("patches")) return false; return true; })
                    .sorted().toList();
        }
    }
}

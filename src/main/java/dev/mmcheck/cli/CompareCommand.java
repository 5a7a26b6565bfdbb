package dev.mmcheck.cli;

import dev.mmcheck.check.Result;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.compile.Library;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Check one scenario twice (or more), with two kernels or two variants of a routine, and print the verdicts "
                + "and what each costs side by side.",
        footer = {"", "Examples:", "  mmcheck compare scenarios/seeds/ext3-ordered-2.6.19.mmt --kernel 2.6.19 --kernel 2.6.20",
                "  mmcheck compare FILE --use page_mkclean_one=2.6.19 --use page_mkclean_one=2.6.20", "",
                "Costs are counted over every transition the search generated (every interleaving), not per run.",
                "Exit status: 0, or 2 for bad input."})
final class CompareCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();

    @Parameters(paramLabel = "FILE", description = "the scenario (.mmt)")
    Path file;

    @Option(names = "--kernel", paramLabel = "K", description = "a release to check it as (give two or more, or one with two --use)")
    List<String> kernels;

    @Option(names = "--use", paramLabel = "ROUTINE=VARIANT", description = "a variant to run (one routine with two or more variants: one run each)")
    List<String> uses;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, List<String>> use = Variants.parse(spec, uses);
        List<Runner.Overrides> runs = configurations(use);
        Library lib = common.library();
        if (lib == null) return 2;
        Runner runner = new Runner(lib, common.limits());
        List<Runner.Outcome> out = new ArrayList<>();
        for (Runner.Overrides o : runs) {
            Runner.Outcome r = runner.run(file, o);
            common.searchDone();
            if (r.error() != null) {
                System.err.println(r.error().render());
                return 2;
            }
            out.add(r);
        }
        System.out.print(table(runs, out));
        return 0;
    }

    /** The runs: one per --kernel when there are several, else one per variant of the routine --use names several times. */
    private List<Runner.Overrides> configurations(Map<String, List<String>> use) {
        List<String> multi = use.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).toList();
        int ks = kernels == null ? 0 : kernels.size();
        if (multi.size() > 1 || (multi.size() == 1 && ks > 1) || (multi.isEmpty() && ks < 2))
            throw new ParameterException(spec.commandLine(), "compare needs two or more --kernel, or one routine with two or more --use");
        List<Runner.Overrides> runs = new ArrayList<>();
        Map<String, String> fixed = new LinkedHashMap<>();
        use.forEach((r, vs) -> { if (vs.size() == 1) fixed.put(r, vs.get(0)); });
        if (ks > 1) for (String k : kernels) runs.add(new Runner.Overrides(k, fixed));
        else for (String v : use.get(multi.get(0))) {
            Map<String, String> u = new LinkedHashMap<>(fixed);
            u.put(multi.get(0), v);
            runs.add(new Runner.Overrides(ks == 1 ? kernels.get(0) : null, u));
        }
        return runs;
    }

    static String table(List<Runner.Overrides> runs, List<Runner.Outcome> out) {
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of(""));
        for (Runner.Overrides o : runs) head.add(o.describe());
        rows.add(head.toArray(new String[0]));
        // A violation found beside a model gap is still a violation; the gap is said, as check says it.
        rows.add(row("verdict", out, o -> o.verdict().overall() + (o.verdict().gap() != null
                && o.verdict().overall() == Verdict.Overall.VIOLATION ? " (and a model gap)" : "")));
        for (Verdict.Judgement j : out.get(0).verdict().judgements())
            rows.add(row(j.invariant().name, out, o -> {
                Verdict.Judgement x = o.verdict().judgement(j.invariant());
                if (x == null) return "-";
                return x.status() == Verdict.Status.VIOLATED ? "violated (" + x.violation().path().length + " steps)" : x.status().toString().toLowerCase();
            }));
        rows.add(row("states", out, o -> String.format("%,d", o.result().states())));
        rows.add(row("transitions", out, o -> String.format("%,d", o.result().transitions())));
        rows.add(row("shootdowns sent", out, o -> String.format("%,d", o.result().cost(Result.Cost.SHOOTDOWNS))));
        rows.add(row("IPIs taken", out, o -> String.format("%,d", o.result().cost(Result.Cost.IPIS_TAKEN))));
        rows.add(row("local TLB flushes", out, o -> String.format("%,d", o.result().cost(Result.Cost.LOCAL_FLUSHES))));
        rows.add(row("faults", out, o -> String.format("%,d", o.result().cost(Result.Cost.FAULTS))));
        rows.add(row("block I/Os", out, o -> String.format("%,d", o.result().cost(Result.Cost.IOS))));
        rows.add(row("time", out, o -> String.format("%.2f s", o.result().seconds())));
        int[] w = new int[head.size()];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) b.append(i == 0 ? "" : "  ").append(String.format("%-" + w[i] + "s", r[i]));
            b.append('\n');
        }
        b.append("(costs are counted over every transition explored: every interleaving, not one run)\n");
        // A search that found every checked invariant broken stops there: its column covers part of the space.
        if (out.stream().anyMatch(o -> o.error() == null && o.result().stop() == dev.mmcheck.check.Result.Stop.ALL_VIOLATED))
            b.append("(a run that found a violation stopped there: its costs cover the states explored up to it, not all of them)\n");
        return b.toString().replaceAll(" +\n", "\n");
    }

    private static String[] row(String name, List<Runner.Outcome> out, java.util.function.Function<Runner.Outcome, String> f) {
        String[] r = new String[out.size() + 1];
        r[0] = name;
        for (int i = 0; i < out.size(); i++) r[i + 1] = f.apply(out.get(i));
        return r;
    }
}

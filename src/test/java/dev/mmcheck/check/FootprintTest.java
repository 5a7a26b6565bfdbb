package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.cli.Runner;
import dev.mmcheck.model.Footprint;
import dev.mmcheck.model.Instr;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.Prim;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every step writes only the areas its primitive (or hardware move) declares (model/Footprint):
 * checked on every transition of corpus scenarios. Steps that are several accesses (atomic { },
 * choose) are not one primitive's and are skipped. Control: a footprint that leaves out what
 * set_pte_at writes is caught.
 */
class FootprintTest {
    /** What the steps of the scenario wrote beyond their declared footprints; empty when honest. */
    static List<String> undeclaredWrites(Model m, Function<Prim, Footprint> declared, int maxStates) {
        Executor exec = new Executor(m);
        exec.recording(true);
        Layout l = m.layout();
        Footprint.Area[] area = new Footprint.Area[l.size];
        for (Layout.Region r : l.regions()) for (int i = r.base(); i < r.base() + r.size(); i++) area[i] = r.area();
        Set<List<Integer>> seen = new HashSet<>();
        ArrayDeque<int[]> todo = new ArrayDeque<>();
        for (int st = 0; st < m.starts().size(); st++) todo.add(exec.initial(st));
        List<String> bad = new ArrayList<>();
        while (!todo.isEmpty() && seen.size() < maxStates) {
            int[] s = todo.poll();
            if (!seen.add(Arrays.stream(s).boxed().toList())) continue;
            exec.successors(s, (n, violations, move, step) -> {
                Footprint f;
                if (move == Executor.MOVE_IPI) f = Footprint.TAKE_IPI;
                else if (move == Executor.MOVE_EVICTION) f = Footprint.EVICTION;
                else if (move == Executor.MOVE_SPECULATE) f = Footprint.SPECULATE;
                else if (step.instr().op == Instr.PRIM) f = declared.apply(step.instr().prim);
                else f = null;   // an atomic block or a choose: several accesses
                if (f != null)
                    for (int i = 0; i < s.length; i++)
                        if (s[i] != n[i] && area[i] != null && !f.writes().contains(area[i]))
                            bad.add((step.instr() == null ? "hardware move " + move : step.instr().prim.cname) + " wrote " + area[i]);
                todo.add(n.clone());
            });
        }
        return bad;
    }

    private static Model model(String name) {
        Path p = TestSupport.home().resolve("scenarios/seeds").resolve(name);
        return new Runner(TestSupport.library(), Explorer.Limits.defaults()).run(p).model();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mkclean-x86-2.6.19.mmt", "mkclean-blind-dirty-2.6.19-data.mmt", "ext3-ordered-2.6.20-fixme.mmt",
            "ipi-shootdown-vs-irqs-off-spinner.mmt", "ext3-ordered-2.6.20-fixme-sync.mmt", "free-pgtables-2.5.16.mmt", "free-pgtables-2.4.mmt", "free-pgtables-2.4-lazy.mmt",
            "anon-cow-zero-page-2.6.19.mmt", "anon-dontneed-2.6.19.mmt", "anon-dontneed-free-before-flush.mmt", "anon-fastmode-lazy.mmt",
            "anon-dma-pinned-2.6.19.mmt", "ext3-ordered-2.6.20-fixme-msync.mmt"})
    void everyStepWritesOnlyWhatItDeclares(String name) {
        assertThat(undeclaredWrites(model(name), Footprint::of, 5_000)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mkclean-x86-2.6.19.mmt"})
    void aFootprintThatLeavesOutAWriteIsCaught(String name) {
        Function<Prim, Footprint> wrong = p -> p == Prim.SET_PTE_AT ? Footprint.PURE : Footprint.of(p);
        assertThat(undeclaredWrites(model(name), wrong, 5_000)).contains("set_pte_at wrote PTE");
    }
}

package dev.mmcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.check.Verdict;
import dev.mmcheck.check.Violation;
import dev.mmcheck.model.Model;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * simulate, replay and step (issue 8, item 6): a violation found by a random walk is walked
 * again by its printed seed and replays to the same violation from its JSON; a replay against
 * the fix (kernel 2.6.20) no longer breaks (the control); a simulation that finds nothing
 * claims nothing (exit 3); step, driven through standard input along the shortest trace's
 * moves, breaks the invariant, undoes, and saves a trace that replays.
 */
class WalkCommandsTest {
    private static final Pattern AGAIN = Pattern.compile("walk it again: mmcheck simulate \\S+ --seed (-?\\d+) --runs 1");

    @Test
    void aSimulatedViolationWalksAgainAndReplaysUntilTheFix(@TempDir Path dir) {
        Path json = dir.resolve("sim.json");
        CliTest.Run r = CliTest.run("simulate", CliTest.seed("ext3-ordered-2.6.19.mmt"), "--seed", "1", "--runs", "2000",
                "--format", "full", "--json", json.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("VIOLATION data_integrity found by walk").contains("disk block f[0].0 holds");
        Matcher again = AGAIN.matcher(r.out());
        assertThat(again.find()).isTrue();
        String trace = r.out().substring(r.out().indexOf("VIOLATION"), r.out().indexOf("walk it again"));

        // The printed seed walks the same walk again, step for step.
        CliTest.Run once = CliTest.run("simulate", CliTest.seed("ext3-ordered-2.6.19.mmt"), "--seed", again.group(1), "--runs", "1", "--format", "full");
        assertThat(once.status()).isEqualTo(1);
        assertThat(once.out()).contains(trace.replaceFirst("found by walk \\d+", "found by walk 0"));

        CliTest.Run replay = CliTest.run("replay", json.toString(), "--format", "full");
        assertThat(replay.status()).as(replay.out() + replay.err()).isEqualTo(1);
        assertThat(replay.out()).contains("STILL BREAKS data_integrity").contains("disk block f[0].0 holds");
        // Control: against the fix the same schedule no longer loses the store.
        CliTest.Run fixed = CliTest.run("replay", json.toString(), "--kernel", "2.6.20");
        assertThat(fixed.status()).as(fixed.out() + fixed.err()).isZero();
        assertThat(fixed.out()).contains("NO LONGER BREAKS data_integrity").contains("one interleaving");
    }

    @Test
    void aCheckTraceReplaysToTheSameViolation(@TempDir Path dir) {
        Path json = dir.resolve("check.json");
        assertThat(CliTest.run("check", "--json=" + json, CliTest.seed("ext3-ordered-2.6.19.mmt")).status()).isEqualTo(1);
        CliTest.Run r = CliTest.run("replay", json.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("STILL BREAKS data_integrity after 83 steps");
    }

    @Test
    void aSimulationThatFindsNothingClaimsNothing() {
        CliTest.Run r = CliTest.run("simulate", CliTest.seed("mkclean-x86-2.6.19.mmt"), "--seed", "7", "--runs", "50");
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.out()).contains("no violation in 50 walks").contains("no evidence that an invariant holds");
    }

    @Test
    void badTracesAndOptionsAreOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.json"), "{ not json");
        CliTest.Run r = CliTest.run("replay", junk.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith(junk + ":1:3: not a trace mmcheck wrote").doesNotContain("\n").doesNotContain("Exception");
        Path none = Files.writeString(dir.resolve("none.json"), "{\"schema\": \"mmcheck-result/1\", \"results\": []}");
        assertThat(CliTest.run("replay", none.toString()).err()).contains("holds no trace");
        assertThat(CliTest.run("simulate", CliTest.seed("mkclean-x86-2.6.19.mmt"), "--runs", "0").status()).isEqualTo(2);
    }

    @Test
    void stepFollowsTheUsersChoicesUndoesAndSaves(@TempDir Path dir) throws Exception {
        String file = CliTest.seed("ext3-ordered-2.6.19.mmt");
        Model m = TestSupport.compile("ext3-ordered-2.6.19.mmt", Files.readString(Path.of(file)));
        Violation v = Verdict.judge(m, TestSupport.explore(m)).judgements().get(0).violation();
        StringBuilder in = new StringBuilder("1\nu\nh\n");
        for (int ord : v.path()) in.append(ord + 1).append('\n');   // move numbers are the search's ordinals, from 1
        Path saved = dir.resolve("hand.json");
        in.append("s\nt\nsave ").append(saved).append("\nq\n");
        CliTest.Run r = withInput(in.toString(), () -> CliTest.run("step", file));
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("undone: back at step 0").contains("moves at step 83:")
                .contains("! data_integrity broken: disk block f[0].0 holds 1").contains("disk:").contains("saved " + saved);
        CliTest.Run replay = CliTest.run("replay", saved.toString());
        assertThat(replay.status()).isEqualTo(1);
        assertThat(replay.out()).contains("STILL BREAKS data_integrity after 83 steps");

        // Control: stopping one move short breaks nothing, and an unknown move is refused.
        StringBuilder shortOf = new StringBuilder();
        for (int k = 0; k < v.path().length - 1; k++) shortOf.append(v.path()[k] + 1).append('\n');
        CliTest.Run part = withInput(shortOf + "99\nq\n", () -> CliTest.run("step", file));
        assertThat(part.status()).isZero();
        assertThat(part.out()).doesNotContain("broken").contains("no move 99");
    }

    /** The cold review's wrong answers, each pinned (issue 8 note). */
    @Test
    void replayKeepsTheKernelADeadlockAndExactMoves(@TempDir Path dir) throws Exception {
        // check --kernel 2.6.19 on a 2.6.20 scenario: the JSON records the override, so replay runs 2.6.19.
        Path k = dir.resolve("k.json");
        assertThat(CliTest.run("check", "--kernel", "2.6.19", "--json=" + k, CliTest.seed("ext3-ordered-2.6.20.mmt")).status()).isEqualTo(1);
        CliTest.Run r = CliTest.run("replay", k.toString());
        assertThat(r.out()).contains("kernel 2.6.19").contains("STILL BREAKS data_integrity");
        assertThat(r.status()).isEqualTo(1);
        // A deadlock's trace still deadlocks, and step reports it.
        Path d = dir.resolve("d.json");
        CliTest.run("check", "--json=" + d, CliTest.seed("ipi-shootdown-vs-irqs-off-spinner.mmt"));
        assertThat(CliTest.run("replay", d.toString()).out()).contains("STILL BREAKS no_deadlock");
        CliTest.Run st = withInput("1\n1\n1\n1\nq\n", () -> CliTest.run("step", CliTest.seed("ipi-shootdown-vs-irqs-off-spinner.mmt")));
        assertThat(st.out()).contains("! no_deadlock broken");
        assertThat(st.status()).isEqualTo(1);
        // A recorded eviction that is no longer possible is a divergence, not another eviction.
        Path sc = Files.writeString(dir.resolve("ev.mmt"), """
                scenario "evict"
                kernel "2.6.20"
                cpus 1
                file f { pages 2; buffers 1; }
                mm A { map f shared writable at 0; }
                thread u on cpu 0 in A { load f[0].0; load f[1].0; load f[0].0; }
                forall (disk(f[0], 0) == 5);
                """);
        Path ev = dir.resolve("ev.json");
        String text = null;
        for (int seed = 0; seed < 50 && text == null; seed++) {
            CliTest.Run sim = CliTest.run("simulate", sc.toString(), "--seed", "" + seed, "--runs", "1", "--json", ev.toString());
            if (sim.out().contains("[hw] TLB evicts A:1")) text = Files.readString(ev);
        }
        assertThat(text).as("a walk that evicts A:1").isNotNull();
        Files.writeString(sc, Files.readString(sc).replace("load f[1].0;", "load f[0].0;"));
        CliTest.Run re = CliTest.run("replay", ev.toString());
        assertThat(re.out()).contains("NO LONGER BREAKS forall").contains("diverges at step").contains("TLB evicts A:1");
    }

    @Test
    void aModelGapIsNoFindingAndMalformedTracesAreBadInput(@TempDir Path dir) throws Exception {
        Path gap = Files.writeString(dir.resolve("gap.mmt"), """
                scenario "gap"
                kernel "2.6.20"
                cpus 1
                file f { pages 1; buffers 1; }
                thread a on cpu 0 { SetPageDirty(f[0]); unmodelled("not covered"); }
                check no_deadlock
                """);
        CliTest.Run r = CliTest.run("simulate", gap.toString(), "--seed", "1", "--runs", "3");
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.out()).contains("MODEL GAP").contains("not a finding").doesNotContain("VIOLATION");
        Path good = dir.resolve("good.json");
        CliTest.run("check", "--json=" + good, CliTest.seed("ext3-ordered-2.6.19.mmt"));
        String json = Files.readString(good);
        for (String[] bad : new String[][] {{"\"cpu\" : 0", "\"cpu\" : \"x\""}, {"\"thread\" : \"user\"", "\"thread\" : 5"},
                {"\"steps\" : [", "\"steps\" : \"abc\", \"x\" : ["}, {"\"kind\" : \"thread\"", "\"kind\" : \"other\""}}) {
            // In the steps (the result's thread list has a "cpu" too), except for the steps themselves.
            int at = bad[0].startsWith("\"steps\"") ? 0 : json.indexOf("\"steps\"");
            assertThat(json.substring(at)).contains(bad[0]);
            String broken = json.substring(0, at) + json.substring(at).replaceFirst(java.util.regex.Pattern.quote(bad[0]), bad[1]);
            Path p = Files.writeString(dir.resolve("bad.json"), broken);
            CliTest.Run b = CliTest.run("replay", p.toString());
            assertThat(b.status()).as(bad[1] + ": " + b.out() + b.err()).isEqualTo(2);
            assertThat(b.err().strip()).doesNotContain("\n").doesNotContain("Exception");
        }
    }

    private static CliTest.Run withInput(String text, java.util.function.Supplier<CliTest.Run> body) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        try {
            return body.get();
        } finally {
            System.setIn(old);
        }
    }
}

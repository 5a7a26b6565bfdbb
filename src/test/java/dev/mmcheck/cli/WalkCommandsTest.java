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

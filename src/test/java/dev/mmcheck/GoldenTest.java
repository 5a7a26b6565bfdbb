package dev.mmcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.check.Explorer;
import dev.mmcheck.cli.Golden;
import dev.mmcheck.cli.Runner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus and bench scenario reproduces its pinned results exactly: verdicts, states,
 * transitions, final states, depth, trace lengths. A change to any of them is deliberate and
 * regenerated with `./mmcheck golden --update`, and its commit says why.
 */
class GoldenTest {
    static Stream<Path> scenarios() throws IOException { return Golden.scenarios(TestSupport.home()).stream(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void resultsAreThePinnedOnes(Path file) throws IOException {
        Path g = Golden.fileFor(file);
        assertThat(g).as("golden file (create it with ./mmcheck golden --update)").exists();
        // Under mutation testing every mutant reruns this: the multi-million-state bench is left out there.
        Assumptions.assumeFalse(System.getProperty("mmcheck.golden.light") != null && pinnedStates(g) > 1_000_000, "heavy");
        Runner.Outcome o = new Runner(TestSupport.library(), Explorer.Limits.defaults()).run(file);
        assertThat(o.error()).as("input error").isNull();
        assertThat(Golden.render(o.verdict())).isEqualTo(Files.readString(g));
    }

    private static long pinnedStates(Path golden) throws IOException {
        for (String line : Files.readAllLines(golden)) if (line.startsWith("states ")) return Long.parseLong(line.substring(7));
        return 0;
    }
}

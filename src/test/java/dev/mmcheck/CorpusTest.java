package dev.mmcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.check.Explorer;
import dev.mmcheck.cli.Runner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario of the corpus: the verdict the engine computes must be the one its expect lines state. */
class CorpusTest {
    static Stream<Path> scenarios() throws IOException {
        Path root = TestSupport.home().resolve("scenarios");
        return dev.mmcheck.cli.Golden.scenarioFiles(root).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void verdictMatchesExpect(Path file) {
        Runner.Outcome o = new Runner(TestSupport.library(), Explorer.Limits.defaults()).run(file);
        assertThat(o.error()).as("input error").isNull();
        assertThat(o.unmet()).as("verdicts that contradict the file's expect lines").isEmpty();
    }
}

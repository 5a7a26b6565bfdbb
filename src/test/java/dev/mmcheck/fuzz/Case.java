package dev.mmcheck.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mmcheck.TestSupport;
import dev.mmcheck.fuzz.Contract.Expect;
import java.nio.file.Path;
import java.util.List;

/**
 * One input: either a scenario text, written to a file and checked with the standard options,
 * or a whole command line ({@code file} is then what a status-2 position must name, or null).
 */
record Case(String label, byte[] text, List<String> args, Path file, Expect expect) {
    static final Path HOME = TestSupport.home().toAbsolutePath().normalize();
    static final Path LIB = HOME.resolve("lib");
    static final Path SEEDS = HOME.resolve("scenarios/seeds");

    static Case scenario(String label, byte[] text, Expect expect) { return new Case(label, text, null, null, expect); }

    static Case scenario(String label, byte[] text) { return scenario(label, text, Expect.SCENARIO); }

    static Case scenario(String label, String text) { return scenario(label, text.getBytes(UTF_8)); }

    static Case command(String label, Path file, Expect expect, List<String> args) { return new Case(label, null, args, file, expect); }

    /** {@code check FILE} with the standard options, judged as a scenario file. */
    static Case check(String label, Path file) { return command(label, file, Expect.SCENARIO, checkArgs(file)); }

    static List<String> checkArgs(Path file) {
        return List.of("check", "--no-color", "--lib=" + LIB, "--time-limit=1", "--max-memory=256", file.toString());
    }

    /** How big the input is: the smallest broken one is the one to report. */
    long size() { return text != null ? text.length : String.join(" ", args).length(); }
}

package dev.mmcheck.fuzz;

import dev.mmcheck.fuzz.CliHarness.Run;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI's robustness contract, for any input:
 * <ul>
 * <li>it answers within the watchdog, and nothing is thrown out of {@code Main.run};
 * <li>exit 0 holds, 1 violation, 2 bad input or usage, 3 undecided; never 4 (internal error) nor
 *     anything else;
 * <li>no Java stack trace and no Java exception or error class name in stdout or stderr;
 * <li>exit 2 on a scenario file: stderr's first line is {@code file:line:col: message}, or, for an
 *     error about the file as a whole, one line starting {@code mmcheck: };
 * <li>a NULL handle into a primitive is a bug violation (exit 1); into a library routine, a bug
 *     violation or nothing wrong (the routine may not use it on the path taken).
 * </ul>
 */
final class Contract {
    /** What the contract says about an input beyond the common rules. */
    enum Expect { SCENARIO, OPTIONS, NULL_PRIMITIVE, NULL_ROUTINE }

    private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");
    private static final Pattern ERROR_COLON = Pattern.compile("\\b[A-Z]\\w*Error:");
    private static final Pattern POSITION = Pattern.compile("^:\\d+:\\d+: ");
    private static final Pattern ANY_POSITION = Pattern.compile("^\\S+:\\d+:\\d+: ");
    private static final Pattern LIB_POSITION = Pattern.compile("^" + Pattern.quote(Case.LIB + "/") + "\\S+\\.mmt:\\d+:\\d+: ");
    private static final String[] JAVA_WORDS = {"java.lang.", "Exception", "StackOverflowError", "OutOfMemoryError", "IndexOutOfBounds"};

    private Contract() {}

    /** How the run broke the contract, or null if it kept it; file is the scenario file (may be null). */
    static String broken(Run r, Path file, Expect expect) {
        if (r.hung()) return "no answer within " + CliHarness.WATCHDOG_MS / 1000 + " s";
        if (r.thrown() != null) return "thrown out of Main.run: " + r.thrown();
        if (r.status() < 0 || r.status() > 3) return "exit status " + r.status();
        String java = javaText(r.err());
        if (java != null) return "Java in stderr: " + java;
        java = javaText(r.out());
        if (java != null) return "Java in stdout: " + java;
        if (expect == Expect.NULL_PRIMITIVE || expect == Expect.NULL_ROUTINE) {
            if (r.status() == 0 && expect == Expect.NULL_PRIMITIVE) return "NULL handle accepted: exit 0";
            if (r.status() == 3) return "NULL handle: exit 3, not a bug violation";
            if (r.status() == 1 && !r.out().contains("VIOLATION bug")) return "NULL handle: a violation, but not 'bug'";
        }
        return r.status() == 2 ? badStatus2(r.err().strip(), file, expect) : null;
    }

    /** The line with a stack frame or a Java class name (plain searches first: outputs can be 40 MB), or null. */
    static String javaText(String text) {
        int at = -1;
        if (text.contains("at ")) {
            Matcher m = STACK_LINE.matcher(text);
            if (m.find()) at = m.start();
        }
        for (int i = 0; i < JAVA_WORDS.length && at < 0; i++) at = text.indexOf(JAVA_WORDS[i]);
        if (at < 0 && text.contains("mmcheck: internal error")) at = text.indexOf("mmcheck: internal error");
        if (at < 0 && text.contains("Error:")) {
            Matcher m = ERROR_COLON.matcher(text);
            if (m.find()) at = m.start();
        }
        return at < 0 ? null : Report.cut(lineAround(text, at));
    }

    private static String badStatus2(String err, Path file, Expect expect) {
        String first = err.lines().findFirst().orElse("");
        if (first.isEmpty()) return "exit 2 and nothing on stderr";
        if (first.startsWith("mmcheck: ")) {
            long lines = err.lines().count();
            return expect == Expect.OPTIONS || lines == 1 ? null : "exit 2 with a whole-file error of " + lines + " lines";
        }
        if (file != null && first.startsWith(file + ":") && POSITION.matcher(first.substring(file.toString().length())).find()) return null;
        if (LIB_POSITION.matcher(first).find() || expect == Expect.OPTIONS && ANY_POSITION.matcher(first).find()) return null;
        return "exit 2, stderr's first line has no file:line:col: " + Report.cut(first);
    }

    private static String lineAround(String text, int at) {
        int start = text.lastIndexOf('\n', at) + 1, end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end).strip();
    }
}

package dev.mmcheck.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mmcheck.TestSupport;
import dev.mmcheck.check.Result;
import dev.mmcheck.model.Invariant;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random local computation, cut into several steps by shared accesses, must compute what C
 * computes: a check of expression code, short-circuits, branches, and of the slot packing and
 * dead-local zeroing that run between steps. A Java evaluator is the reference; each program
 * asserts the reference's values at its end.
 */
class LocalCodeTest {
    private static final int VARS = 5;

    private static final class Gen {
        final SplittableRandom rnd;
        final int[] v = new int[VARS];
        final StringBuilder out = new StringBuilder();

        Gen(long seed) { rnd = new SplittableRandom(seed); }

        /** Returns the expression's text; its value goes to val[0]. */
        String expr(int depth, int[] val) {
            if (depth == 0 || rnd.nextInt(4) == 0) {
                if (rnd.nextBoolean()) { int k = rnd.nextInt(10); val[0] = k; return Integer.toString(k); }
                int i = rnd.nextInt(VARS); val[0] = v[i]; return "v" + i;
            }
            int[] a = new int[1], b = new int[1];
            switch (rnd.nextInt(12)) {
                case 0 -> { String x = expr(depth - 1, a); val[0] = a[0] == 0 ? 1 : 0; return "!(" + x + ")"; }
                case 1 -> { String x = expr(depth - 1, a); val[0] = -a[0]; return "-(" + x + ")"; }
                case 2 -> { String x = expr(depth - 1, a); val[0] = ~a[0]; return "~(" + x + ")"; }
                case 3 -> {   // && must not evaluate its right side when the left is 0: the right divides by it
                    String x = expr(depth - 1, a);
                    String y = expr(depth - 1, b);
                    val[0] = a[0] != 0 && (b[0] / a[0]) != 7 ? 1 : 0;
                    return "(" + x + ") && ((" + y + ") / (" + x + ")) != 7";
                }
                case 4 -> {
                    String x = expr(depth - 1, a);
                    String y = expr(depth - 1, b);
                    val[0] = a[0] == 0 || (b[0] / a[0]) > 1 ? 1 : 0;
                    return "(" + x + ") == 0 || ((" + y + ") / (" + x + ")) > 1";
                }
                case 5 -> { int k = 1 + rnd.nextInt(5); String x = expr(depth - 1, a); val[0] = a[0] % k; return "(" + x + ") % " + k; }
                case 6 -> { int k = rnd.nextInt(4); String x = expr(depth - 1, a); val[0] = a[0] << k; return "(" + x + ") << " + k; }
                default -> {
                    String[] ops = {"+", "-", "*", "&", "|", "^", "==", "!=", "<", ">="};
                    String op = ops[rnd.nextInt(ops.length)];
                    String x = expr(depth - 1, a);
                    String y = expr(depth - 1, b);
                    val[0] = switch (op) {
                        case "+" -> a[0] + b[0];
                        case "-" -> a[0] - b[0];
                        case "*" -> a[0] * b[0];
                        case "&" -> a[0] & b[0];
                        case "|" -> a[0] | b[0];
                        case "^" -> a[0] ^ b[0];
                        case "==" -> a[0] == b[0] ? 1 : 0;
                        case "!=" -> a[0] != b[0] ? 1 : 0;
                        case "<" -> a[0] < b[0] ? 1 : 0;
                        default -> a[0] >= b[0] ? 1 : 0;
                    };
                    return "(" + x + ") " + op + " (" + y + ")";
                }
            }
        }

        void stmts(int n, int depth) {
            for (int i = 0; i < n; i++) {
                int kind = rnd.nextInt(10);
                if (kind < 2) {
                    out.append("SetPageDirty(f[0]); ");   // a step boundary: locals must survive it
                } else if (kind < 4 && depth > 0) {
                    int[] c = new int[1];
                    String cond = expr(2, c);
                    // Both arms are generated; only the taken one updates the reference values.
                    int[] saved = v.clone();
                    out.append("if (").append(cond).append(") { ");
                    stmts(2, depth - 1);
                    int[] afterThen = v.clone();
                    System.arraycopy(saved, 0, v, 0, VARS);
                    out.append("} else { ");
                    stmts(2, depth - 1);
                    out.append("} ");
                    if (c[0] != 0) System.arraycopy(afterThen, 0, v, 0, VARS);
                } else {
                    int target = rnd.nextInt(VARS);
                    int[] val = new int[1];
                    String e = expr(3, val);
                    out.append('v').append(target).append(" = ").append(e).append("; ");
                    v[target] = val[0];
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 19, 2006, 7658})
    void localCodeComputesWhatCComputes(long seed) {
        System.out.println("LocalCodeTest seed " + seed);
        for (int round = 0; round < 40; round++) {
            Gen g = new Gen(seed * 1000 + round);
            for (int i = 0; i < VARS; i++) {
                g.v[i] = g.rnd.nextInt(-5, 10);
                g.out.append('v').append(i).append(" = ").append(g.v[i]).append("; ");
            }
            g.stmts(8, 2);
            String program = g.out.toString();
            // The reference's values must hold; and, as a control that the asserts are really
            // checked, one value off by one must break.
            int wrong = g.rnd.nextInt(VARS);
            for (boolean control : new boolean[] {false, true}) {
                StringBuilder asserts = new StringBuilder();
                for (int i = 0; i < VARS; i++)
                    asserts.append("assert(v").append(i).append(" == ").append(control && i == wrong ? g.v[i] + 1 : g.v[i])
                            .append(", \"v").append(i).append("\"); ");
                String text = """
                        scenario "local code"
                        kernel "2.6.20"
                        cpus 1
                        file f { pages 1; buffers 1; }
                        thread a on cpu 0 { BODY }
                        check no_deadlock
                        """.replace("BODY", program + asserts);
                Result r = TestSupport.explore(TestSupport.compileAlone("random.mmt", text));
                if (control) {
                    assertThat(r.violation(Invariant.ASSERT)).as("control, seed %d round %d:%n%s", seed, round, text).isNotNull();
                    assertThat(r.violation(Invariant.ASSERT).message()).contains("v" + wrong);
                } else {
                    assertThat(r.violation(Invariant.ASSERT)).as("seed %d round %d:%n%s", seed, round, text).isNull();
                }
                assertThat(r.violation(Invariant.BUG)).as("seed %d round %d:%n%s", seed, round, text).isNull();
            }
        }
    }
}

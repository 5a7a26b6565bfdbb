package dev.mmcheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The visited set agrees with a HashSet on random streams with repeats, across resizes. */
class FingerprintSetTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 20061221, 7658, 0xC0FFEE})
    void behavesLikeASet(long seed) {
        System.out.println("FingerprintSetTest seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        FingerprintSet fs = new FingerprintSet(4);
        Set<Long> ref = new HashSet<>();
        long[] pool = new long[5000];
        for (int i = 0; i < pool.length; i++) pool[i] = rnd.nextInt(3) == 0 ? rnd.nextLong(4) : rnd.nextLong();
        for (int i = 0; i < 40_000; i++) {
            long v = pool[rnd.nextInt(pool.length)];
            boolean expected = ref.add(v == 0 ? 1 : v);
            assertThat(fs.add(v)).as("add(%d) at step %d, seed %d", v, i, seed).isEqualTo(expected);
        }
        assertThat(fs.size()).isEqualTo(ref.size());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 99})
    void fingerprintSeparatesSingleIntChanges(long seed) {
        System.out.println("fingerprint seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] s = new int[64];
        for (int i = 0; i < s.length; i++) s[i] = rnd.nextInt(8);
        long base = FingerprintSet.fingerprint(s);
        Set<Long> seen = new HashSet<>();
        seen.add(base);
        for (int i = 0; i < s.length; i++) {
            int[] t = s.clone();
            t[i] += 1 + rnd.nextInt(3);
            assertThat(seen.add(FingerprintSet.fingerprint(t))).as("slot %d, seed %d", i, seed).isTrue();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 2006})
    void anUpdatedFingerprintIsTheRecomputedOne(long seed) {
        System.out.println("fingerprint update seed " + seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 2000; round++) {
            int[] a = new int[1 + rnd.nextInt(120)];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextInt(3) == 0 ? rnd.nextInt() : rnd.nextInt(4);
            int[] b = a.clone();
            for (int k = rnd.nextInt(6); k > 0; k--) b[rnd.nextInt(b.length)] = rnd.nextInt(5) - 1;
            assertThat(FingerprintSet.update(FingerprintSet.fingerprint(a), a, b))
                    .as("round %d, seed %d", round, seed).isEqualTo(FingerprintSet.fingerprint(b));
        }
    }
}

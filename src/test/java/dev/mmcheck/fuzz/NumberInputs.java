package dev.mmcheck.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Extreme numbers in every numeric item of a small scenario, and in statements that take one. */
final class NumberInputs {
    private NumberInputs() {}

    /** The edges of every range the compiler knows (MAX_CPUS 8, MAX_PAGES 16, ...). */
    private static final String[] EDGES = {"1", "8", "9", "16", "17", "63", "64", "65", "1001", "1000001", "0xffffffff",
        "99999999999999999999"};

    /** The scenario's slots, item name -> default. */
    private static final Map<String, String> SLOTS = new LinkedHashMap<>();
    static {
        String[][] kv = {{"cpus", "2"}, {"tlb", "2"}, {"evictions", "1"}, {"depth", "200"}, {"pages", "1"}, {"buffers", "1"},
            {"dirty", "0"}, {"at", "0"}, {"pte", "0"}, {"cpu", "0"}, {"cpu2", "1"}, {"spage", "0"}, {"sblock", "0"}, {"sval", "1"},
            {"lpage", "0"}, {"kernel", "2.6.19"}, {"use", "2.6.19"}};
        for (String[] x : kv) SLOTS.put(x[0], x[1]);
    }

    /** Statements for the second thread that take a number: N is replaced. */
    private static final String[] STATEMENTS = {
        "x = f[N];", "y = N; x = find_get_page(f, y); if (x) SetPageDirty(x);", "x = page_buffer(f[0], N); if (x) lock_buffer(x);",
        "x = find_vma(A, N);", "x = pte_offset_map(A, N); if (x) y = *x;", "x = file_vma(f, N);", "x = mm_vma(A, N);", "x = file_at(N);",
        "flush_tlb_page(file_vma(f, 0), N);", "flush_tlb_others(A, N); wait_flush_acks();", "local_flush_tlb_page(A, N);",
        "x = __hw_load(A, N, 0);", "x = __hw_load(A, 0, N);", "x = __hw_store(A, N, 0, 1);", "x = __hw_store(A, 0, N, 1);",
        "x = __hw_store(A, 0, 0, N);", "submit_bh(N, page_buffer(f[0], 0));", "journal_do_submit_data(f, N);",
        "x = N / (N - N); SetPageDirty(f[0]);", "x = N % -1; y = N << N; z = -N * N; SetPageDirty(f[0]);",
        "for (i = 0; i < N; i++) { }", "for (i = 0; i < N; i++) SetPageDirty(f[0]);", "handle_mm_fault(A, find_vma(A, 0), N, 1);",
        "x = vma_address(f[0], file_vma(f, 0)) + N; flush_tlb_page(file_vma(f, 0), x);",
    };

    static String scenario(Map<String, String> v, String stmt, boolean blind, boolean after) {
        return "scenario \"numbers\"\n"
                + "arch " + (blind ? "blind-dirty" : "x86") + "\n"
                + "kernel \"" + v.get("kernel") + "\"\n"
                + "use page_mkclean_one \"" + v.get("use") + "\"\n"
                + "cpus " + v.get("cpus") + "\n"
                + "tlb " + v.get("tlb") + "\n"
                + "bound evictions " + v.get("evictions") + "\n"
                + "bound depth " + v.get("depth") + "\n"
                + "file f { pages " + v.get("pages") + "; buffers " + v.get("buffers") + "; fs ext3_ordered; page " + v.get("dirty") + " dirty; }\n"
                + "mm A { map f shared writable at " + v.get("at") + "; pte " + v.get("pte") + " present write young; }\n"
                + "thread user on cpu " + v.get("cpu") + " in A { load f[" + v.get("lpage") + "].0; store f[" + v.get("spage") + "]."
                + v.get("sblock") + " = " + v.get("sval") + "; }\n"
                + "thread flush on cpu " + v.get("cpu2") + " in A { " + stmt + " writeback(f); }\n"
                + (after ? "after { munmap(A); sync(); }\n" : "")
                + "check " + (after ? "data_integrity, " : "") + "dirty_bit_lost, no_deadlock\n";
    }

    /** Each item with every extreme and four edges; each statement with every extreme; 40 with three items at once. */
    static List<Case> cases(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean blind = rnd.nextBoolean(), after = rnd.nextBoolean();
        List<Case> cases = new ArrayList<>();
        for (String item : SLOTS.keySet()) {
            List<String> values = new ArrayList<>(List.of(Mutator.EXTREMES)), edges = new ArrayList<>(Arrays.asList(EDGES));
            for (int i = 0; i < 4; i++) values.add(edges.remove(rnd.nextInt(edges.size())));
            for (String n : values) cases.add(Case.scenario(item + "=" + n, scenario(with(item, n), "", blind, after)));
        }
        for (String stmt : STATEMENTS) {
            for (String n : Mutator.EXTREMES) cases.add(Case.scenario(stmt.replace("N", n), scenario(SLOTS, stmt.replace("N", n), blind, after)));
        }
        List<String> items = new ArrayList<>(SLOTS.keySet());
        List<String> all = new ArrayList<>(List.of(Mutator.EXTREMES));
        all.addAll(Arrays.asList(EDGES));
        for (int i = 0; i < 40; i++) {
            Map<String, String> v = new LinkedHashMap<>(SLOTS);
            StringBuilder label = new StringBuilder();
            for (int j = 0; j < 3; j++) {
                String item = items.get(rnd.nextInt(items.size())), n = all.get(rnd.nextInt(all.size()));
                v.put(item, n);
                label.append(item).append('=').append(n).append(' ');
            }
            cases.add(Case.scenario(label.toString().strip(), scenario(v, "", rnd.nextBoolean(), rnd.nextBoolean())));
        }
        return cases;
    }

    private static Map<String, String> with(String item, String n) {
        Map<String, String> v = new LinkedHashMap<>(SLOTS);
        v.put(item, n);
        return v;
    }
}

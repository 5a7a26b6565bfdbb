package dev.mmcheck.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.mmcheck.fuzz.Contract.Expect;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A NULL handle into each handle parameter of every primitive and every library routine: as the
 * literal NULL and as a value that is NULL at run time, as the thread's first statement and after
 * a shared step.
 */
final class NullInputs {
    private NullInputs() {}

    private static final Set<Type> HANDLES = EnumSet.of(Type.PTEP, Type.PAGE, Type.BH, Type.VMA, Type.FILE, Type.MM, Type.LOCK);
    private static final String[] SHARED_STEPS = {"SetPageDirty(f[0]);", "TestSetPageLocked(f[1]);", "s0 = buffer_dirty(page_buffer(f[0], 1));"};

    static List<Case> cases(long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Case> cases = new ArrayList<>();
        for (Prim p : Prim.values()) {
            for (int i = 0; i < p.params.length; i++) {
                if (!HANDLES.contains(p.params[i])) continue;
                String call = p == Prim.PTE_READ ? "x = *%s;" : p.cname + "(%s);";
                cases.addAll(calls(rnd, call, p.params.length, i, p.params[i], j -> valid(p.params[j], rnd), Expect.NULL_PRIMITIVE));
            }
        }
        for (Map.Entry<String, List<String>> r : libraryRoutines().entrySet()) {
            List<String> params = r.getValue();
            for (int i = 0; i < params.size(); i++) {
                Type t = typeByName(params.get(i));   // NULL into an int parameter is 0 in a condition, not a NULL handle
                if (t != null) cases.addAll(calls(rnd, r.getKey() + "(%s);", params.size(), i, t, j -> validByName(params.get(j)), Expect.NULL_ROUTINE));
            }
        }
        return cases;
    }

    /** NULL into argument i of call (a format of the argument list), the others valid, in each form and place. */
    private static List<Case> calls(SplittableRandom rnd, String call, int arity, int i, Type t, IntFunction<String> valid, Expect expect) {
        List<Case> cases = new ArrayList<>();
        for (String nul : new String[] {"NULL", nullAtRunTime(t)}) {
            if (nul == null) continue;
            boolean literal = nul.equals("NULL");
            for (boolean first : new boolean[] {true, false}) {
                List<String> args = new ArrayList<>();
                for (int j = 0; j < arity; j++) args.add(j == i ? (literal ? "NULL" : "h") : valid.apply(j));
                String stmt = call.formatted(String.join(", ", args));
                String body = (first ? "" : SHARED_STEPS[rnd.nextInt(SHARED_STEPS.length)]) + "\n    " + (literal ? "" : "h = " + nul + ";\n    ") + stmt;
                String label = (literal ? "literal" : "run-time") + " NULL, " + (first ? "first statement: " : "after a shared step: ") + stmt;
                cases.add(Case.scenario(label, scenario(body).getBytes(UTF_8), expect));
            }
        }
        return cases;
    }

    private static String scenario(String body) {
        return "scenario \"NULL handle\"\narch x86\nkernel \"2.6.20\"\ncpus 2\n"
                + "file f { pages 2; buffers 2; fs ext3_ordered; }\nmm A { map f shared writable at 0; }\n"
                + "thread t on cpu 0 in A {\n    " + body + "\n}\n"
                + "thread u on cpu 1 { x = PageDirty(f[1]); }\ncheck no_deadlock\n";
    }

    /** A valid argument of each type; the seed picks among them. */
    private static String valid(Type t, SplittableRandom rnd) {
        String[] c = switch (t) {
            case PTEP -> new String[] {"pte_offset_map(A, 0)", "pte_offset_map(A, 1)"};
            case PAGE -> new String[] {"f[0]", "find_get_page(f, 1)"};
            case BH -> new String[] {"page_buffer(f[0], 0)", "page_buffer(f[1], 1)"};
            case VMA -> new String[] {"file_vma(f, 0)", "find_vma(A, 0)", "mm_vma(A, 0)"};
            case FILE -> new String[] {"f", "file_at(0)"};
            case MM -> new String[] {"A"};
            case LOCK -> new String[] {"&f->tree_lock", "&f->private_lock", "&f->i_mmap_lock"};
            case PTE -> new String[] {"mk_pte(f[0], file_vma(f, 0))"};
            default -> new String[] {"0", "1"};
        };
        return c[rnd.nextInt(c.length)];
    }

    /** An expression of type t that is NULL at run time, or null if the language cannot make one. */
    private static String nullAtRunTime(Type t) {
        return switch (t) {
            case PTEP -> "pte_offset_map(A, 63)";
            case PAGE -> "find_get_page(f, 9)";
            case BH -> "page_buffer(f[0], 9)";
            case VMA -> "file_vma(f, 9)";
            case FILE -> "file_at(9)";
            default -> null;
        };
    }

    /** The library's routines and their parameter names, from lib/**.mmt. */
    private static Map<String, List<String>> libraryRoutines() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Pattern fn = Pattern.compile("(?m)^fn\\s+(\\w+)\\s*\\(([^)]*)\\)");
        try (Stream<Path> w = Files.walk(Case.LIB)) {
            for (Path p : w.filter(x -> x.toString().endsWith(".mmt")).sorted().toList()) {
                Matcher m = fn.matcher(Files.readString(p));
                while (m.find()) out.putIfAbsent(m.group(1), m.group(2).isBlank() ? List.of() : Arrays.stream(m.group(2).split(",")).map(String::strip).toList());
            }
        }
        return out;
    }

    /** A valid argument for a library routine's parameter, by its name. */
    private static String validByName(String param) {
        return switch (param) {
            case "mm" -> "A";
            case "vma" -> "file_vma(f, 0)";
            case "page" -> "f[0]";
            case "file", "mapping" -> "f";
            case "pte", "ptep", "page_table" -> "pte_offset_map(A, 0)";
            case "orig_pte", "entry", "pteval" -> "mk_pte(f[0], file_vma(f, 0))";
            case "bh" -> "page_buffer(f[0], 0)";
            case "lock" -> "&f->tree_lock";
            case "bufs" -> "3";
            default -> "1";
        };
    }

    private static Type typeByName(String param) {
        return switch (param) {
            case "mm" -> Type.MM;
            case "vma" -> Type.VMA;
            case "page" -> Type.PAGE;
            case "file", "mapping" -> Type.FILE;
            case "pte", "ptep", "page_table" -> Type.PTEP;
            case "bh" -> Type.BH;
            case "lock" -> Type.LOCK;
            default -> null;
        };
    }
}

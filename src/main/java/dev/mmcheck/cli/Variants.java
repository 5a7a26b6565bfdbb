package dev.mmcheck.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** --use NAME=V options, as the command line spells them. */
final class Variants {
    private Variants() {}

    /** NAME=V pairs in order; a second value for one NAME is kept only when several are allowed. */
    static Map<String, List<String>> parse(CommandSpec spec, List<String> uses) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (uses == null) return out;
        for (String u : uses) {
            int eq = u.indexOf('=');
            if (eq <= 0 || eq == u.length() - 1)
                throw new ParameterException(spec.commandLine(), "--use takes ROUTINE=VARIANT (e.g. page_mkclean_one=2.6.20), not '" + u + "'");
            out.computeIfAbsent(u.substring(0, eq), k -> new java.util.ArrayList<>()).add(u.substring(eq + 1));
        }
        return out;
    }
}

package dev.mmcheck.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** --kernel K and --use ROUTINE=VARIANT, one of each routine: the scenario checked as another release or patch. */
final class PatchOptions {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--kernel", paramLabel = "K", description = "as kernel release K, whatever the file's kernel line says")
    String kernel;

    @Option(names = "--use", paramLabel = "ROUTINE=VARIANT", description = "run this variant of a library routine (repeatable)")
    List<String> uses;

    /**
     * The scenario compiled as these options say (or as over says, when given), or null after
     * printing why not (a library or scenario error: file:line:col: message).
     */
    static dev.mmcheck.model.Model compile(Main.Common common, java.nio.file.Path file, Runner.Overrides over) {
        dev.mmcheck.compile.Library lib = common.library();
        if (lib == null) return null;
        try {
            return new Runner(lib, common.limits()).compile(file, over);
        } catch (dev.mmcheck.lang.MmtError e) {
            System.err.println(e.render());
            return null;
        }
    }

    Runner.Overrides overrides() {
        Map<String, String> use = new LinkedHashMap<>();
        Variants.parse(spec, uses).forEach((r, vs) -> {
            if (vs.size() > 1) throw new ParameterException(spec.commandLine(), "two --use for " + r + ": to compare them, mmcheck compare");
            use.put(r, vs.get(0));
        });
        return new Runner.Overrides(kernel, use);
    }
}

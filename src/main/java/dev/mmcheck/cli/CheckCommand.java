package dev.mmcheck.cli;

import dev.mmcheck.compile.Library;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true, version = Main.VERSION, description = "Check scenario files: print each verdict, and the trace of every violation.",
        footer = {"", "Exit status: 0 every check holds within the stated bounds, 1 a violation, 2 bad input,", "3 undecided (a limit was hit, or a path the model does not cover), 4 internal error.", "With several files, the highest status of any."})
final class CheckCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();

    @Mixin TraceFormat format = new TraceFormat();

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "scenario files (.mmt)")
    List<Path> files = new java.util.ArrayList<>();

    @Mixin PatchOptions patch = new PatchOptions();

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--json", arity = "0..1", fallbackValue = "-", paramLabel = "FILE",
            description = "the results as JSON (docs/schema/mmcheck-result-1.json): to standard output instead of the table, or to FILE")
    String json;

    @picocli.CommandLine.Option(names = "--html", paramLabel = "FILE",
            description = "also write each scenario's result as an HTML page that steps through its traces: FILE for the first scenario, "
                    + "FILE-2, FILE-3... (before the extension: out-2.html) for the scenario given second, third...")
    String html;

    @Override
    public Integer call() {
        // `--json x.mmt`: picocli gives the option the scenario; a .mmt file is a scenario, never the report.
        if (json != null && json.endsWith(".mmt")) {
            files = new java.util.ArrayList<>(files);
            files.add(0, Path.of(json));
            json = "-";
        }
        // `--html x.mmt` would overwrite a scenario with the page.
        if (html != null && html.endsWith(".mmt"))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--html takes the page to write, not a scenario: " + html);
        if (files.isEmpty()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'FILE'");
        Library lib = common.library();
        if (lib == null) return 2;
        Runner runner = new Runner(lib, common.limits());
        Runner.Overrides over = patch.overrides();
        int status = 0;
        dev.mmcheck.trace.JsonReport report = json != null ? new dev.mmcheck.trace.JsonReport() : null;
        boolean table = !"-".equals(json);
        for (int k = 0; k < files.size(); k++) {
            Path f = files.get(k);
            Runner.Outcome o = runner.run(f, over);
            common.searchDone();
            if (o.error() != null) {
                System.err.println(o.error().render());
                if (report != null) report.error(f.toString(), o.error().render());
            } else {
                if (table) System.out.print(Report.render(o, common.ansi(), format));
                if (report != null) {
                    report.add(f.toString(), o.model(), o.result(), o.verdict(), o.exitStatus(), o.unmet());
                    report.overrides(over.kernel(), over.uses());   // so that mmcheck replay runs what ran
                }
                if (html != null && !writePage(pageName(html, k), o)) return 2;
            }
            status = Math.max(status, o.exitStatus());
        }
        if (report != null) {
            if (!table) System.out.print(report.text());
            else {
                try {
                    java.nio.file.Files.writeString(Path.of(json), report.text());
                } catch (java.io.IOException | RuntimeException e) {
                    System.err.println("mmcheck: cannot write " + json + ": " + dev.mmcheck.lang.SourceFile.why(e));
                    return 2;
                }
            }
        }
        return status;
    }

    /**
     * The page of the k-th scenario (from 0): FILE for the first, FILE-2 for the second... with the
     * number before the extension (out.html, out-2.html), so that each name says which file it is.
     */
    static String pageName(String file, int k) {
        if (k == 0) return file;
        int slash = file.lastIndexOf('/'), dot = file.lastIndexOf('.');
        if (dot <= slash + 1) return file + "-" + (k + 1);
        return file.substring(0, dot) + "-" + (k + 1) + file.substring(dot);
    }

    /** Writes one scenario's page; says so on standard error, or why it could not. */
    private static boolean writePage(String name, Runner.Outcome o) {
        String page = dev.mmcheck.trace.HtmlReport.render(o.file().toString(), o.model(), o.verdict());
        try {
            java.nio.file.Files.writeString(Path.of(name), page);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("mmcheck: cannot write " + name + ": " + dev.mmcheck.lang.SourceFile.why(e));
            return false;
        }
        System.err.println("wrote " + name);
        return true;
    }
}

package dev.mmcheck.cli;

import dev.mmcheck.compile.Catalog;
import dev.mmcheck.compile.Library;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Arch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Print the body of a library routine that a kernel release runs (or a named variant), with its citation.",
        footer = {"", "Examples:", "  mmcheck show page_mkclean_one --kernel 2.6.19", "  mmcheck show page_mkclean_one --variant xchg-loop", "",
                "Exit status: 0, or 2 when no such routine or body exists."})
final class ShowCommand implements Callable<Integer> {
    @Mixin Main.Common common = new Main.Common();

    @Parameters(paramLabel = "ROUTINE", description = "the routine's name")
    String routine;

    @Option(names = "--kernel", paramLabel = "K", description = "the release whose body to show, e.g. 2.6.19")
    String kernel;

    @Option(names = "--variant", paramLabel = "V", description = "the variant to show, whatever the release")
    String variant;

    @Option(names = "--arch", paramLabel = "A", defaultValue = "x86", description = "the architecture (x86, blind-dirty; default x86)")
    String arch;

    @Override
    public Integer call() {
        Library lib = common.library();
        if (lib == null) return 2;
        Arch a = Arch.byName(arch);
        if (a == null) {
            System.err.println("mmcheck: unknown arch '" + arch + "' (x86, blind-dirty)");
            return 2;
        }
        try {
            Library.Entry e = Catalog.choose(lib, routine, kernel, variant, a);
            String label = e.routine().variant() == null ? "the default body" : "variant \"" + e.routine().variant() + "\"";
            System.out.println("// " + routine + ": " + label + (kernel != null ? ", which kernel " + kernel + " runs" : "")
                    + " (" + Catalog.where(e) + ")");
            System.out.print(Catalog.source(e));
            return 0;
        } catch (MmtError err) {
            System.err.println(err.render());
            return 2;
        }
    }
}

package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.model.Arch;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.ThreadProgram;
import dev.mmcheck.model.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Scenario + kernel library -> {@link Model}: resolves variants, inlines, lays out the state. */
public final class Compiler {
    public static final int DEFAULT_TLB = 2, DEFAULT_EVICTIONS = 1;
    /**
     * The first release with dirty tracking of shared file mappings: the machine's mk_pte and
     * the initial PTEs of a scenario give a shared writable mapping read-only, clean PTEs.
     */
    static final String DIRTY_TRACKING = "2.6.19";

    private Compiler() {}

    public static Model compile(Ast.Unit unit, Library library) {
        Ast.Scenario sc = unit.scenario();
        if (sc == null) throw new MmtError(null, unit.file().name() + ": no scenario in this file");
        if (!unit.includes().isEmpty())   // Includes.expand resolves them against the file's path first
            throw new MmtError(unit.includes().get(0).pos(), "#include is resolved against the file's path: not expanded here");

        Arch arch = Arch.X86;
        if (sc.arch() != null) {
            arch = Arch.byName(sc.arch().text());
            if (arch == null) throw new MmtError(sc.arch().pos(), "unknown arch '" + sc.arch().text() + "' (x86, blind-dirty)");
        }
        Library lib = library.with(unit).forArch(arch);
        Structs structs = lib.structs();
        checkPteFormat(structs, sc);
        if (sc.cpus() == null) throw new MmtError(sc.pos(), "the scenario must say how many CPUs it has ('cpus N')");
        int nCpus = WorldBuilder.bounded(sc.cpus(), 1, WorldBuilder.MAX_CPUS, "cpus", sc.pos(), 1);
        int tlb = WorldBuilder.bounded(sc.tlb(), 1, 8, "tlb", sc.pos(), DEFAULT_TLB);
        int evictions = WorldBuilder.bounded(sc.evictionBound(), 0, 1000, "bound evictions", sc.pos(), DEFAULT_EVICTIONS);
        int depth = WorldBuilder.bounded(sc.depthBound(), 1, 1_000_000, "bound depth", sc.pos(), 0);
        int tableFrames = WorldBuilder.bounded(sc.pagetables(), 1, 8, "pagetables", sc.pos(), 0);
        int speculative = WorldBuilder.bounded(sc.speculativeBound(), 0, 1000, "bound speculative", sc.pos(), 0);
        if (sc.speculativeBound() != null && tableFrames == 0)
            throw new MmtError(sc.speculativeBound().pos(), "speculative walks fill paging-structure caches, which exist with page tables in frames: add 'pagetables N'");
        if (sc.threads().isEmpty()) throw new MmtError(sc.pos(), "the scenario has no thread");
        // Ghost state keeps one bit per thread (the after block included) in an int.
        if (sc.threads().size() > 30) throw new MmtError(sc.threads().get(30).pos(), "at most 30 threads");

        Map<String, Ast.Use> uses = new HashMap<>();
        for (Ast.Use u : sc.uses()) {
            List<Library.Entry> vs = lib.candidates(u.routine());
            if (vs.isEmpty()) throw new MmtError(u.pos(), "unknown routine '" + u.routine() + "'" + Suggest.closest(u.routine(), lib));
            if (vs.stream().noneMatch(e -> u.variant().equals(e.routine().variant())))
                throw new MmtError(u.variantPos(), (lib.isLocal(u.routine()) ? "the scenario file's " : "routine ") + u.routine()
                        + " has no variant \"" + u.variant() + "\" (it has " + Resolver.labels(vs) + ")");
            if (uses.put(u.routine(), u) != null) throw new MmtError(u.pos(), "a second 'use' for " + u.routine());
        }
        if (sc.kernel() != null && !Versions.isVersion(sc.kernel().text()))
            throw new MmtError(sc.kernel().pos(), "'" + sc.kernel().text() + "' is not a kernel version (numbers separated by dots, e.g. \"2.6.19.2\")");

        List<Ast.ThreadDecl> all = new ArrayList<>(sc.threads());
        if (sc.after() != null) all.add(new Ast.ThreadDecl("after", new Ast.Num(0, sc.after().pos()), null, null, sc.after(), sc.after().pos()));
        WorldBuilder wb = new WorldBuilder();
        int frames = WorldBuilder.bounded(sc.frames(), 1, WorldBuilder.MAX_FRAMES, "frames", sc.pos(), 0);
        World world = wb.build(sc, nCpus, all, tableFrames, frames);
        for (Ast.FileDecl f : sc.files())
            if (structs.constants.containsKey(f.name())) throw new MmtError(f.pos(), "file " + f.name() + ": that name is a constant of the kernel library");
        for (Ast.MmDecl m : sc.mms())
            if (structs.constants.containsKey(m.name())) throw new MmtError(m.pos(), "mm " + m.name() + ": that name is a constant of the kernel library");

        int checks = 0;
        for (Ast.Word w : sc.checks()) {
            Invariant inv = Invariant.byName(w.text());
            if (inv == null) throw new MmtError(w.pos(), "unknown invariant '" + w.text() + "' (" + invariantNames() + ")");
            checks |= inv.bit();
        }
        if ((checks & Invariant.FORALL.bit()) != 0 && sc.foralls().isEmpty())
            throw new MmtError(sc.checks().stream().filter(w -> w.text().equals("forall")).findFirst().get().pos(),
                    "checks forall, but the scenario states no forall (cond)");
        if (!sc.foralls().isEmpty()) checks |= Invariant.FORALL.bit();   // a stated condition is always checked
        if (checks == 0) throw new MmtError(sc.pos(), "the scenario checks nothing: add 'check INVARIANT' or 'forall (cond)'");
        if ((checks & Invariant.DIRTY_ACCOUNTING.bit()) != 0
                && (structs.member(dev.mmcheck.model.Type.PAGE, "flags") == null || !structs.constants.containsKey("PG_dirty")))
            throw new MmtError(sc.pos(), "dirty_accounting reads page->flags and PG_dirty, which the kernel library does not declare");
        if ((checks & (Invariant.MAPPED_UPTODATE.bit() | Invariant.NO_STALE_WRITEBACK.bit())) != 0
                && (structs.member(dev.mmcheck.model.Type.PAGE, "flags") == null || !structs.constants.containsKey("PG_uptodate")))
            throw new MmtError(sc.pos(), "mapped_uptodate and no_stale_writeback read page->flags and PG_uptodate, which the kernel library does not declare");
        List<Model.Expectation> expectations = new ArrayList<>();
        for (Ast.Expect e : sc.expects()) {
            Invariant inv = null;
            if (e.invariant() != null) {
                inv = Invariant.byName(e.invariant().text());
                if (inv == null) throw new MmtError(e.invariant().pos(), "unknown invariant '" + e.invariant().text() + "'");
                if ((checks & inv.bit()) == 0)
                    throw new MmtError(e.invariant().pos(), "expects " + inv.name + " but does not check it");
            }
            expectations.add(new Model.Expectation(inv, e.holds(), e.pos()));
        }

        String kernel = sc.kernel() == null ? null : sc.kernel().text();
        if (kernel != null && Versions.compare(kernel, DIRTY_TRACKING) < 0)
            for (Ast.MmDecl mm : sc.mms())
                for (Ast.MapDecl map : mm.maps())
                    if (map.shared() && map.writable())
                        throw new MmtError(map.pos(), "kernel " + kernel + " maps shared writable pages writable at once; the machine "
                                + "starts them read-only and clean, as 2.6.19's dirty tracking (d08b3851da41) does: not modelled before " + DIRTY_TRACKING);
        // The library's 2.4 and 2.5 unmapping paths walk files' pages only: an anonymous mapping
        // there would be unmapped as a file (a NULL file), a false kernel bug.
        if (kernel != null && Versions.compare(kernel, DIRTY_TRACKING) < 0 && sc.frames() != null)
            throw new MmtError(sc.frames().pos(), "kernel " + kernel + ": page frames and anonymous memory are modelled with the "
                    + DIRTY_TRACKING + " library and later (the " + kernel + " paths here unmap file pages only)");
        // A lazy CPU's kernel thread only takes flush IPIs: anything else it did (a flush it sends,
        // a wait of its own) would leave IPIs to it untaken, as nothing else takes them.
        for (Ast.ThreadDecl d : sc.threads())
            if (d.lazy() && !(d.body().stmts().size() == 1 && d.body().stmts().get(0) instanceof Ast.ExprStmt e
                    && e.expr() instanceof Ast.Call call && call.name().equals("lazy_kernel_thread") && call.args().isEmpty()))
                throw new MmtError(d.body().pos(), "thread " + d.name() + " is lazy: its body is lazy_kernel_thread(); (a lazy CPU's kernel "
                        + "thread runs nothing of its own here, it takes the flush IPIs sent to its CPU)");
        // Vmas that never change cost no steps: vm_flags is then the map line's (topology), and
        // mmap_sem, which no concurrent thread takes for write, no step either. Code that changes
        // them (mprotect's vm_flags, a down_write outside the after block) is found by compiling,
        // and the whole scenario is compiled again with them as state (CodeGen.RwsemWriter,
        // CodeGen.VmFlagsWritten). At most twice more: each turns one switch on for good.
        boolean rwsemsReal = false, vmasGo = false;
        CodeGen gen;
        List<ThreadProgram> programs;
        while (true) {
            gen = new CodeGen(lib, new Resolver(lib, sc.kernel(), uses, sc.pos()), wb, structs, rwsemsReal, vmasGo);
            programs = new ArrayList<>();
            try {
                for (int t = 0; t < all.size(); t++) {
                    Ast.ThreadDecl d = all.get(t);
                    World.ThreadInfo ti = world.threads.get(t);
                    boolean isAfter = t == sc.threads().size();
                    programs.add(gen.compile(new CodeGen.ThreadDeclInfo(d.name(), ti.cpu(), ti.mm(), isAfter), d.body()));
                }
                break;
            } catch (CodeGen.RwsemWriter e) {
                rwsemsReal = true;
            } catch (CodeGen.VmFlagsWritten e) {
                structs = lib.structs(true);
            } catch (CodeGen.VmasGo e) {
                vmasGo = true;
            }
        }
        // machine/Rwsem.java: a bit per thread below bit 30 (the writer's)
        if (rwsemsReal && all.size() > 30)
            throw new MmtError(sc.threads().get(29).pos(), "with a reader/writer semaphore taken for writing, at most 30 threads, the after block included");
        if ((checks & Invariant.NO_WRITE_AFTER_MPROTECT.bit()) != 0 && !structs.constants.containsKey("VM_WRITE"))
            throw new MmtError(sc.pos(), "no_write_after_mprotect reads vm_flags' VM_WRITE, which the kernel library does not declare");

        List<Model.Condition> conditions = new ArrayList<>();
        for (Ast.Forall f : sc.foralls())
            conditions.add(new Model.Condition(f.pos().statementText(), f.pos(), gen.compileCondition(f)));
        int[] nLocals = programs.stream().mapToInt(ThreadProgram::nLocals).toArray();
        List<dev.mmcheck.machine.Monitor> monitors = dev.mmcheck.monitor.Monitors.checked(checks);
        int[] ghost = new int[Invariant.values().length];
        for (dev.mmcheck.machine.Monitor mon : monitors) ghost[mon.invariant.ordinal()] = mon.ghostSize(world, nLocals.length);
        Layout layout = new Layout(world, nLocals, tlb, ghost, structs.fields, structs.constants, vmasGo);
        List<Model.Start> starts = starts(world, layout, KernelSetup.initialState(world, layout, wb.initialPtes, sc, monitors), sc);
        List<Model.RoutineUse> routines = new ArrayList<>(gen.used());
        java.util.Set<dev.mmcheck.lang.Pos> ran = new java.util.HashSet<>();
        java.util.Set<String> called = new java.util.HashSet<>();
        for (Model.RoutineUse r : routines) { ran.add(r.pos()); called.add(r.name()); }
        for (Ast.Use u : sc.uses())   // a use whose routine never runs: the patch it names is not under test
            if (!called.contains(u.routine()) && !lib.isLocal(u.routine()))
                routines.add(new Model.RoutineUse(u.routine(), u.variant(), u.pos(), "use", false, false));
        for (Library.Entry e : lib.localEntries())
            if (!ran.contains(e.routine().pos()))
                routines.add(new Model.RoutineUse(e.routine().name(), e.routine().variant(), e.routine().pos(), "not called", true, false));
        return new Model(sc.title(), sc.pos(), arch, kernel, world, layout, starts, programs, checks, expectations, depth,
                evictions, routines, conditions, speculative);
    }

    /** At most this many clean ext3 pages, whose journal state the search leaves open (2^N starts). */
    static final int MAX_OPEN_PAGES = 6;

    /**
     * The starts: a clean page of an ext3_ordered file may or may not still have its buffers on
     * the journal's running transaction (filed by a writepage since the last commit, or not).
     * Either is a state the kernel reaches, and the journal commit writes only filed buffers, so
     * choosing one would hide what the other allows: every combination is a start.
     */
    private static List<Model.Start> starts(World w, Layout l, int[] base, Ast.Scenario sc) {
        List<Integer> open = new ArrayList<>();
        for (int f = 0; f < w.files.size(); f++) {
            if (!w.files.get(f).ext3Ordered()) continue;
            java.util.Set<Integer> dirty = new java.util.HashSet<>();
            for (Ast.Num d : sc.files().get(f).dirtyPages()) dirty.add(d.value());
            for (int i = 0; i < w.files.get(f).nPages(); i++) if (!dirty.contains(i)) open.add(w.files.get(f).firstPage() + i);
        }
        if (open.isEmpty()) return List.of(new Model.Start(null, base));
        if (open.size() > MAX_OPEN_PAGES)
            throw new MmtError(sc.files().get(w.pages.get(open.get(MAX_OPEN_PAGES)).file()).pos(), "more than " + MAX_OPEN_PAGES
                    + " clean pages of ext3_ordered files: each may start with its buffers on the journal or not, and 2^"
                    + open.size() + " starts is too many; make some 'page P dirty'");
        List<Model.Start> out = new ArrayList<>();
        for (int mask = 0; mask < 1 << open.size(); mask++) {
            int[] s = base.clone();
            StringBuilder d = new StringBuilder();
            for (int k = 0; k < open.size(); k++) {
                World.PageInfo p = w.pages.get(open.get(k));
                boolean filed = (mask & (1 << k)) != 0;
                for (int b = 0; b < p.nBuffers(); b++)
                    if (filed) KernelSetup.fileOnRunningTransaction(s, l, l.fieldIndex("buffer_head", "b_transaction"), p.firstBlock() + b, sc);
                if (d.length() > 0) d.append("; ");
                d.append(w.pageName(open.get(k))).append(filed ? "'s buffers are on the journal's running transaction (written back since the last commit)"
                        : "'s buffers are on no journal list");
            }
            out.add(new Model.Start(d.toString(), s));
        }
        return out;
    }

    /**
     * The library's names for the PTE bits must be the walker's bits: a library that said
     * _PAGE_DIRTY is 0x08 while the hardware sets 0x40 would test a bit nothing sets.
     */
    private static void checkPteFormat(Structs structs, Ast.Scenario sc) {
        dev.mmcheck.machine.Pte.KERNEL_NAMES.forEach((name, bits) -> {
            Integer v = structs.constants.get(name);
            if (v != null && v.intValue() != bits)
                throw new MmtError(sc.pos(), "the kernel library's " + name + " is " + v + ", but the machine's PTE format has "
                        + bits + " there (machine/Pte.java): the library's PTE helpers would not match the walker");
        });
    }

    private static String invariantNames() {
        StringBuilder b = new StringBuilder();
        for (Invariant i : Invariant.values()) {
            if (Invariant.byName(i.name) == null) continue;   // not nameable: the model-gap record
            if (b.length() > 0) b.append(", ");
            b.append(i.name);
        }
        return b.toString();
    }
}

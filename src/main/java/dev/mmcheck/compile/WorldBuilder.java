package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Pos;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a scenario's declarations and builds its static topology. */
final class WorldBuilder {
    static final int MAX_CPUS = 8, MAX_PAGES = 16, MAX_BUFFERS = 8, MAX_VPAGES = 64, MAX_MMS = 8;
    /** With page frames, page handles (frame numbers) stay below 32, so a word can hold a set of pages (the mmu_gather's batch). */
    static final int MAX_PFN = 31, MAX_FRAMES = 16;

    final Map<String, Integer> fileIndex = new HashMap<>();
    final Map<String, Integer> mmIndex = new HashMap<>();
    /** Initial PTE words by global slot. */
    int[] initialPtes;
    World world;

    /** threadsIncludingAfter: the scenario's threads, then its after block if it has one. */
    World build(Ast.Scenario sc, int nCpus, List<Ast.ThreadDecl> threadsIncludingAfter, int tableFrames, int nFrames) {
        if (tableFrames > 0 && tableFrames < sc.mms().size())
            throw new MmtError(sc.pagetables().pos(), "pagetables " + tableFrames + ": each of the " + sc.mms().size()
                    + " address spaces starts with a page-table page of its own");
        List<World.FileInfo> files = new ArrayList<>();
        List<World.PageInfo> pages = new ArrayList<>();
        int block = 0;
        for (Ast.FileDecl f : sc.files()) {
            if (fileIndex.containsKey(f.name())) throw new MmtError(f.pos(), "file " + f.name() + " is declared twice");
            int np = bounded(f.pages(), 1, MAX_PAGES, "pages", f.pos(), 1);
            int nb = bounded(f.buffers(), 1, MAX_BUFFERS, "buffers per page", f.pos(), 1);
            String fs = f.fs() == null ? "ext2" : f.fs().text();
            if (!fs.equals("ext2") && !fs.equals("ext3_ordered"))
                throw new MmtError(f.fs().pos(), "unknown filesystem '" + fs + "' (ext2, ext3_ordered)");
            fileIndex.put(f.name(), files.size());
            files.add(new World.FileInfo(f.name(), np, nb, fs.equals("ext3_ordered"), pages.size()));
            for (int i = 0; i < np; i++) {
                pages.add(new World.PageInfo(files.size() - 1, i, block, nb));
                block += nb;
            }
            for (Ast.Num d : f.dirtyPages())
                if (d.value() < 0 || d.value() >= np)
                    throw new MmtError(d.pos(), "file " + f.name() + " has no page " + d.value() + " (it has " + np + ")");
        }

        if (sc.mms().size() > MAX_MMS) throw new MmtError(sc.mms().get(MAX_MMS).pos(), "at most " + MAX_MMS + " address spaces");
        List<World.VmaInfo> vmas = new ArrayList<>();
        List<int[]> mmVmas = new ArrayList<>();
        List<Integer> mmVpages = new ArrayList<>();
        for (Ast.MmDecl m : sc.mms()) {
            if (mmIndex.containsKey(m.name()) || fileIndex.containsKey(m.name()))
                throw new MmtError(m.pos(), "name " + m.name() + " is declared twice");
            int mi = mmIndex.size();
            mmIndex.put(m.name(), mi);
            List<Integer> mine = new ArrayList<>();
            int top = 0;
            for (Ast.MapDecl map : m.maps()) {
                Integer fi = map.anon() ? Integer.valueOf(-1) : fileIndex.get(map.file());
                if (fi == null) throw new MmtError(map.pos(), "unknown file '" + map.file() + "'"
                        + (map.file().equals("anon") ? " (an anonymous mapping is 'map anon NAME private writable at V')" : ""));
                if (map.anon()) {
                    if (nFrames == 0) throw new MmtError(map.pos(), "anonymous memory lives in page frames: add 'frames N'");
                    if (fileIndex.containsKey(map.file()) || mmIndex.containsKey(map.file()))
                        throw new MmtError(map.pos(), "name " + map.file() + " is declared twice");
                    for (int v : mine)
                        if (map.file().equals(vmas.get(v).anon()))
                            throw new MmtError(map.pos(), "address space " + m.name() + " has two anonymous mappings named " + map.file());
                }
                int at = map.at().value();
                int np = map.anon() ? bounded(map.pages(), 1, MAX_PAGES, "pages", map.pos(), 1) : files.get(fi).nPages();
                if (at < 0 || at > MAX_VPAGES - np)
                    throw new MmtError(map.at().pos(), "mapping must lie within virtual pages 0.." + (MAX_VPAGES - 1));
                for (int v : mine) {
                    World.VmaInfo o = vmas.get(v);
                    if (at < o.start() + o.nPages() && o.start() < at + np)
                        throw new MmtError(map.pos(), "this mapping overlaps another in mm " + m.name());
                }
                mine.add(vmas.size());
                vmas.add(new World.VmaInfo(mi, fi, at, np, map.shared(), map.writable(), map.anon() ? map.file() : null));
                top = Math.max(top, at + np);
            }
            mmVmas.add(mine.stream().mapToInt(Integer::intValue).toArray());
            mmVpages.add(top);
        }

        List<World.ThreadInfo> threads = new ArrayList<>();
        int[] cpuUsed = new int[nCpus];
        int[] cpumask = new int[sc.mms().size()];
        for (int ti = 0; ti < threadsIncludingAfter.size(); ti++) {
            Ast.ThreadDecl t = threadsIncludingAfter.get(ti);
            int cpu = t.cpu().value();
            if (cpu < 0 || cpu >= nCpus)
                throw new MmtError(t.cpu().pos(), "no cpu " + cpu + ": the scenario has cpus 0.." + (nCpus - 1));
            boolean isAfter = ti == sc.threads().size();
            if (!isAfter) {
                for (World.ThreadInfo o : threads)
                    if (o.name().equals(t.name())) throw new MmtError(t.pos(), "thread " + t.name() + " is declared twice");
                if (cpuUsed[cpu]++ > 0)
                    throw new MmtError(t.cpu().pos(), "cpu " + cpu + " already runs a thread (v1 pins one thread per CPU)");
            }
            int mm = -1, lazyMm = -1;
            if (t.mm() != null) {
                Integer mi = mmIndex.get(t.mm());
                if (mi == null) throw new MmtError(t.mmPos(), "unknown address space '" + t.mm() + "'");
                if (t.lazy() && tableFrames == 0)
                    throw new MmtError(t.mmPos(), "a lazy CPU matters for page tables in frames (its walker and caches): add 'pagetables N'");
                if (t.lazy()) lazyMm = mi; else mm = mi;
                cpumask[mi] |= 1 << cpu;   // switch_mm set the bit; a lazy CPU keeps it until leave_mm
            }
            threads.add(new World.ThreadInfo(t.name(), cpu, mm, lazyMm));
        }

        List<World.MmInfo> mms = new ArrayList<>();
        for (int m = 0; m < sc.mms().size(); m++)
            mms.add(new World.MmInfo(sc.mms().get(m).name(), mmVpages.get(m), mmVmas.get(m), cpumask[m]));
        if (nFrames > 0 && pages.size() + 1 + nFrames > MAX_PFN)
            throw new MmtError(sc.frames().pos(), "with page frames, the files' pages, the zero page and the frames number at most "
                    + MAX_PFN + " (here " + (pages.size() + 1 + nFrames) + ")");
        int words = bounded(sc.frameWords(), 1, MAX_BUFFERS, "words per frame", sc.pos(), 1);
        world = new World(files, pages, mms, vmas, threads, nCpus, tableFrames, nFrames, words);

        initialPtes = new int[world.nPteSlots()];
        for (int v = 0; v < vmas.size(); v++) {
            World.VmaInfo vi = vmas.get(v);
            if (vi.isAnon()) continue;   // anonymous memory starts unmapped: the first touch faults it in
            for (int i = 0; i < vi.nPages(); i++)
                initialPtes[world.pteSlot(vi.mm(), vi.start() + i)] =
                        Pte.make(files.get(vi.file()).firstPage() + i + 1, Pte.PRESENT | Pte.YOUNG);
        }
        int anonMapped = 0;   // frames the `pte` lines of anonymous mappings took, in order
        for (int m = 0; m < sc.mms().size(); m++) {
            for (Ast.PteDecl p : sc.mms().get(m).ptes()) {
                int vp = p.vpage().value();
                int vma = vp < 0 ? -1 : world.findVma(m, vp);
                if (vma < 0) throw new MmtError(p.vpage().pos(), "virtual page " + vp + " is not mapped in " + sc.mms().get(m).name());
                int page = world.vmaPage(vma, vp);
                if (vmas.get(vma).isAnon()) {
                    // A present anonymous PTE maps a frame of its own, taken from the pool in order.
                    int pte = pteFlags(p, 0);
                    if (pte == 0) { initialPtes[world.pteSlot(m, vp)] = 0; continue; }
                    if (++anonMapped > nFrames)
                        throw new MmtError(p.pos(), "more anonymous pages start mapped than there are frames (" + nFrames + ")");
                    page = world.firstFrame + anonMapped;
                }
                initialPtes[world.pteSlot(m, vp)] = pteFlags(p, page + 1);
            }
        }
        return world;
    }

    private static int pteFlags(Ast.PteDecl p, int pageHandle) {
        int f = 0;
        for (Ast.Word w : p.flags()) {
            switch (w.text()) {
                case "none" -> { if (p.flags().size() > 1) throw new MmtError(w.pos(), "'none' stands alone"); return 0; }
                case "present" -> f |= Pte.PRESENT;
                case "write" -> f |= Pte.WRITE;
                case "young" -> f |= Pte.YOUNG;
                case "dirty" -> f |= Pte.DIRTY;
                case "soft-dirty", "soft_dirty" -> f |= Pte.SOFT_DIRTY;
                default -> throw new MmtError(w.pos(), "unknown PTE flag '" + w.text() + "' (none, present, write, young, dirty, soft-dirty)");
            }
        }
        return Pte.make(pageHandle, f);
    }

    static int bounded(Ast.Num n, int lo, int hi, String what, Pos at, int dflt) {
        if (n == null) return dflt;
        if (n.value() < lo || n.value() > hi)
            throw new MmtError(n.pos(), what + " must be between " + lo + " and " + hi + ", not " + n.value());
        return n.value();
    }
}

package dev.mmcheck.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where everything that changes lives in the flat int[] state vector, described once. Regions,
 * in order: threads (pc, locals), CPUs (TLB entries, irqs-off flag), IPI requests, PTE words,
 * the fields of the kernel structures the library declares (one region per field: page->flags,
 * bh->b_state, mm->page_table_lock...), page data, disk, then ghost state (bookkeeping for
 * invariants that no routine can read), the TLB-eviction counter and the after block's "has
 * started" bit. {@link #regions()} lists them by name for whatever walks the whole state.
 * Each checked invariant's monitor (machine/Monitor.java) says how much ghost state it keeps.
 *
 * <p>The hardware's regions are fixed here; the kernel's are data: a new field in a library
 * struct is a new region with no change to this class. Ghost state exists only for the
 * invariants the scenario checks: bookkeeping nobody reads would only split states. A ghost
 * region that is not allocated has base -1.
 */
public final class Layout {
    /** One named region: [base, base + size), and the area steps share it as (null: a thread's own, or ghost). */
    public record Region(String name, int base, int size, Footprint.Area area) {}

    public final int[] threadBase;   // [t] -> pc at threadBase[t], locals after it
    public final int tlbBase;        // cpu c, entry i: tlbBase + c*tlbSize + i
    public final int tlbSize;
    public final int irqOffBase;     // [cpu]
    public final int ipiBase;        // [sender*nCpus + target] -> pending flush request, 0 if none
    public final int pteBase;        // [pte slot]
    /**
     * Page tables in frames (World.nTableFrames > 0, else these regions are empty): per mm its
     * upper-level entry (the table frame + 1, 0 for none); per page-table frame its use
     * (PageTables.FREE, UNOWNED, or the owning mm + 1); per CPU its paging-structure cache
     * (PageTables.pscEntry, 0 empty).
     */
    public final int pmdBase, tableFrameBase, pscBase, pscSize;
    /** With page tables in frames: per CPU, the mm its CR3 holds + 1 (0: swapper_pg_dir, no user mm). */
    public final int cr3Base;
    /** The field mm_struct.cpu_vm_mask (every flush IPI reads it), or -1 when the library keeps none. */
    public final int cpuVmMask;
    /** The field page.flags (the uptodate monitors read it after every step), or -1. */
    public final int pageFlags;
    /** Per field of a kernel structure: where its region starts; instance i, element j at base + i*length + j. */
    public final Field[] fields;
    public final int[] fieldBase;
    /**
     * Page frames (World.nFrames > 0, else empty): per frame of the pool, the zero page first,
     * whether the allocator has handed it out (machine.Frames.FREE, ALLOCATED); then each
     * frame's words of data, frame by frame.
     */
    public final int frameBase, frameDataBase;
    /** Per vma, 1 once __vma_unlink took it off its mm's list; a region only where code unlinks vmas. */
    public final int vmaUnlinkedBase;
    public final boolean vmasGo;
    public final int dataBase;       // [block] -> what memory holds for that block of its page
    public final int diskBase;       // [block]
    /** Per invariant (by ordinal): where its monitor's ghost state starts, -1 when it has none here. */
    public final int[] ghostBase;
    public final int evictionsAt;        // TLB evictions taken so far
    public final int speculationsAt;     // speculative walks taken so far
    public final int afterStartedAt;     // 1 once the after block has taken its first step
    public final int size;
    public final int nCpus;
    /** The library's enumerators (PG_dirty, BH_Lock...): what the invariants and the initial state name. */
    public final Map<String, Integer> constants;
    private final World world;
    private final List<Region> regions = new ArrayList<>();

    /** ghostSizes: per invariant (by ordinal), the ghost ints its monitor keeps; 0 when unchecked or none. */
    public Layout(World w, int[] nLocals, int tlbSize, int[] ghostSizes, List<Field> fields, Map<String, Integer> constants) {
        this(w, nLocals, tlbSize, ghostSizes, fields, constants, false);
    }

    /** vmasGo: some code unlinks vmas (munmap), so the vma list is state. */
    public Layout(World w, int[] nLocals, int tlbSize, int[] ghostSizes, List<Field> fields, Map<String, Integer> constants, boolean vmasGo) {
        this.world = w;
        this.vmasGo = vmasGo;
        this.constants = Map.copyOf(constants);
        int o = 0;
        threadBase = new int[nLocals.length];
        for (int t = 0; t < nLocals.length; t++) {
            threadBase[t] = o;
            o = region(w.threads.get(t).name(), o, 1 + nLocals[t], null);
        }
        nCpus = w.nCpus;
        this.tlbSize = tlbSize;
        tlbBase = o; o = region("TLB", o, nCpus * tlbSize, Footprint.Area.TLB);
        irqOffBase = o; o = region("irqs off", o, nCpus, Footprint.Area.IRQ);
        ipiBase = o; o = region("IPI", o, nCpus * nCpus, Footprint.Area.IPI);
        pteBase = o; o = region("PTE", o, w.nPteSlots(), Footprint.Area.PTE);
        boolean tables = w.nTableFrames > 0;
        pmdBase = o; o = region("pmd", o, tables ? w.mms.size() : 0, Footprint.Area.PT);
        tableFrameBase = o; o = region("page-table frames", o, w.nTableFrames, Footprint.Area.PT);
        // One entry per CPU: a CPU caches the upper level of the one mm it has loaded, and each
        // mm has one page-table page here, so one entry holds all a CPU can cache.
        pscSize = tables ? 1 : 0;
        pscBase = o; o = region("paging-structure caches", o, nCpus * pscSize, Footprint.Area.TLB);
        cr3Base = o; o = region("CR3", o, tables ? nCpus : 0, Footprint.Area.TLB);
        this.fields = fields.toArray(new Field[0]);
        fieldBase = new int[this.fields.length];
        for (int f = 0; f < this.fields.length; f++) {
            Field fd = this.fields[f];
            fieldBase[f] = o;
            o = region(fd.struct() + "." + fd.name(), o, fd.instances().count(w) * fd.length(), Footprint.Area.FIELD);
        }
        int frames = w.nFrames > 0 ? w.nFrames + 1 : 0;
        frameBase = o; o = region("page frames", o, frames, Footprint.Area.FRAME);
        frameDataBase = o; o = region("frame memory", o, frames * w.frameWords, Footprint.Area.MEMORY);
        vmaUnlinkedBase = o; o = region("vma list", o, vmasGo ? w.vmas.size() : 0, Footprint.Area.FIELD);
        dataBase = o; o = region("memory", o, w.nBlocks, Footprint.Area.MEMORY);
        diskBase = o; o = region("disk", o, w.nBlocks, Footprint.Area.DISK);
        ghostBase = new int[Invariant.values().length];
        for (Invariant inv : Invariant.values()) {
            int n = ghostSizes[inv.ordinal()];
            ghostBase[inv.ordinal()] = n > 0 ? o : -1;
            if (n > 0) o = region("ghost: " + inv.name, o, n, null);
        }
        evictionsAt = o; o = region("evictions", o, 1, null);
        speculationsAt = o; o = region("speculative walks", o, tables ? 1 : 0, null);
        afterStartedAt = o; o = region("after started", o, 1, null);
        size = o;
        cpuVmMask = fieldIndex("mm_struct", "cpu_vm_mask");
        pageFlags = fieldIndex("page", "flags");
    }

    private int region(String name, int base, int size, Footprint.Area area) {
        regions.add(new Region(name, base, size, area));
        return base + size;
    }

    public List<Region> regions() { return List.copyOf(regions); }

    public int pc(int thread) { return threadBase[thread]; }
    public int local(int thread, int slot) { return threadBase[thread] + 1 + slot; }
    public int tlb(int cpu, int i) { return tlbBase + cpu * tlbSize + i; }
    public int ipi(int sender, int target) { return ipiBase + sender * nCpus + target; }
    public int psc(int cpu, int i) { return pscBase + cpu * pscSize + i; }

    /** The field's index for instance i (0-based), element j. */
    public int field(int f, int i, int j) { return fieldBase[f] + i * fields[f].length() + j; }

    /** How many instances field f's struct has. */
    public int count(int f) { return fields[f].instances().count(world); }

    /** The field of struct.name, or -1. */
    public int fieldIndex(String struct, String name) {
        for (int f = 0; f < fields.length; f++) if (fields[f].struct().equals(struct) && fields[f].name().equals(name)) return f;
        return -1;
    }

    /** Which field an index of the state vector belongs to, or -1. */
    public int fieldAt(int index) {
        for (int f = 0; f < fields.length; f++) {
            int n = fields[f].instances().count(world) * fields[f].length();
            if (index >= fieldBase[f] && index < fieldBase[f] + n) return f;
        }
        return -1;
    }

    /** A field's element by its index in the state vector, as C names it: "f->tree_lock", "f[0]->flags", "g->pages[2]". */
    public String fieldName(int index) {
        int f = fieldAt(index);
        if (f < 0) return "#" + index;
        Field fd = fields[f];
        int off = index - fieldBase[f], i = off / fd.length(), j = off % fd.length();
        return fd.instances().name(world, i) + "->" + fd.name() + (fd.length() > 1 && fd.kind() != Field.Kind.RWSEM ? "[" + j + "]" : "");
    }

    /** A library constant the machine's setup or an invariant names; the library must declare it. */
    public int constant(String name) {
        Integer v = constants.get(name);
        if (v == null) throw new IllegalStateException("the kernel library declares no " + name);
        return v;
    }

    /** Whether vma v has been unlinked from its mm (never, where no code unlinks vmas). */
    public boolean vmaUnlinked(int[] s, int v) { return vmasGo && s[vmaUnlinkedBase + v] != 0; }

    /** A library constant, or dflt when the library declares none. */
    public int constantOr(String name, int dflt) {
        Integer v = constants.get(name);
        return v == null ? dflt : v;
    }
}

package dev.mmcheck.check;

import dev.mmcheck.machine.Frames;
import dev.mmcheck.machine.Ipi;
import dev.mmcheck.machine.PageTables;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.machine.Tlb;
import dev.mmcheck.model.Field;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.World;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole machine state in the kernel's words, item by item: every PTE, every CPU's TLB
 * entries and interrupt flag, pending flush IPIs, every field of every kernel structure (locks,
 * page flags, buffer states, counters), memory and disk. What a step-through view shows at each
 * step; {@link StateDiff} says which of these items a step changed. Items are keyed like
 * {@link Change#subject()} so that a renderer can highlight what changed; each group's items
 * come together.
 */
public final class StateView {
    private StateView() {}

    /**
     * One item: its group ("PTEs", "TLB", "IPIs", "struct page", "memory"...), its subject
     * ("A:0", "cpu1", "f[0]->flags", "f[0].1"), the change kind it is reported under, its value.
     */
    public record Item(String group, String subject, Change.Kind kind, String value) {}

    public static List<Item> of(Model m, int[] s) {
        Layout l = m.layout();
        World w = m.world();
        List<Item> out = new ArrayList<>();
        for (int slot = 0; slot < w.nPteSlots(); slot++)
            out.add(new Item("PTEs", w.pteName(slot), Change.Kind.PTE, Pte.describe(s[l.pteBase + slot], w::pageName)));
        if (w.nTableFrames > 0) {
            for (int mm = 0; mm < w.mms.size(); mm++)
                out.add(new Item("page tables", w.mms.get(mm).name() + "->pmd", Change.Kind.PT, StateDiff.pmd(s[l.pmdBase + mm])));
            for (int f = 0; f < w.nTableFrames; f++)
                out.add(new Item("page tables", World.tableName(f), Change.Kind.PT, StateDiff.frame(s[l.tableFrameBase + f], w)));
            for (int cpu = 0; cpu < l.nCpus; cpu++)
                out.add(new Item("paging-structure caches", "cpu" + cpu + " PSC", Change.Kind.TLB, PageTables.describePsc(s[l.psc(cpu, 0)], w)));
        }
        for (int cpu = 0; cpu < l.nCpus; cpu++) {
            List<String> entries = new ArrayList<>();
            for (int k = 0; k < l.tlbSize; k++) {
                int e = s[l.tlb(cpu, k)];
                if (e != 0) entries.add(Tlb.describe(e, mm -> w.mms.get(mm).name(), w::pageName));
            }
            out.add(new Item("TLB", "cpu" + cpu, Change.Kind.TLB, entries.isEmpty() ? "empty" : String.join(", ", entries)));
        }
        for (int c = 0; c < l.nCpus; c++)
            out.add(new Item("interrupts", "cpu" + c, Change.Kind.IRQ, s[l.irqOffBase + c] != 0 ? "off" : "on"));
        for (int from = 0; from < l.nCpus; from++)
            for (int to = 0; to < l.nCpus; to++) {
                int v = s[l.ipi(from, to)];
                if (v != 0) out.add(new Item("IPIs", "cpu" + from + "->cpu" + to, Change.Kind.IPI, Ipi.describe(v, w)));
            }
        for (int f = 0; f < l.fields.length; f++) {
            Field fd = l.fields[f];
            int n = fd.instances().count(w) * fd.length();
            for (int k = 0; k < n; k++) {
                int i = l.fieldBase[f] + k;
                if (fd.kind() == Field.Kind.RWSEM) {   // two words, one item
                    if (k % 2 == 0) out.add(new Item("locks", l.fieldName(i), Change.Kind.LOCK, Field.renderRwsem(w, s[i], s[i + 1])));
                    continue;
                }
                boolean lock = fd.isLock();
                out.add(new Item(lock ? "locks" : "struct " + fd.struct(), l.fieldName(i), lock ? Change.Kind.LOCK : Change.Kind.FIELD,
                        fd.render(w, s[i])));
            }
        }
        for (int v = 0; l.vmasGo && v < w.vmas.size(); v++)
            out.add(new Item("vmas", dev.mmcheck.model.Instances.VMA.name(w, v), Change.Kind.FIELD,
                    s[l.vmaUnlinkedBase + v] != 0 ? "unlinked (munmap)" : "on its mm's list"));
        for (int k = 0; w.nFrames > 0 && k <= w.nFrames; k++) {
            int page = w.firstFrame + k;
            out.add(new Item("page frames", w.pageName(page), Change.Kind.FRAME, Frames.describe(s[l.frameBase + k])));
            for (int j = 0; j < w.frameWords; j++)
                out.add(new Item("memory", w.pageName(page) + "." + j, Change.Kind.MEMORY, Integer.toString(s[Frames.word(l, w, page, j)])));
        }
        for (int blk = 0; blk < w.nBlocks; blk++) {
            out.add(new Item("memory", w.blockName(blk), Change.Kind.MEMORY, Integer.toString(s[l.dataBase + blk])));
            out.add(new Item("disk", w.blockName(blk), Change.Kind.DISK, Integer.toString(s[l.diskBase + blk])));
        }
        // Each group together, groups in the order they first appear.
        java.util.Map<String, List<Item>> groups = new java.util.LinkedHashMap<>();
        for (Item it : out) groups.computeIfAbsent(it.group(), g -> new ArrayList<>()).add(it);
        List<Item> sorted = new ArrayList<>();
        groups.values().forEach(sorted::addAll);
        return sorted;
    }
}

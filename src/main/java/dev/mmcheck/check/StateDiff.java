package dev.mmcheck.check;

import dev.mmcheck.check.Change.Kind;
import dev.mmcheck.model.Field;
import dev.mmcheck.machine.Frames;
import dev.mmcheck.machine.Ipi;
import dev.mmcheck.machine.PageTables;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.machine.Tlb;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Model;
import dev.mmcheck.model.World;
import java.util.ArrayList;
import java.util.List;

/** What a step (or a folded run of steps, from its first state to its last) changed, in the kernel's words: PTEs, TLBs, IPIs, the kernel structures' fields (locks, page flags, buffers...), memory, disk. */
public final class StateDiff {
    private StateDiff() {}

    public static List<Change> changes(Model m, int[] a, int[] b) {
        Layout l = m.layout();
        World w = m.world();
        List<Change> out = new ArrayList<>();
        for (int slot = 0; slot < w.nPteSlots(); slot++) {
            int i = l.pteBase + slot;
            if (a[i] != b[i]) out.add(new Change(Kind.PTE, w.pteName(slot), "PTE " + w.pteName(slot) + " = " + Pte.describe(b[i], w::pageName)));
        }
        for (int mm = 0; w.nTableFrames > 0 && mm < w.mms.size(); mm++) {
            int i = l.pmdBase + mm;
            if (a[i] != b[i]) out.add(new Change(Kind.PT, w.mms.get(mm).name() + "->pmd", w.mms.get(mm).name() + "->pmd = " + pmd(b[i])));
        }
        for (int f = 0; f < w.nTableFrames; f++) {
            int i = l.tableFrameBase + f;
            if (a[i] != b[i]) out.add(new Change(Kind.PT, World.tableName(f), World.tableName(f)
                    + (b[i] == PageTables.FREE ? " freed" : a[i] == PageTables.FREE ? " allocated" : " = " + frame(b[i], w))));
        }
        for (int cpu = 0; cpu < l.nCpus; cpu++)
            for (int k = 0; k < l.pscSize; k++) {
                int i = l.psc(cpu, k);
                if (a[i] != b[i]) out.add(new Change(Kind.TLB, "cpu" + cpu + " PSC", "cpu" + cpu + " PSC: " + PageTables.describePsc(b[i], w)));
            }
        for (int cpu = 0; cpu < l.nCpus; cpu++) {
            boolean changed = false;
            for (int k = 0; k < l.tlbSize; k++) changed |= a[l.tlb(cpu, k)] != b[l.tlb(cpu, k)];
            if (!changed) continue;
            StringBuilder t = new StringBuilder("cpu" + cpu + " TLB: ");
            int n = 0;
            for (int k = 0; k < l.tlbSize; k++) {
                int e = b[l.tlb(cpu, k)];
                if (e == 0) continue;
                if (n++ > 0) t.append(", ");
                t.append(Tlb.describe(e, mm -> w.mms.get(mm).name(), w::pageName));
            }
            if (n == 0) t.append("empty");
            out.add(new Change(Kind.TLB, "cpu" + cpu, t.toString()));
        }
        for (int s = 0; s < l.nCpus; s++)
            for (int t = 0; t < l.nCpus; t++) {
                int i = l.ipi(s, t);
                if (a[i] == b[i]) continue;
                out.add(new Change(Kind.IPI, "cpu" + s + "->cpu" + t,
                        b[i] == 0 ? "cpu" + t + " acked cpu" + s + "'s IPI" : "IPI cpu" + s + " -> cpu" + t + ": " + Ipi.describe(b[i], w)));
            }
        for (int c = 0; c < l.nCpus; c++)
            if (a[l.irqOffBase + c] != b[l.irqOffBase + c])
                out.add(new Change(Kind.IRQ, "cpu" + c, "cpu" + c + " interrupts " + (b[l.irqOffBase + c] != 0 ? "off" : "on")));
        for (int f = 0; f < l.fields.length; f++) {
            Field fd = l.fields[f];
            int n = fd.instances().count(w) * fd.length();
            for (int k = 0; k < n; k++) {
                int i = l.fieldBase[f] + k;
                if (fd.kind() == Field.Kind.RWSEM) {   // two words, one change: holders and sleepers
                    if (k % 2 == 1 || (a[i] == b[i] && a[i + 1] == b[i + 1])) continue;
                    String name = l.fieldName(i);
                    out.add(new Change(Kind.LOCK, name, name + (b[i] == 0 && b[i + 1] == 0 ? " released"
                            : ": " + Field.renderRwsem(w, b[i], b[i + 1]))));
                    continue;
                }
                if (a[i] == b[i]) continue;
                String name = l.fieldName(i);
                String what = switch (fd.kind()) {
                    case LOCK -> name + (b[i] == 0 ? " released" : " taken by " + w.threads.get(b[i] - 1).name());
                    case FLAGS -> name + ": " + fd.bitsChanged(a[i], b[i]);
                    default -> name + " = " + fd.render(w, b[i]);
                };
                out.add(new Change(fd.isLock() ? Kind.LOCK : Kind.FIELD, name, what));
            }
        }
        for (int v = 0; l.vmasGo && v < w.vmas.size(); v++)
            if (a[l.vmaUnlinkedBase + v] != b[l.vmaUnlinkedBase + v]) {
                String name = dev.mmcheck.model.Instances.VMA.name(w, v);
                out.add(new Change(Kind.FIELD, name, name + " unlinked from " + w.mms.get(w.vmas.get(v).mm()).name() + "'s vma list"));
            }
        for (int k = 0; w.nFrames > 0 && k <= w.nFrames; k++) {
            String name = w.pageName(w.firstFrame + k);
            int i = l.frameBase + k;
            if (a[i] != b[i]) out.add(new Change(Kind.FRAME, name, name + (b[i] == Frames.FREE ? " freed" : " allocated")));
            for (int j = 0; j < w.frameWords; j++) {
                i = Frames.word(l, w, w.firstFrame + k, j);
                if (a[i] != b[i]) out.add(new Change(Kind.MEMORY, name + "." + j, "memory " + name + "." + j + " = " + b[i]));
            }
        }
        for (int blk = 0; blk < w.nBlocks; blk++) {
            String name = w.blockName(blk);
            int i = l.dataBase + blk;
            if (a[i] != b[i]) out.add(new Change(Kind.MEMORY, name, "memory " + name + " = " + b[i]));
            i = l.diskBase + blk;
            if (a[i] != b[i]) out.add(new Change(Kind.DISK, name, "disk " + name + " = " + b[i]));
        }
        return out;
    }

    /** A page-table frame's use: "free", "allocated" (not yet an mm's), "A's page table". */
    public static String frame(int v, World w) {
        return v == PageTables.FREE ? "free" : v == PageTables.UNOWNED ? "allocated" : w.mms.get(v - 1).name() + "'s page table";
    }

    /** An upper-level entry: the page-table page it points at, or "none". */
    public static String pmd(int v) { return v == 0 ? "none" : World.tableName(v - 1); }
}

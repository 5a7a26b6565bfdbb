package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.machine.Frames;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * What a scenario's declarations mean in the library's kernel fields: the initial values of
 * the fields the machine's topology implies. Every name here is the library's (include/linux/
 * mm.mmt, buffer_head.mmt, jbd.mmt): the machine knows no flag bit by itself.
 * <ul>
 * <li>A page of a file is in the page cache and up to date: {@code page->flags} has PG_uptodate,
 *     each buffer's {@code b_state} BH_Uptodate.
 * <li>{@code page P dirty}: as after write(2), PG_dirty and every buffer BH_Dirty; on an
 *     ext3_ordered file ext3_ordered_commit_write has also filed the buffers on the journal's
 *     running transaction (journal_dirty_data).
 * <li>{@code page->_mapcount} is the number of present PTEs that map the page, minus one
 *     (the kernel starts it at -1: include/linux/mm.h, page_mapcount()).
 * <li>{@code page->_count}: a file page's is 1 for the page cache plus 1 per PTE that maps it;
 *     the zero page's 1; an anonymous page's (a frame a {@code pte} line maps) 1 per PTE; a free
 *     frame's 0.
 * </ul>
 * A field the library does not declare is left alone (no routine can read it either); a field
 * it declares without the constants named here is an error.
 */
final class KernelSetup {
    private KernelSetup() {}

    static int[] initialState(World w, Layout l, int[] ptes, Ast.Scenario sc, java.util.List<dev.mmcheck.machine.Monitor> monitors) {
        int[] s = new int[l.size];
        int flags = l.fieldIndex("page", "flags"), state = l.fieldIndex("buffer_head", "b_state");
        int trans = l.fieldIndex("buffer_head", "b_transaction"), mapcount = l.fieldIndex("page", "_mapcount");
        boolean anyDirty = sc.files().stream().anyMatch(f -> !f.dirtyPages().isEmpty());
        if (anyDirty && (flags < 0 || state < 0))
            throw new MmtError(sc.pos(), "the scenario has dirty pages, but the kernel library declares no page->flags and bh->b_state to mark them");
        int count = l.fieldIndex("page", "_count");
        for (int p = 0; p < w.pages.size(); p++) {
            if (mapcount >= 0) s[l.field(mapcount, p, 0)] = -1;
            if (w.isFrame(p)) continue;   // a frame's flags start clear; its count below
            if (count >= 0) s[l.field(count, p, 0)] = 1;   // the page cache's reference
            if (flags >= 0) s[l.field(flags, p, 0)] = bit(l, "PG_uptodate", sc);
            World.PageInfo pi = w.pages.get(p);
            if (state >= 0) for (int b = 0; b < pi.nBuffers(); b++) s[l.field(state, pi.firstBlock() + b, 0)] = bit(l, "BH_Uptodate", sc);
        }
        // Page frames: the zero page is the kernel's for good (one reference of its own); a frame
        // a `pte` line maps is an anonymous page the allocator handed out (below, with the PTEs);
        // the rest are free.
        if (w.nFrames > 0) {
            s[l.frameBase] = Frames.ALLOCATED;
            if (count >= 0) s[l.field(count, w.zeroPage(), 0)] = 1;
        }
        for (int f = 0; f < sc.files().size(); f++) {
            for (Ast.Num d : sc.files().get(f).dirtyPages()) {
                int p = w.files.get(f).firstPage() + d.value();
                s[l.field(flags, p, 0)] |= bit(l, "PG_dirty", sc);
                World.PageInfo pi = w.pages.get(p);
                for (int b = 0; b < pi.nBuffers(); b++) {
                    s[l.field(state, pi.firstBlock() + b, 0)] |= bit(l, "BH_Dirty", sc);
                    if (w.files.get(f).ext3Ordered()) fileOnRunningTransaction(s, l, trans, pi.firstBlock() + b, sc);
                }
            }
        }
        // mm->mm_users: the threads that run in the mm (the after block is not a user).
        int users = l.fieldIndex("mm_struct", "mm_users");
        if (users >= 0)
            for (World.ThreadInfo t : w.threads)
                if (t.mm() >= 0) s[l.field(users, t.mm(), 0)]++;   // the after block and lazy CPUs' kernel threads have none
        // Page tables in frames: address space m starts with its page-table page in frame m.
        if (w.nTableFrames > 0) {
            for (int m = 0; m < w.mms.size(); m++) {
                s[l.pmdBase + m] = m + 1;
                s[l.tableFrameBase + m] = m + 1;   // mm m's page table (PageTables.FREE, UNOWNED)
            }
            for (int cpu = 0; cpu < w.nCpus; cpu++) s[l.cr3Base + cpu] = w.loadedMm(cpu) + 1;
        }
        // vma->vm_flags, when code changes it (else it is topology): as the map line says.
        int vmFlags = l.fieldIndex("vm_area_struct", "vm_flags");
        if (vmFlags >= 0)
            for (int v = 0; v < w.vmas.size(); v++) {
                World.VmaInfo vi = w.vmas.get(v);
                s[l.field(vmFlags, v, 0)] = constant(l, "VM_READ", sc) | (vi.writable() ? constant(l, "VM_WRITE", sc) : 0)
                        | (vi.shared() ? constant(l, "VM_SHARED", sc) : 0);
            }
        // mm->cpu_vm_mask: the CPUs that switched to the mm (its threads', lazy ones included).
        int mask = l.fieldIndex("mm_struct", "cpu_vm_mask");
        if (mask >= 0) for (int m = 0; m < w.mms.size(); m++) s[l.field(mask, m, 0)] = w.mms.get(m).cpumask();
        for (int slot = 0; slot < ptes.length; slot++) {
            s[l.pteBase + slot] = ptes[slot];
            if (!Pte.present(ptes[slot])) continue;
            // Each PTE that maps a page counts in its _mapcount and holds a reference (_count).
            int page = Pte.pageHandle(ptes[slot]) - 1;
            if (mapcount >= 0) s[l.field(mapcount, page, 0)]++;
            if (count >= 0) s[l.field(count, page, 0)]++;
            if (w.isFrame(page)) s[l.frameBase + page - w.firstFrame] = Frames.ALLOCATED;
        }
        for (dev.mmcheck.machine.Monitor mon : monitors) mon.initGhost(s, l, w);
        return s;
    }

    /** bh->b_transaction = J_RUNNING_TRANSACTION: the buffer is on the running transaction's data list. */
    static void fileOnRunningTransaction(int[] s, Layout l, int trans, int block, Ast.Scenario sc) {
        if (trans < 0) throw new MmtError(sc.pos(), "an ext3_ordered file needs the journal's buffer_head.b_transaction, which the kernel library does not declare");
        s[l.field(trans, block, 0)] = constant(l, "J_RUNNING_TRANSACTION", sc);
    }

    private static int bit(Layout l, String name, Ast.Scenario sc) { return 1 << constant(l, name, sc); }

    private static int constant(Layout l, String name, Ast.Scenario sc) {
        Integer v = l.constants.get(name);
        if (v == null) throw new MmtError(sc.pos(), "the kernel library declares the field but not the constant " + name + " that sets it up");
        return v;
    }
}

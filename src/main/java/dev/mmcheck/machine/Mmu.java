package dev.mmcheck.machine;

import dev.mmcheck.model.Arch;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * A user access through the MMU: TLB lookup, hardware page-table walk, accessed/dirty-bit
 * update by the architecture's rule, the data access itself, or a fault. Each call is one
 * step; a fault invalidates the faulting entry (x86 does) and the caller runs the fault handler.
 */
public final class Mmu {
    private Mmu() {}

    public static final int OK = 0, FAULT = 1;
    /** What a load returns when it faults (any other value is the value read). */
    public static final int FAULTED = Integer.MIN_VALUE;

    public static int store(Ctx c, int mm, int vpage, int block, int value) {
        c.userStore();
        int[] s = c.s;
        Layout l = c.layout;
        int base = l.tlb(c.cpu, 0);
        int slot = c.world.pteSlot(mm, vpage);
        int ptei = l.pteBase + slot;
        int i = Tlb.find(s, base, l.tlbSize, mm, vpage);
        if (i >= 0) {
            int e = s[i];
            if ((e & Tlb.WRITE) == 0) {
                Tlb.remove(s, base, l.tlbSize, i);
                c.note("write fault: TLB entry is read-only");
                return FAULT;
            }
            if ((e & Tlb.DIRTY) != 0) {
                c.storeThroughTlb(slot);
                throughTlb(c, "store", mm, vpage, e);
                write(c, mm, vpage, Tlb.pageHandle(e) - 1, block, value);
                c.note("through the TLB, cached dirty");
                return OK;
            }
            int pte = s[ptei];
            if (c.model.arch() == Arch.BLIND_DIRTY) {
                // Thread 000's hypothetical CPU: OR D into whatever the word holds, no check.
                if (!PageTables.hasTable(s, l, c.world, mm)) {
                    // By the address its TLB entry cached, into a page table that is gone (pt_use_after_free
                    // judged it at the free, when this entry still reached the page).
                    c.modelGap("a blind dirty-bit write into " + c.world.mms.get(mm).name()
                            + "'s freed page table (what it hits is not modelled)");
                    return FAULT;
                }
                c.storeThroughTlb(slot);
                throughTlb(c, "store", mm, vpage, e);
                c.hardwareSetsDirty(slot, pte);
                s[ptei] = pte | Pte.DIRTY;
                s[i] = e | Tlb.DIRTY;
                write(c, mm, vpage, Tlb.pageHandle(e) - 1, block, value);
                c.note("through the TLB; dirty bit ORed into the PTE blindly");
                return OK;
            }
            // x86: re-walk, set D only on a PTE that is still present and writable.
            if (!tableOk(c, mm)) {
                Tlb.remove(s, base, l.tlbSize, i);
                c.note("write fault: re-walk finds no page table (pmd none)");
                return FAULT;
            }
            if (Pte.present(pte) && Pte.writable(pte)) {
                c.hardwareSetsDirty(slot, pte);
                s[ptei] = pte | Pte.DIRTY | Pte.YOUNG;
                s[i] = Tlb.entry(mm, vpage, Pte.pageHandle(pte), true, true) | walked(c, "store", mm, vpage, slot, pte);
                write(c, mm, vpage, Pte.pageHandle(pte) - 1, block, value);
                c.note("cached clean: re-walk sets the PTE's dirty bit");
                return OK;
            }
            Tlb.remove(s, base, l.tlbSize, i);
            c.note("write fault: re-walk finds the PTE " + (Pte.present(pte) ? "read-only" : "not present"));
            return FAULT;
        }
        if (!tableOk(c, mm)) {
            c.note("TLB miss; write fault: no page table (pmd none)");
            return FAULT;
        }
        int pte = s[ptei];
        if (!Pte.present(pte) || !Pte.writable(pte)) {
            c.note("TLB miss; write fault: PTE " + (Pte.present(pte) ? "read-only" : "not present"));
            return FAULT;
        }
        c.hardwareSetsDirty(slot, pte);
        s[ptei] = pte | Pte.DIRTY | Pte.YOUNG;
        Tlb.fill(s, base, l.tlbSize, Tlb.entry(mm, vpage, Pte.pageHandle(pte), true, true) | walked(c, "store", mm, vpage, slot, pte));
        write(c, mm, vpage, Pte.pageHandle(pte) - 1, block, value);
        c.note("TLB miss: walk sets young|dirty and fills the TLB");
        return OK;
    }

    public static int load(Ctx c, int mm, int vpage, int block) {
        int[] s = c.s;
        Layout l = c.layout;
        int base = l.tlb(c.cpu, 0);
        int i = Tlb.find(s, base, l.tlbSize, mm, vpage);
        if (i >= 0) {
            c.note("TLB hit");
            throughTlb(c, "load", mm, vpage, s[i]);
            return read(c, Tlb.pageHandle(s[i]) - 1, block);
        }
        if (!tableOk(c, mm)) {
            c.note("TLB miss; read fault: no page table (pmd none)");
            return FAULTED;
        }
        int slot = c.world.pteSlot(mm, vpage);
        int ptei = l.pteBase + slot;
        int pte = s[ptei];
        if (!Pte.present(pte)) {
            c.note("TLB miss; read fault: PTE not present");
            return FAULTED;
        }
        s[ptei] = pte | Pte.YOUNG;
        Tlb.fill(s, base, l.tlbSize,
                Tlb.entry(mm, vpage, Pte.pageHandle(pte), Pte.writable(pte), Pte.dirty(pte)) | walked(c, "load", mm, vpage, slot, pte));
        c.note("TLB miss: walk fills the TLB");
        return read(c, Pte.pageHandle(pte) - 1, block);
    }

    /**
     * With page tables in frames, a walk first goes through the pmd (or the CPU's
     * paging-structure cache): false when the pmd is empty. Static page tables always have one.
     */
    private static boolean tableOk(Ctx c, int mm) {
        if (c.world.nTableFrames == 0 || PageTables.walk(c, mm) != PageTables.NONE) return true;
        // The fault handler would allocate a page table (pte_alloc_map): not modelled yet.
        c.modelGap("a fault on " + c.world.mms.get(mm).name()
                + " with no page table (pmd none): the fault path's pte_alloc is not modelled");
        return false;
    }

    /**
     * A speculative walk of (mm, vpage) on the context's CPU: through the pmd or the PSC to the
     * PTE, filling the PSC and, for a present PTE, the TLB (setting the accessed bit, as a walk
     * does); it never sets the dirty bit and never faults. Intel SDM 4.10.2.3, 4.10.3.1.
     */
    public static void speculate(Ctx c, int mm, int vpage) {
        int[] s = c.s;
        Layout l = c.layout;
        if (PageTables.walk(c, mm) == PageTables.NONE) return;
        int base = l.tlb(c.cpu, 0);
        if (Tlb.find(s, base, l.tlbSize, mm, vpage) >= 0) return;
        int slot = c.world.pteSlot(mm, vpage);
        int ptei = l.pteBase + slot;
        int pte = s[ptei];
        if (!Pte.present(pte)) return;
        s[ptei] = pte | Pte.YOUNG;
        // A speculative walk accesses no data: a stale fill is no use after free until an access uses it.
        Tlb.fill(s, base, l.tlbSize, Tlb.entry(mm, vpage, Pte.pageHandle(pte), Pte.writable(pte), Pte.dirty(pte))
                | (Frames.walkReachesFreed(s, l, c.world, slot, pte) ? Tlb.STALE : 0));
    }

    /**
     * A user access goes through TLB entry e (use_after_free judges it when e maps a frame): it
     * reaches a freed frame when the entry was filled before its frame was freed.
     */
    private static void throughTlb(Ctx c, String what, int mm, int vpage, int e) {
        if (!c.world.isFrame(Tlb.pageHandle(e) - 1)) return;   // a file page is never freed
        c.frameAccess((e & Tlb.STALE) == 0 ? null : "cpu" + c.cpu + "'s " + what + " to " + c.world.mms.get(mm).name() + ":" + vpage
                + " goes through a TLB entry for " + c.world.pageName(Tlb.pageHandle(e) - 1) + " filled before that frame was freed");
    }

    /**
     * A user access walks to PTE word pte (use_after_free judges it when pte maps a frame): Tlb.STALE
     * for the entry it fills when the PTE reaches a frame freed since it was made, else 0.
     */
    private static int walked(Ctx c, String what, int mm, int vpage, int slot, int pte) {
        if (!c.world.isFrame(Pte.pageHandle(pte) - 1)) return 0;   // a file page is never freed
        boolean freed = Frames.walkReachesFreed(c.s, c.layout, c.world, slot, pte);
        int page = Pte.pageHandle(pte) - 1;
        c.frameAccess(!freed ? null : "cpu" + c.cpu + "'s " + what + " to " + c.world.mms.get(mm).name() + ":" + vpage + " walks to "
                + c.world.pageName(page) + ", which " + (Frames.isFree(c.s, c.layout, c.world, page) ? "is free" : "was freed (and taken again) since the PTE mapped it"));
        return freed ? Tlb.STALE : 0;
    }

    private static int read(Ctx c, int page, int block) {
        if (c.world.isFrame(page)) return c.s[Frames.word(c.layout, c.world, page, block)];
        return c.s[c.layout.dataBase + c.world.pages.get(page).firstBlock() + block];
    }

    /** A user store to (mm, vpage) lands in page: the data, then the monitors that judge completed stores. */
    private static void write(Ctx c, int mm, int vpage, int page, int block, int value) {
        writeData(c, page, block, value);
        c.userStoreDone(mm, vpage);
    }

    private static void writeData(Ctx c, int page, int block, int value) {
        if (c.world.isFrame(page)) {   // anonymous memory: no file block, nothing data_integrity follows
            c.s[Frames.word(c.layout, c.world, page, block)] = value;
            return;
        }
        World.PageInfo p = c.world.pages.get(page);
        int b = p.firstBlock() + block;
        c.s[c.layout.dataBase + b] = value;
        c.memoryWritten(b, value);
    }
}

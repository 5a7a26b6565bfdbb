package dev.mmcheck.monitor;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.World;

/**
 * no_write_after_mprotect (docs/invariants.md): once an mprotect that takes write permission
 * away from a page, or a munmap of it, has done its work (the __mprotect_done and __munmap_done
 * marks, before the system call drops mmap_sem), no user store to that page completes until an
 * mprotect gives write back. Judged at every completed user store.
 *
 * <p>Ghost: per PTE slot, 1 when the last mprotect to finish over that page left its vma without
 * VM_WRITE. A store is a violation only while the vma's vm_flags still lack VM_WRITE: an
 * mprotect that gives write back makes stores legitimate from the moment it changes vm_flags,
 * before its own mark (a store racing with it is concurrent with the system call).
 */
final class NoWriteAfterMprotect extends Monitor {
    NoWriteAfterMprotect() { super(Invariant.NO_WRITE_AFTER_MPROTECT); }

    @Override public When when() { return When.STEP; }

    @Override public int ghostSize(World w, int nThreads) { return w.nPteSlots(); }

    @Override public void mprotectDone(Ctx c, int mm, int start, int len) {
        World w = c.world;
        for (int v = start; v < start + len; v++) {
            int slot = w.pteSlot(mm, v), vma = w.findVma(mm, v);
            if (slot < 0 || vma < 0) continue;
            c.s[ghost(c.layout) + slot] = writable(c, vma) ? 0 : 1;
        }
    }

    @Override public void userStoreDone(Ctx c, int mm, int vpage) {
        c.judge(invariant);
        World w = c.world;
        int slot = w.pteSlot(mm, vpage), vma = w.findVma(mm, vpage);
        if (slot < 0 || vma < 0 || c.s[ghost(c.layout) + slot] == 0 || writable(c, vma)) return;
        c.violate(invariant, "cpu" + c.cpu + "'s store to " + w.mms.get(mm).name() + ":" + vpage + " completed after an mprotect or munmap took "
                + "write permission away from that page and finished");
    }

    /** vm_flags' field in the layout last seen (-1: topology) and VM_WRITE: looked up once, not at every store. */
    private Layout seen;
    private int vmFlags, vmWrite;

    /** vma's VM_WRITE now: its vm_flags field when vmas change in the scenario, else the map line; none once unmapped. */
    private boolean writable(Ctx c, int vma) {
        Layout l = c.layout;
        if (l != seen) {
            seen = l;
            vmFlags = l.fieldIndex("vm_area_struct", "vm_flags");
            vmWrite = vmFlags < 0 ? 0 : l.constant("VM_WRITE");
        }
        if (l.vmaUnlinked(c.s, vma)) return false;
        if (vmFlags < 0) return c.world.vmas.get(vma).writable();
        return (c.s[l.field(vmFlags, vma, 0)] & vmWrite) != 0;
    }

    @Override public String neverJudged() { return "completed a user store"; }
}

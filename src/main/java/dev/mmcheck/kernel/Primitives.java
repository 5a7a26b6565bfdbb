package dev.mmcheck.kernel;

import dev.mmcheck.machine.Ctx;
import dev.mmcheck.machine.Frames;
import dev.mmcheck.machine.Ipi;
import dev.mmcheck.machine.Mmu;
import dev.mmcheck.machine.Pte;
import dev.mmcheck.machine.PageTables;
import dev.mmcheck.machine.Tlb;
import dev.mmcheck.model.Layout;
import dev.mmcheck.model.Prim;
import dev.mmcheck.model.World;

/**
 * The primitives, over the state vector. Arguments arrive as ints: handles are index + 1
 * (see {@link dev.mmcheck.model.Type}). Each SHARED or BLOCKING call is one step.
 */
public final class Primitives {
    private Primitives() {}

    /** May a BLOCKING primitive proceed in this state? */
    public static boolean canProceed(Prim p, Ctx c, int[] a) {
        int[] s = c.s;
        Layout l = c.layout;
        return switch (p) {
            case SPIN_LOCK -> s[a[0]] == 0;
            case RWSEM_DOWN_FAILED -> dev.mmcheck.machine.Rwsem.holds(s[a[0]], c.thread);   // a release granted it
            case WAIT_ON_BIT, WAIT_ON_BIT_LOCK -> a[1] < 0 || a[1] >= 32 || (s[a[0]] & (1 << a[1])) == 0;   // a bad bit: exec says so
            case WAIT_FLUSH_ACKS -> Ipi.acked(s, l, c.cpu);
            // A flush IPI to take, or no thread left that could send one.
            case WAIT_FLUSH_IPI -> Ipi.pendingSender(s, l, c.cpu) >= 0 && s[l.irqOffBase + c.cpu] == 0 || sendersDone(c);
            default -> true;
        };
    }

    public static int exec(Prim p, Ctx c, int[] a) {
        int[] s = c.s;
        Layout l = c.layout;
        World w = c.world;
        switch (p) {
            // ---- PTE words ----
            case MAKE_PTE: return a[0];
            case PAGE_TO_PFN: return a[0];   // a page's frame number is its handle
            case PFN_TO_PAGE: return a[0] > 0 && a[0] <= w.pages.size() ? a[0] : 0;
            // ---- static topology ----
            case VMA_MM: return w.vmas.get(a[0] - 1).mm() + 1;
            case VMA_FLAGS: {
                World.VmaInfo v = w.vmas.get(a[0] - 1);
                return l.constant("VM_READ") | (v.writable() ? l.constant("VM_WRITE") : 0) | (v.shared() ? l.constant("VM_SHARED") : 0);
            }
            case VMA_FILE: return w.vmas.get(a[0] - 1).file() + 1;
            case VMA_SHARED: return b(w.vmas.get(a[0] - 1).shared());
            case VMA_WRITABLE: return b(w.vmas.get(a[0] - 1).writable());
            case VMA_ADDRESS: {
                World.PageInfo pg = w.pages.get(a[0] - 1);
                World.VmaInfo v = w.vmas.get(a[1] - 1);
                // A frame has no fixed place: an anonymous page's address (page->index) is not kept.
                if (pg.file() < 0 || pg.file() != v.file() || pg.index() >= v.nPages()) return -14;   // -EFAULT, as mm/rmap.c returns
                return v.start() + pg.index();
            }
            case NUM_ONLINE_CPUS: return w.nCpus;
            case ACTIVE_MM: return w.loadedMm(c.cpu) + 1;   // cpu_tlbstate[cpu].active_mm: no context switch changes it here
            case SMP_PROCESSOR_ID: return c.cpu;
            case FIND_VMA: return w.findVma(a[0] - 1, a[1]) + 1;
            case VMA_START: return w.vmas.get(a[0] - 1).start();
            case VMA_END: return w.vmas.get(a[0] - 1).start() + w.vmas.get(a[0] - 1).nPages();
            case PTE_OFFSET_MAP: return w.pteSlot(a[0] - 1, a[1]) + 1;   // -1 + 1: NULL outside the page table
            case MM_NR_VMAS: return w.mms.get(a[0] - 1).vmas().length;
            case MM_VMA: return a[1] < 0 || a[1] >= w.mms.get(a[0] - 1).vmas().length ? 0 : w.mms.get(a[0] - 1).vmas()[a[1]] + 1;
            case FILE_NR_VMAS: return fileVma(w, a[0] - 1, -1);
            case FILE_VMA: return a[1] < 0 ? 0 : fileVma(w, a[0] - 1, a[1]) + 1;
            case NR_FILES: return w.files.size();
            case FILE_AT: return a[0] < 0 || a[0] >= w.files.size() ? 0 : a[0] + 1;
            case FILE_NR_PAGES: return w.files.get(a[0] - 1).nPages();
            case FIND_GET_PAGE: {
                World.FileInfo f = w.files.get(a[0] - 1);
                return a[1] < 0 || a[1] >= f.nPages() ? 0 : f.firstPage() + a[1] + 1;
            }
            case PAGE_MAPPING: return w.pages.get(a[0] - 1).file() + 1;   // a frame's: NULL (page_mapping() of an anonymous page)
            case PAGE_ANON: return b(w.isFrame(a[0] - 1) && a[0] - 1 != w.zeroPage());
            case ZERO_PAGE: return w.zeroPage() + 1;
            case FSYNC_START: c.fsyncStarts(a[0] - 1); return 0;
            case FSYNC_RETURN: c.fsyncReturns(a[0] - 1); return 0;
            // ---- page frames ----
            case ALLOC_FRAME: return Frames.alloc(s, l, w) + 1;   // -1 + 1: NULL when none is free
            case FREE_FRAME: Frames.free(c, a[0] - 1); return 0;
            case CLEAR_HIGHPAGE: {
                if (!frameOk(c, a[0] - 1, "clear_highpage")) return 0;
                Frames.clear(s, l, w, a[0] - 1);
                return 0;
            }
            case DMA_WRITE: {
                int page = a[0] - 1;
                if (!w.isFrame(page)) {
                    c.modelGap("__dma_write into " + w.pageName(page) + ": DMA into a page-cache page is not modelled yet (anonymous memory only)");
                    return 0;
                }
                if (a[1] < 0 || a[1] >= w.frameWords) { c.bug("__dma_write: a page frame holds words 0.." + (w.frameWords - 1)); return 0; }
                // Into the zero page too: a device writes whatever page it was handed (a kernel
                // that hands it the zero page corrupts every untouched anonymous page).
                Frames.throughPointer(c, page, "a DMA write");
                s[Frames.word(l, w, page, a[1])] = a[2];
                return 0;
            }
            case COPY_USER_HIGHPAGE: {
                if (!frameOk(c, a[0] - 1, "copy_user_highpage")) return 0;
                Frames.throughPointer(c, a[1] - 1, "copy_user_highpage's read");
                Frames.copy(s, l, w, a[0] - 1, a[1] - 1);
                return 0;
            }
            case PAGE_INDEX: return w.pages.get(a[0] - 1).index();
            case FILE_EXT3_ORDERED: return b(w.files.get(a[0] - 1).ext3Ordered());
            case PAGE_NR_BUFFERS: return w.pages.get(a[0] - 1).nBuffers();
            case PAGE_BUFFER: {
                World.PageInfo pg = w.pages.get(a[0] - 1);
                return a[1] < 0 || a[1] >= pg.nBuffers() ? 0 : pg.firstBlock() + a[1] + 1;
            }
            // ---- PTE slots ----
            case PTE_READ: {
                int slot = a[0] - 1;
                if (!tableThere(c, slot, "*ptep")) return 0;
                c.kernelReadPte(slot);
                return s[l.pteBase + slot];
            }
            case PTEP_GET_AND_CLEAR: {
                int slot = a[2] - 1;
                if (!tableThere(c, slot, "ptep_get_and_clear")) return 0;
                if (!ptepOf(c, a[0] - 1, a[1], slot, "ptep_get_and_clear")) return 0;
                int old = s[l.pteBase + slot];
                c.kernelReadPte(slot);
                s[l.pteBase + slot] = 0;
                c.kernelWrotePte(slot, old, 0);
                return old;
            }
            case PTEP_XCHG: {
                int slot = a[0] - 1;
                if (!tableThere(c, slot, "ptep_xchg")) return 0;
                int old = s[l.pteBase + slot];
                c.kernelReadPte(slot);
                s[l.pteBase + slot] = a[1];
                c.kernelWrotePte(slot, old, a[1]);
                return old;
            }
            case SET_PTE_AT: {
                int slot = a[2] - 1, pte = a[3];
                if (!tableThere(c, slot, "set_pte_at")) return 0;
                if (!ptepOf(c, a[0] - 1, a[1], slot, "set_pte_at")) return 0;
                int old = s[l.pteBase + slot];
                c.kernelSetsPte(slot, old, pte);
                s[l.pteBase + slot] = pte;
                c.kernelWrotePte(slot, old, pte);
                return 0;
            }
            // ---- TLB, interrupts ----
            case LOCAL_FLUSH_TLB_PAGE:
                if (!flushAddressOk(c, a[0] - 1, a[1], "local_flush_tlb_page")) return 0;
                Tlb.flush(s, l.tlb(c.cpu, 0), l.tlbSize, a[0] - 1, a[1]);
                PageTables.flushPsc(s, l, c.cpu, a[0] - 1);   // INVLPG empties the paging-structure caches too
                return 0;
            case LOCAL_FLUSH_TLB_MM:
                Tlb.flush(s, l.tlb(c.cpu, 0), l.tlbSize, a[0] - 1, -1);
                PageTables.flushPsc(s, l, c.cpu, a[0] - 1);   // a CR3 load
                return 0;
            // ---- page tables in frames (World.nTableFrames > 0) ----
            case PMD_READ: return s[l.pmdBase + a[0] - 1];
            case PMD_CLEAR: s[l.pmdBase + a[0] - 1] = 0; return 0;
            case PMD_POPULATE: {
                int mm = a[0] - 1, frame = a[1] - 1;
                int owner = s[l.tableFrameBase + frame];
                String why = s[l.pmdBase + mm] != 0 ? w.mms.get(mm).name() + "'s pmd is not none (the page it holds would leak)"
                        : owner == PageTables.FREE ? World.tableName(frame) + " is free"
                        : owner != PageTables.UNOWNED ? World.tableName(frame) + " is already " + w.mms.get(owner - 1).name()
                                + "'s page table (one page-table page per mm here)" : null;
                if (why != null) { c.bug("pmd_populate(" + w.mms.get(mm).name() + ", " + World.tableName(frame) + "): " + why); return 0; }
                // pte_alloc_one gives a cleared page: the mm's PTEs start none.
                for (int slot = 0; slot < w.nPteSlots(); slot++) if (w.slotMm(slot) == mm) s[l.pteBase + slot] = 0;
                s[l.pmdBase + mm] = a[1];
                s[l.tableFrameBase + frame] = mm + 1;
                return 0;
            }
            case PTE_ALLOC_ONE: return PageTables.alloc(s, l, w) + 1;   // -1 + 1: NULL when none is free
            case PTE_FREE: {
                int frame = a[0] - 1;
                int owner = s[l.tableFrameBase + frame];
                if (owner == PageTables.FREE) { c.bug("pte_free of " + World.tableName(frame) + ", which is already free"); return 0; }
                s[l.tableFrameBase + frame] = PageTables.FREE;
                String reached = PageTables.reachedBy(s, l, w, frame);
                if (reached == null && owner > 0 && c.model.arch() == dev.mmcheck.model.Arch.BLIND_DIRTY)
                    reached = PageTables.reachedByBlindTlb(s, l, w, owner - 1);
                c.tableFreed(frame, reached);
                PageTables.markStale(s, l, frame);
                return 0;
            }
            case FLUSH_TLB_OTHERS:
                if (!flushAddressOk(c, a[0] - 1, a[1], "flush_tlb_others")) return 0;
                Ipi.sendFlush(c, a[0] - 1, a[1]);
                c.flushSent(a[0] - 1, a[1]);
                return 0;
            case WAIT_FLUSH_ACKS:
                c.flushesAcked();   // every flush this thread sent is done
                return 0;
            case WAIT_FLUSH_IPI: return Ipi.pendingSender(s, l, c.cpu) >= 0 && s[l.irqOffBase + c.cpu] == 0 ? 1 : 0;
            case FLUSH_IPI_SENDER: return Ipi.pendingSender(s, l, c.cpu);
            case FLUSH_IPI_MM: {
                int req = a[0] < 0 || a[0] >= l.nCpus ? 0 : s[l.ipi(a[0], c.cpu)];
                if (req == 0) { c.bug("flush_ipi_mm: no flush IPI from cpu" + a[0] + " is pending"); return 0; }
                return req == Ipi.FLUSH_EVERYTHING ? w.loadedMm(c.cpu) + 1 : Ipi.requestMm(req) + 1;
            }
            case ACK_FLUSH_IPI:
                if (a[0] < 0 || a[0] >= l.nCpus || s[l.ipi(a[0], c.cpu)] == 0) { c.bug("ack_flush_ipi: no flush IPI from cpu" + a[0] + " is pending"); return 0; }
                s[l.ipi(a[0], c.cpu)] = 0;   // clear_bit(cpu, &flush_cpumask): the sender may go on
                return 0;
            case LOAD_CR3_SWAPPER:
                if (w.nTableFrames > 0) s[l.cr3Base + c.cpu] = 0;
                Tlb.flush(s, l.tlb(c.cpu, 0), l.tlbSize, -1, -1);   // a CR3 load: every (non-global) entry
                PageTables.flushPsc(s, l, c.cpu, -1);
                return 0;
            case LOCAL_IRQ_DISABLE: s[l.irqOffBase + c.cpu] = 1; return 0;
            case LOCAL_IRQ_ENABLE: s[l.irqOffBase + c.cpu] = 0; return 0;
            // ---- kernel structures' fields (a[0] is a field's index in the state vector) ----
            case FIELD_ADDR: {
                int f = a[1], inst = a[0] - 1, len = l.fields[f].length();
                if (inst >= l.fields[f].instances().count(w)) {   // cannot be built by the language; a guard, not a path
                    c.bug("a pointer to " + l.fields[f].struct() + " #" + a[0] + ", which does not exist");
                    return 0;
                }
                if (a[2] < 0 || a[2] >= len) {
                    c.bug("index " + a[2] + " out of range of " + l.fields[f].name() + "[" + len + "]");
                    return 0;
                }
                return l.field(f, inst, a[2]);
            }
            case FIELD_LOAD: return s[a[0]];
            case FIELD_STORE: s[a[0]] = a[1]; return 0;
            case TEST_BIT: return bit(c, a[0]) ? test(s, a[1], 1 << a[0]) : 0;
            case SET_BIT: if (bit(c, a[0])) s[a[1]] |= 1 << a[0]; return 0;
            case CLEAR_BIT: if (bit(c, a[0])) s[a[1]] &= ~(1 << a[0]); return 0;
            case TEST_AND_SET_BIT: return bit(c, a[0]) ? testSet(s, a[1], 1 << a[0]) : 0;
            case TEST_AND_CLEAR_BIT: return bit(c, a[0]) ? testClear(s, a[1], 1 << a[0]) : 0;
            case ATOMIC_READ: return s[a[0]];
            case ATOMIC_SET: s[a[0]] = a[1]; return 0;
            case ATOMIC_INC: s[a[0]]++; return 0;
            case ATOMIC_DEC: s[a[0]]--; return 0;
            case ATOMIC_INC_AND_TEST: return b(++s[a[0]] == 0);
            case ATOMIC_DEC_AND_TEST: return b(--s[a[0]] == 0);
            case ATOMIC_ADD_NEGATIVE: return b((s[a[1]] += a[0]) < 0);
            case WAIT_ON_BIT: bit(c, a[1]); return 0;   // it may run: the bit is clear
            case WAIT_ON_BIT_LOCK: if (bit(c, a[1])) s[a[0]] |= 1 << a[1]; return 0;
            case SPIN_LOCK: s[a[0]] = c.thread + 1; return 0;
            case SPIN_UNLOCK: {
                if (s[a[0]] != c.thread + 1)
                    c.bug(c.threadName() + " unlocked " + l.fieldName(a[0]) + ", which it does not hold");
                s[a[0]] = 0;
                return 0;
            }
            case DOWN_READ, DOWN_WRITE: {
                // A holder taking it again: 2.6.19 would put it to sleep behind itself or a
                // waiting writer (lockdep's complaint); the holders' word has one bit per thread.
                boolean write = p == Prim.DOWN_WRITE;
                if (dev.mmcheck.machine.Rwsem.holds(s[a[0]], c.thread)) {
                    c.bug(c.threadName() + " takes " + l.fieldName(a[0]) + " for " + (write ? "write" : "read") + " while it holds it");
                    return 0;
                }
                int sleeps = dev.mmcheck.machine.Rwsem.down(s, a[0], c.thread, write);
                if (sleeps < 0) c.modelGap("more than " + dev.mmcheck.machine.Rwsem.MAX_WAITERS + " threads sleep on " + l.fieldName(a[0]));
                else if (sleeps > 0) c.note("sleeps on it");
                return sleeps;
            }
            case RWSEM_DOWN_FAILED: c.note("woken: the semaphore is its own"); return 0;   // the release that woke it granted it
            case UP_READ, UP_WRITE: {
                boolean write = p == Prim.UP_WRITE;
                if (!dev.mmcheck.machine.Rwsem.holdsFor(s[a[0]], c.thread, write)) {
                    c.bug(c.threadName() + " released " + l.fieldName(a[0]) + " for " + (write ? "write" : "read")
                            + ", which it does not hold " + (write ? "for write" : "for read"));
                    return 0;
                }
                int woken = dev.mmcheck.machine.Rwsem.up(s, a[0], c.thread, write);
                for (int t = 0; t < w.threads.size(); t++)
                    if ((woken & 1 << t) != 0) c.note("wakes " + w.threads.get(t).name() + " and hands it the semaphore");
                return 0;
            }
            case FORCE_SIG:
                if (holdsALock(c)) return 0;
                c.kill("signal " + a[0] + (a[0] == l.constantOr("SIGSEGV", -1) ? " (SIGSEGV)" : "")
                    + ": its default action kills the thread"); return 0;
            case MPROTECT_DONE, MUNMAP_DONE: c.mprotectDone(a[0] - 1, a[1], a[2]); return 0;
            case FIND_VMA_LIVE: {
                int v = w.findVma(a[0] - 1, a[1]);
                return v < 0 || l.vmaUnlinked(s, v) ? 0 : v + 1;
            }
            case VMA_UNLINK: {
                int v = a[1] - 1;
                if (w.vmas.get(v).mm() != a[0] - 1 || l.vmaUnlinked(s, v)) { c.bug(dev.mmcheck.model.Instances.VMA.name(w, v) + " is not on " + w.mms.get(a[0] - 1).name() + "'s vma list"); return 0; }
                s[l.vmaUnlinkedBase + v] = 1;
                return 0;
            }
            // ---- the disk ----
            case SUBMIT_BH: {
                int blk = a[1] - 1;
                if (a[0] == 1) {
                    c.blockWritten(blk);
                    s[l.diskBase + blk] = s[l.dataBase + blk];
                } else s[l.dataBase + blk] = s[l.diskBase + blk];
                return 0;
            }
            // ---- observers (forall conditions) ----
            case DISK, MEMORY: {
                World.PageInfo pg = w.pages.get(a[0] - 1);
                if (p == Prim.MEMORY && w.isFrame(a[0] - 1) && a[1] >= 0 && a[1] < w.frameWords)
                    return s[Frames.word(l, w, a[0] - 1, a[1])];
                if (a[1] < 0 || a[1] >= pg.nBuffers()) { c.bug(w.pageName(a[0] - 1) + " has no block " + a[1]); return 0; }
                return s[(p == Prim.DISK ? l.diskBase : l.dataBase) + pg.firstBlock() + a[1]];
            }
            // ---- user memory ----
            case HW_STORE: return userAddressOk(c, a[0] - 1, a[1], a[2]) ? Mmu.store(c, a[0] - 1, a[1], a[2], a[3]) : Mmu.OK;
            case HW_LOAD: return userAddressOk(c, a[0] - 1, a[1], a[2]) ? Mmu.load(c, a[0] - 1, a[1], a[2]) : Mmu.OK;
            default: throw new IllegalStateException("primitive without implementation: " + p);
        }
    }

    /**
     * A thread that dies holding a lock: a kernel bug (a signal takes effect on the way back to
     * user mode, after the kernel has released what it took), and one the others would wait on forever.
     */
    private static boolean holdsALock(Ctx c) {
        Layout l = c.layout;
        for (int f = 0; f < l.fields.length; f++) {
            dev.mmcheck.model.Field fd = l.fields[f];
            if (!fd.isLock()) continue;
            int n = fd.instances().count(c.world) * fd.length();
            for (int k = 0; k < n; k += fd.kind() == dev.mmcheck.model.Field.Kind.RWSEM ? 2 : 1) {
                int i = l.fieldBase[f] + k, v = c.s[i];
                boolean held = fd.kind() == dev.mmcheck.model.Field.Kind.RWSEM ? (v & 1 << c.thread) != 0 : v == c.thread + 1;
                if (held) { c.bug(c.threadName() + " is killed by a signal while it holds " + l.fieldName(i)); return true; }
            }
        }
        return false;
    }

    /**
     * A user access must name a virtual page of the mm's page table and a block of a page. One
     * that does not is the program's segfault, which the model reports as a bug (and lets the
     * access end) rather than reading past the PTEs. (A `store` statement is checked when it is
     * compiled; this guards __hw_store and __hw_load called by hand.)
     */
    private static boolean userAddressOk(Ctx c, int mm, int vpage, int block) {
        World w = c.world;
        int own = w.threads.get(c.thread).mm();
        if (mm != own) {
            c.bug(c.threadName() + ": user access to " + w.mms.get(mm).name() + ", but it runs in "
                    + (own < 0 ? "no address space" : w.mms.get(own).name()) + ": its CPU caches translations for its own mm only");
            return false;
        }
        int slot = w.pteSlot(mm, vpage);
        int vma = slot < 0 ? -1 : w.findVma(mm, vpage);
        int buffers = vma < 0 ? 0 : w.vmas.get(vma).isAnon() ? w.frameWords : w.files.get(w.vmas.get(vma).file()).nBuffers();
        if (slot >= 0 && block >= 0 && block < buffers) return true;
        c.bug(c.threadName() + ": user access to " + (slot < 0 || vma < 0 ? "virtual page " + vpage
                + ", which " + w.mms.get(mm).name() + " does not map" : "block " + block + " of a page with " + buffers + " blocks"));
        return false;
    }

    /**
     * A flush names a virtual page of the mm's page table, or TLB_FLUSH_ALL (-1). Anything else
     * (-EFAULT passed on unchecked, a wild address) is a kernel bug: it must not quietly flush
     * the whole mm, or another page.
     */
    private static boolean flushAddressOk(Ctx c, int mm, int addr, String what) {
        if (addr == -1 || c.world.pteSlot(mm, addr) >= 0) return true;
        c.bug(what + ": address " + addr + " is neither a page of " + c.world.mms.get(mm).name() + " nor TLB_FLUSH_ALL");
        return false;
    }

    /** The kernel writes data only into a frame it was handed and has not freed (the zero page stays zero). */
    private static boolean frameOk(Ctx c, int page, String what) {
        World w = c.world;
        if (w.isFrame(page) && page != w.zeroPage() && !Frames.isFree(c.s, c.layout, w, page)) return true;
        c.bug(what + " into " + w.pageName(page) + ", which is " + (!w.isFrame(page) ? "a page of the page cache"
                : page == w.zeroPage() ? "the zero page" : "free"));
        return false;
    }

    /** A PTE write names (mm, addr, ptep) as the kernel does; a ptep that is not mm's PTE at addr is a kernel bug. */
    private static boolean ptepOf(Ctx c, int mm, int addr, int slot, String what) {
        if (c.world.pteSlot(mm, addr) == slot) return true;
        c.bug(what + ": ptep is PTE " + c.world.pteName(slot) + ", not the PTE of " + c.world.mms.get(mm).name() + " at " + addr);
        return false;
    }

    /** The i-th vma (in the file's i_mmap list) mapping file, or their count when i < 0. */
    private static int fileVma(World w, int file, int i) {
        int n = 0;
        for (int v = 0; v < w.vmas.size(); v++) {
            if (w.vmas.get(v).file() != file) continue;
            if (n == i) return v;
            n++;
        }
        return i < 0 ? n : -1;
    }

    /** A bit number names a bit of a word: 0..31 (the kernel's bitops take any, but the model's words are 32-bit). */
    private static boolean bit(Ctx c, int nr) {
        if (nr >= 0 && nr < 32) return true;
        c.bug("bit number " + nr + " is outside a 32-bit word");
        return false;
    }

    private static int b(boolean v) { return v ? 1 : 0; }
    private static int test(int[] s, int i, int bit) { return (s[i] & bit) != 0 ? 1 : 0; }

    private static int testSet(int[] s, int i, int bit) {
        int old = test(s, i, bit);
        s[i] |= bit;
        return old;
    }

    private static int testClear(int[] s, int i, int bit) {
        int old = test(s, i, bit);
        s[i] &= ~bit;
        return old;
    }

    /**
     * With page tables in frames, a PTE accessor on an mm whose pmd is none touches a page
     * that is not there: a kernel bug (the thread stops), never a quiet write.
     */
    private static boolean tableThere(Ctx c, int slot, String what) {
        if (c.world.nTableFrames == 0) return true;   // static page tables: every PTE op of every scenario without them
        int mm = c.world.slotMm(slot);
        if (PageTables.hasTable(c.s, c.layout, c.world, mm)) return true;
        c.bug(what + " on PTE " + c.world.pteName(slot) + ", but " + c.world.mms.get(mm).name() + "'s pmd is none: its page table is gone");
        return false;
    }

    /**
     * Every thread that could still send a flush IPI has finished, the after block included (a
     * lazy CPU's kernel thread sends none: its body is lazy_kernel_thread()).
     */
    private static boolean sendersDone(Ctx c) {
        var ts = c.model.threads();
        for (int t = 0; t < ts.size(); t++)
            if (c.world.threads.get(t).lazyMm() < 0 && c.s[c.layout.pc(t)] >= 0) return false;
        return true;
    }
}

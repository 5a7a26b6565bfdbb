package dev.mmcheck.model;

import static dev.mmcheck.model.Type.*;

/**
 * The primitives routines call: the kernel's own names for what is one hardware or memory
 * operation. What the kernel implements as code (flush_tlb_page, set_page_dirty, PageDirty,
 * lock_page...) is in lib/, over the fields of the structures the library declares.
 * PURE ones read only the static topology or their arguments and fold into the neighbouring
 * step; SHARED ones are one step each; BLOCKING ones are a step that waits until it can proceed.
 */
public enum Prim {
    // PTE words: the kernel's helpers over them (pte_mkclean, pte_dirty, mk_pte...) are library
    // code (lib/linux/include/asm-i386/pgtable.mmt) over a pte_t's .pte_low; these convert.
    MAKE_PTE("__pte", Kind.PURE, PTE, INT),
    PAGE_TO_PFN("page_to_pfn", Kind.PURE, INT, PAGE),
    PFN_TO_PAGE("pfn_to_page", Kind.PURE, PAGE, INT),
    // address spaces (static topology)
    VMA_MM("vma_mm", Kind.PURE, MM, VMA),
    // vma->vm_flags: VM_READ, VM_WRITE and VM_SHARED (the library's constants) of the scenario's map line
    VMA_FLAGS("vma_flags", Kind.PURE, INT, VMA),
    VMA_FILE("vma_file", Kind.PURE, FILE, VMA),
    VMA_SHARED("vma_shared", Kind.PURE, BOOL, VMA),
    VMA_WRITABLE("vma_writable", Kind.PURE, BOOL, VMA),
    VMA_ADDRESS("vma_address", Kind.PURE, INT, PAGE, VMA),
    FIND_VMA("find_vma", Kind.PURE, VMA, MM, INT),
    // find_vma where code unlinks vmas (munmap): the vma list is state, read in one step. The
    // compiler emits it for find_vma in such a scenario; no routine calls it by this name.
    FIND_VMA_LIVE("->find_vma", Kind.SHARED, VMA, MM, INT),
    // mm/mmap.c's __vma_unlink(): the vma leaves its mm's list and rbtree (find_vma no longer
    // finds it; the kernel's third argument, prev, is the machine's own business).
    VMA_UNLINK("__vma_unlink", Kind.SHARED, VOID, MM, VMA),
    // vma->vm_start, vma->vm_end (topology fields): virtual page numbers, the end exclusive
    VMA_START("vma_start", Kind.PURE, INT, VMA),
    VMA_END("vma_end", Kind.PURE, INT, VMA),
    PTE_OFFSET_MAP("pte_offset_map", Kind.PURE, PTEP, MM, INT),
    MM_NR_VMAS("mm_nr_vmas", Kind.PURE, INT, MM),
    MM_VMA("mm_vma", Kind.PURE, VMA, MM, INT),
    FILE_NR_VMAS("file_nr_vmas", Kind.PURE, INT, FILE),
    FILE_VMA("file_vma", Kind.PURE, VMA, FILE, INT),
    NR_FILES("nr_files", Kind.PURE, INT),
    FILE_AT("file_at", Kind.PURE, FILE, INT),
    FILE_NR_PAGES("file_nr_pages", Kind.PURE, INT, FILE),
    FIND_GET_PAGE("find_get_page", Kind.PURE, PAGE, FILE, INT),
    PAGE_MAPPING("page_mapping", Kind.PURE, FILE, PAGE),
    PAGE_INDEX("page_index", Kind.PURE, INT, PAGE),
    FILE_EXT3_ORDERED("file_ext3_ordered", Kind.PURE, BOOL, FILE),
    PAGE_NR_BUFFERS("page_nr_buffers", Kind.PURE, INT, PAGE),
    PAGE_BUFFER("page_buffer", Kind.PURE, BH, PAGE, INT),
    // Page frames (a scenario's `frames N`, machine/Frames.java): the page allocator's free list,
    // and the data copies the kernel makes. Every frame the pool hands out is an anonymous page
    // (the page cache allocates none yet), so PageAnon is whether the page is one of the pool's.
    ALLOC_FRAME("__alloc_frame", Kind.SHARED, PAGE),
    FREE_FRAME("__free_frame", Kind.SHARED, VOID, PAGE),
    CLEAR_HIGHPAGE("clear_highpage", Kind.SHARED, VOID, PAGE),
    COPY_USER_HIGHPAGE("copy_user_highpage", Kind.SHARED, VOID, PAGE, PAGE, INT),
    PAGE_ANON("PageAnon", Kind.PURE, BOOL, PAGE),
    // A device writes a word of a page by DMA (direct I/O into a pinned user page): no PTE,
    // no TLB; the kernel handed the device the page, and only a reference keeps it the page.
    DMA_WRITE("__dma_write", Kind.SHARED, VOID, PAGE, INT, INT),
    ZERO_PAGE("ZERO_PAGE", Kind.PURE, PAGE, INT),
    // Where fsync(2) begins and returns, for fsync_durability: no kernel state (a step each, so
    // that the monitor sees the state at that moment; nothing when the invariant is not checked).
    FSYNC_START("__fsync_start", Kind.SHARED, VOID, FILE),
    FSYNC_RETURN("__fsync_return", Kind.SHARED, VOID, FILE),
    // PTE slots
    PTE_READ("*ptep", Kind.SHARED, PTE, PTEP),
    // The kernel's arities: (mm, addr, ptep[, pte]); ptep must be the PTE of mm at addr.
    PTEP_GET_AND_CLEAR("ptep_get_and_clear", Kind.SHARED, PTE, MM, INT, PTEP),
    SET_PTE_AT("set_pte_at", Kind.SHARED, VOID, MM, INT, PTEP, PTE),
    PTEP_XCHG("ptep_xchg", Kind.SHARED, PTE, PTEP, PTE),
    // TLB and interrupts
    LOCAL_FLUSH_TLB_PAGE("local_flush_tlb_page", Kind.SHARED, VOID, MM, INT),
    LOCAL_FLUSH_TLB_MM("local_flush_tlb_mm", Kind.SHARED, VOID, MM),
    FLUSH_TLB_OTHERS("flush_tlb_others", Kind.SHARED, VOID, MM, INT),
    WAIT_FLUSH_ACKS("wait_flush_acks", Kind.BLOCKING, VOID),
    // Page tables in frames: an mm's upper-level entry (its pmd) and the page-table pages.
    PMD_READ("pmd_read", Kind.SHARED, PGTABLE, MM),
    PMD_CLEAR("pmd_clear", Kind.SHARED, VOID, MM),
    PMD_POPULATE("pmd_populate", Kind.SHARED, VOID, MM, PGTABLE),
    PTE_ALLOC_ONE("pte_alloc_one", Kind.SHARED, PGTABLE),
    PTE_FREE("pte_free", Kind.SHARED, VOID, PGTABLE),
    NUM_ONLINE_CPUS("num_online_cpus", Kind.PURE, INT),
    // Lazy TLB: a CPU whose kernel thread borrowed an mm takes its flush IPIs in library code.
    WAIT_FLUSH_IPI("wait_flush_ipi", Kind.BLOCKING, BOOL),
    FLUSH_IPI_SENDER("flush_ipi_sender", Kind.SHARED, INT),
    FLUSH_IPI_MM("flush_ipi_mm", Kind.SHARED, MM, INT),
    ACK_FLUSH_IPI("ack_flush_ipi", Kind.SHARED, VOID, INT),
    ACTIVE_MM("active_mm", Kind.PURE, MM),
    SMP_PROCESSOR_ID("smp_processor_id", Kind.PURE, INT),
    LOAD_CR3_SWAPPER("load_cr3_swapper_pg_dir", Kind.SHARED, VOID),
    LOCAL_IRQ_DISABLE("local_irq_disable", Kind.SHARED, VOID),
    LOCAL_IRQ_ENABLE("local_irq_enable", Kind.SHARED, VOID),
    // Kernel structures' fields (declared in the library): p->f is FIELD_ADDR then FIELD_LOAD.
    // Their names are not identifiers: the compiler emits them for '->', no routine calls them.
    FIELD_ADDR("->", Kind.PURE, ADDR, STRUCT, INT, INT),
    FIELD_LOAD("->load", Kind.SHARED, INT, ADDR),
    FIELD_STORE("->store", Kind.SHARED, VOID, ADDR, INT),
    // include/asm-i386/bitops.h: atomic bit operations on a word (nr, addr), one step each
    TEST_BIT("test_bit", Kind.SHARED, BOOL, INT, ADDR),
    SET_BIT("set_bit", Kind.SHARED, VOID, INT, ADDR),
    CLEAR_BIT("clear_bit", Kind.SHARED, VOID, INT, ADDR),
    TEST_AND_SET_BIT("test_and_set_bit", Kind.SHARED, BOOL, INT, ADDR),
    TEST_AND_CLEAR_BIT("test_and_clear_bit", Kind.SHARED, BOOL, INT, ADDR),
    // include/asm-i386/atomic.h
    ATOMIC_READ("atomic_read", Kind.SHARED, INT, ADDR),
    ATOMIC_SET("atomic_set", Kind.SHARED, VOID, ADDR, INT),
    ATOMIC_INC("atomic_inc", Kind.SHARED, VOID, ADDR),
    ATOMIC_DEC("atomic_dec", Kind.SHARED, VOID, ADDR),
    ATOMIC_INC_AND_TEST("atomic_inc_and_test", Kind.SHARED, BOOL, ADDR),
    ATOMIC_DEC_AND_TEST("atomic_dec_and_test", Kind.SHARED, BOOL, ADDR),
    ATOMIC_ADD_NEGATIVE("atomic_add_negative", Kind.SHARED, BOOL, INT, ADDR),
    // The one way to sleep: wait until the bit is clear (and, for _lock, set it in the same
    // step). kernel/wait.c's __wait_on_bit and __wait_on_bit_lock, without the wait queue:
    // a sleeper is simply not runnable until the bit clears.
    WAIT_ON_BIT("wait_on_bit", Kind.BLOCKING, VOID, ADDR, INT),
    WAIT_ON_BIT_LOCK("wait_on_bit_lock", Kind.BLOCKING, VOID, ADDR, INT),
    // spinlocks: the lock word holds its holder (thread + 1), so an unlock by another is a BUG
    SPIN_LOCK("spin_lock", Kind.BLOCKING, VOID, LOCK),
    SPIN_UNLOCK("spin_unlock", Kind.SHARED, VOID, LOCK),
    // reader/writer semaphores (machine/Rwsem.java: the holders and a FIFO of sleepers, as
    // 2.6.19's); up_* by a non-holder is a BUG. down_* takes it or queues the thread (-> 1: it
    // sleeps), and the compiler follows it with rwsem_down_failed, which waits until a release
    // has granted it. Steps only when some concurrent thread takes one for write (CodeGen:
    // compiled to nothing otherwise, where they could order nothing). BLOCKING, so that nothing
    // takes one inside atomic { }.
    DOWN_READ("down_read", Kind.BLOCKING, INT, LOCK),
    UP_READ("up_read", Kind.SHARED, VOID, LOCK),
    DOWN_WRITE("down_write", Kind.BLOCKING, INT, LOCK),
    UP_WRITE("up_write", Kind.SHARED, VOID, LOCK),
    RWSEM_DOWN_FAILED("rwsem_down_failed", Kind.BLOCKING, VOID, LOCK),
    // A signal whose default action kills the thread (do_page_fault's SIGSEGV): the thread ends here.
    FORCE_SIG("force_sig", Kind.SHARED, VOID, INT),
    // Where sys_mprotect's change of [start, start+len) is complete (mmap_sem still held for
    // write), for no_write_after_mprotect: no kernel state.
    MPROTECT_DONE("__mprotect_done", Kind.SHARED, VOID, MM, INT, INT),
    // The same for do_munmap's removal of [start, start+len): its pages are writable no more.
    MUNMAP_DONE("__munmap_done", Kind.SHARED, VOID, MM, INT, INT),
    // the disk: submit_bh(rw, bh) moves a block between memory and disk (completion is at once)
    SUBMIT_BH("submit_bh", Kind.SHARED, VOID, INT, BH),
    // what a forall condition may read besides kernel state: a block of the disk, of memory
    DISK("disk", Kind.SHARED, INT, PAGE, INT),
    MEMORY("memory", Kind.SHARED, INT, PAGE, INT),
    // user memory, through the MMU
    HW_STORE("__hw_store", Kind.SHARED, INT, MM, INT, INT, INT),
    HW_LOAD("__hw_load", Kind.SHARED, INT, MM, INT, INT);

    public enum Kind { PURE, SHARED, BLOCKING }

    public final String cname;
    public final Kind kind;
    public final Type ret;
    public final Type[] params;

    Prim(String cname, Kind kind, Type ret, Type... params) {
        this.cname = cname;
        this.kind = kind;
        this.ret = ret;
        this.params = params;
    }

    private static final java.util.Map<String, Prim> BY_NAME = new java.util.HashMap<>();
    static { for (Prim p : values()) BY_NAME.put(p.cname, p); }

    public static Prim byName(String name) { return BY_NAME.get(name); }
}

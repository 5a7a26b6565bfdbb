package dev.mmcheck.model;

import static dev.mmcheck.model.Type.*;

/**
 * The primitives routines call: the kernel's own names for what is one hardware or memory
 * operation. What the kernel implements as code (flush_tlb_page, set_page_dirty...) is in lib/.
 * PURE ones read only the static topology or their arguments and fold into the neighbouring
 * step; SHARED ones are one step each; BLOCKING ones are a step that waits until it can proceed.
 */
public enum Prim {
    // PTE values
    PTE_PRESENT("pte_present", Kind.PURE, BOOL, PTE),
    PTE_NONE("pte_none", Kind.PURE, BOOL, PTE),
    PTE_WRITE("pte_write", Kind.PURE, BOOL, PTE),
    PTE_DIRTY("pte_dirty", Kind.PURE, BOOL, PTE),
    PTE_YOUNG("pte_young", Kind.PURE, BOOL, PTE),
    PTE_MKCLEAN("pte_mkclean", Kind.PURE, PTE, PTE),
    PTE_MKDIRTY("pte_mkdirty", Kind.PURE, PTE, PTE),
    PTE_WRPROTECT("pte_wrprotect", Kind.PURE, PTE, PTE),
    PTE_MKWRITE("pte_mkwrite", Kind.PURE, PTE, PTE),
    PTE_MKYOUNG("pte_mkyoung", Kind.PURE, PTE, PTE),
    PTE_MKOLD("pte_mkold", Kind.PURE, PTE, PTE),
    PTE_SAME("pte_same", Kind.PURE, BOOL, PTE, PTE),
    PTE_PAGE("pte_page", Kind.PURE, PAGE, PTE),
    MK_PTE("mk_pte", Kind.PURE, PTE, PAGE, VMA),
    MAYBE_MKWRITE("maybe_mkwrite", Kind.PURE, PTE, PTE, VMA),
    // address spaces (static topology)
    VMA_MM("vma_mm", Kind.PURE, MM, VMA),
    VMA_FILE("vma_file", Kind.PURE, FILE, VMA),
    VMA_SHARED("vma_shared", Kind.PURE, BOOL, VMA),
    VMA_WRITABLE("vma_writable", Kind.PURE, BOOL, VMA),
    VMA_ADDRESS("vma_address", Kind.PURE, INT, PAGE, VMA),
    FIND_VMA("find_vma", Kind.PURE, VMA, MM, INT),
    PTE_OFFSET_MAP("pte_offset_map", Kind.PURE, PTEP, MM, INT),
    PTE_LOCKPTR("pte_lockptr", Kind.PURE, LOCK, PTEP),
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
    I_MMAP_LOCK("i_mmap_lock", Kind.PURE, LOCK, FILE),
    PRIVATE_LOCK("private_lock", Kind.PURE, LOCK, FILE),
    TREE_LOCK("tree_lock", Kind.PURE, LOCK, FILE),
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
    LOCAL_IRQ_DISABLE("local_irq_disable", Kind.SHARED, VOID),
    LOCAL_IRQ_ENABLE("local_irq_enable", Kind.SHARED, VOID),
    // locks
    SPIN_LOCK("spin_lock", Kind.BLOCKING, VOID, LOCK),
    SPIN_UNLOCK("spin_unlock", Kind.SHARED, VOID, LOCK),
    // struct page
    PAGE_DIRTY("PageDirty", Kind.SHARED, BOOL, PAGE),
    SET_PAGE_DIRTY_FLAG("SetPageDirty", Kind.SHARED, VOID, PAGE),
    CLEAR_PAGE_DIRTY_FLAG("ClearPageDirty", Kind.SHARED, VOID, PAGE),
    TEST_SET_PAGE_DIRTY("TestSetPageDirty", Kind.SHARED, BOOL, PAGE),
    TEST_CLEAR_PAGE_DIRTY("TestClearPageDirty", Kind.SHARED, BOOL, PAGE),
    PAGE_UPTODATE("PageUptodate", Kind.SHARED, BOOL, PAGE),
    SET_PAGE_UPTODATE("SetPageUptodate", Kind.SHARED, VOID, PAGE),
    CLEAR_PAGE_UPTODATE("ClearPageUptodate", Kind.SHARED, VOID, PAGE),
    PAGE_WRITEBACK("PageWriteback", Kind.SHARED, BOOL, PAGE),
    TEST_SET_PAGE_WRITEBACK("TestSetPageWriteback", Kind.SHARED, BOOL, PAGE),
    END_PAGE_WRITEBACK("end_page_writeback", Kind.SHARED, VOID, PAGE),
    PAGE_LOCKED("PageLocked", Kind.SHARED, BOOL, PAGE),
    LOCK_PAGE("lock_page", Kind.BLOCKING, VOID, PAGE),
    TEST_SET_PAGE_LOCKED("TestSetPageLocked", Kind.SHARED, BOOL, PAGE),
    UNLOCK_PAGE("unlock_page", Kind.SHARED, VOID, PAGE),
    PAGE_MAPPED("page_mapped", Kind.SHARED, BOOL, PAGE),
    PAGE_ADD_FILE_RMAP("page_add_file_rmap", Kind.SHARED, VOID, PAGE),
    PAGE_REMOVE_RMAP("page_remove_rmap", Kind.SHARED, VOID, PAGE),
    // buffers
    BUFFER_DIRTY("buffer_dirty", Kind.SHARED, BOOL, BH),
    SET_BUFFER_DIRTY("set_buffer_dirty", Kind.SHARED, VOID, BH),
    CLEAR_BUFFER_DIRTY("clear_buffer_dirty", Kind.SHARED, VOID, BH),
    TEST_CLEAR_BUFFER_DIRTY("test_clear_buffer_dirty", Kind.SHARED, BOOL, BH),
    BUFFER_LOCKED("buffer_locked", Kind.SHARED, BOOL, BH),
    LOCK_BUFFER("lock_buffer", Kind.BLOCKING, VOID, BH),
    TEST_SET_BUFFER_LOCKED("test_set_buffer_locked", Kind.SHARED, BOOL, BH),
    UNLOCK_BUFFER("unlock_buffer", Kind.SHARED, VOID, BH),
    SUBMIT_BH("submit_bh", Kind.SHARED, VOID, INT, BH),
    // jbd's data lists (ext3 data=ordered): one journal per file in the model
    BUFFER_JBD_COMMITTING("buffer_jbd_committing", Kind.SHARED, BOOL, BH),
    JOURNAL_FILE_BUFFER("__journal_file_buffer", Kind.SHARED, VOID, BH),
    JOURNAL_UNFILE_BUFFER("__journal_unfile_buffer", Kind.SHARED, VOID, BH),
    JOURNAL_SWITCH_TRANSACTION("journal_switch_transaction", Kind.SHARED, VOID, FILE),
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

package dev.mmcheck.kernel;

/** struct page flag bits (include/linux/page-flags.h) and buffer_head state bits. */
public final class PageFlags {
    private PageFlags() {}

    public static final int PG_LOCKED = 1, PG_DIRTY = 2, PG_UPTODATE = 4, PG_WRITEBACK = 8;
    public static final int BH_UPTODATE = 1, BH_DIRTY = 2, BH_LOCK = 4;
    /**
     * jbd's data list (ext3 data=ordered): the buffer is on the running transaction's
     * t_sync_datalist, or on the committing transaction's (t_sync_datalist or t_locked_list).
     * In the kernel this is the journal_head's b_transaction and b_jlist.
     */
    public static final int BH_JBD_RUNNING = 8, BH_JBD_COMMITTING = 16;

    /** Names by bit position: PAGE_NAMES[i] is the flag 1 << i. */
    public static final String[] PAGE_NAMES = {"PG_locked", "PG_dirty", "PG_uptodate", "PG_writeback"};
    public static final String[] BUFFER_NAMES = {"uptodate", "dirty", "locked", "on the running transaction", "on the committing transaction"};

    /** "PG_dirty|PG_uptodate", or "none". */
    public static String describePage(int f) {
        StringBuilder b = new StringBuilder();
        for (int bit = 0; bit < PAGE_NAMES.length; bit++)
            if ((f & (1 << bit)) != 0) b.append(b.length() == 0 ? "" : "|").append(PAGE_NAMES[bit]);
        return b.length() == 0 ? "none" : b.toString();
    }
}

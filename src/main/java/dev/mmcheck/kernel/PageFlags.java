package dev.mmcheck.kernel;

/** struct page flag bits (include/linux/page-flags.h) and buffer_head state bits. */
public final class PageFlags {
    private PageFlags() {}

    public static final int PG_LOCKED = 1, PG_DIRTY = 2, PG_UPTODATE = 4, PG_WRITEBACK = 8;
    public static final int BH_UPTODATE = 1, BH_DIRTY = 2, BH_LOCK = 4;

    public static String describePage(int f) {
        StringBuilder b = new StringBuilder();
        if ((f & PG_LOCKED) != 0) b.append("locked ");
        if ((f & PG_DIRTY) != 0) b.append("dirty ");
        if ((f & PG_UPTODATE) != 0) b.append("uptodate ");
        if ((f & PG_WRITEBACK) != 0) b.append("writeback ");
        return b.length() == 0 ? "clean" : b.toString().strip();
    }

    public static String describeBuffer(int f) {
        StringBuilder b = new StringBuilder();
        if ((f & BH_DIRTY) != 0) b.append("dirty ");
        if ((f & BH_LOCK) != 0) b.append("locked ");
        if ((f & BH_UPTODATE) != 0) b.append("uptodate ");
        return b.length() == 0 ? "clean" : b.toString().strip();
    }
}

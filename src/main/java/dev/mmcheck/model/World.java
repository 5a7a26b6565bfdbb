package dev.mmcheck.model;

import java.util.List;

/**
 * The static topology of a scenario: files and their pages and buffers, address spaces and
 * their mappings (vmas), CPUs and the threads pinned to them. Nothing here
 * changes during a run; what changes lives in the state vector (see {@link Layout}).
 * Indices are 0-based; handles in the language are index + 1.
 */
public final class World {
    public record FileInfo(String name, int nPages, int nBuffers, boolean ext3Ordered, int firstPage) {}
    public record PageInfo(int file, int index, int firstBlock, int nBuffers) {}
    public record MmInfo(String name, int nVpages, int[] vmas, int cpumask) {}
    /**
     * A mapping: of a file (file >= 0, anon null), or anonymous memory (file -1, anon its name,
     * which the scenario's {@code store NAME[P].B} names), always private.
     */
    public record VmaInfo(int mm, int file, int start, int nPages, boolean shared, boolean writable, String anon) {
        public VmaInfo(int mm, int file, int start, int nPages, boolean shared, boolean writable) {
            this(mm, file, start, nPages, shared, writable, null);
        }
        public boolean isAnon() { return file < 0; }
    }
    /**
     * A thread: its CPU, the mm it is a user thread of (-1 for a kernel thread), and for a
     * kernel thread that borrowed an mm in lazy-TLB mode, that mm (-1 otherwise).
     */
    public record ThreadInfo(String name, int cpu, int mm, int lazyMm) {
        public ThreadInfo(String name, int cpu, int mm) { this(name, cpu, mm, -1); }
    }

    public final List<FileInfo> files;
    public final List<PageInfo> pages;
    public final List<MmInfo> mms;
    public final List<VmaInfo> vmas;
    public final List<ThreadInfo> threads;
    public final int nCpus;
    public final int nBlocks;

    /**
     * Page-table frames (0: page tables are static, as v1 had them). With N > 0 each mm's page
     * table is a page-table page in one of N frames, reached through the mm's upper-level entry
     * (its pmd); pages can be freed and reused, and each CPU keeps a paging-structure cache.
     */
    public final int nTableFrames;

    /**
     * Page frames for anonymous memory (0: none, as v1 had it). With N > 0 the pages list ends
     * with the zero page (page {@link #firstFrame}) and then N frames that the kernel allocates
     * and frees (machine/Frames.java); each holds {@link #frameWords} words of data. File pages
     * are not frames of this pool: the page cache holds every one for the whole run.
     */
    public final int nFrames, firstFrame, frameWords;

    public World(List<FileInfo> files, List<PageInfo> pages, List<MmInfo> mms, List<VmaInfo> vmas,
                 List<ThreadInfo> threads, int nCpus) {
        this(files, pages, mms, vmas, threads, nCpus, 0, 0, 1);
    }

    /**
     * pages: the files' pages; with nFrames > 0 the zero page and the frames are added after
     * them, each with at least minWords words (and as many as a file page has blocks).
     */
    public World(List<FileInfo> files, List<PageInfo> pages, List<MmInfo> mms, List<VmaInfo> vmas,
                 List<ThreadInfo> threads, int nCpus, int nTableFrames, int nFrames, int minWords) {
        this.nTableFrames = nTableFrames;
        this.files = files;
        this.firstFrame = pages.size();
        this.nFrames = nFrames;
        int words = Math.max(1, minWords);
        for (FileInfo f : files) words = Math.max(words, f.nBuffers());
        this.frameWords = words;
        if (nFrames > 0) {
            pages = new java.util.ArrayList<>(pages);
            for (int k = 0; k <= nFrames; k++) pages.add(new PageInfo(-1, k, -1, 0));
        }
        this.pages = List.copyOf(pages);
        this.mms = mms;
        this.vmas = vmas;
        this.threads = threads;
        this.nCpus = nCpus;
        int b = 0;
        for (PageInfo p : this.pages) b += p.nBuffers();
        this.nBlocks = b;
        // PTE slots are looked up on every user access: precompute both directions.
        mmPteBase = new int[mms.size() + 1];
        for (int m = 0; m < mms.size(); m++) mmPteBase[m + 1] = mmPteBase[m] + mms.get(m).nVpages();
        slotMm = new int[mmPteBase[mms.size()]];
        for (int m = 0; m < mms.size(); m++) java.util.Arrays.fill(slotMm, mmPteBase[m], mmPteBase[m + 1], m);
    }

    private final int[] mmPteBase;
    private final int[] slotMm;

    /** Global PTE slot index of (mm, vpage), or -1 if outside the mm's page table. */
    public int pteSlot(int mm, int vpage) {
        if (vpage < 0 || vpage >= mmPteBase[mm + 1] - mmPteBase[mm]) return -1;
        return mmPteBase[mm] + vpage;
    }

    public int nPteSlots() { return slotMm.length; }

    /** The mm and virtual page of a PTE slot. */
    public int slotMm(int slot) { return slotMm[slot]; }

    public int slotVpage(int slot) { return slot - mmPteBase[slotMm[slot]]; }

    /** The vma of mm covering vpage, or -1. */
    public int findVma(int mm, int vpage) {
        for (int v : mms.get(mm).vmas()) {
            VmaInfo vi = vmas.get(v);
            if (vpage >= vi.start() && vpage < vi.start() + vi.nPages()) return v;
        }
        return -1;
    }

    /** The file page a vma maps at vpage, or -1 (outside the vma, or anonymous memory, which has no fixed page). */
    public int vmaPage(int vma, int vpage) {
        VmaInfo vi = vmas.get(vma);
        int idx = vpage - vi.start();
        if (idx < 0 || idx >= vi.nPages() || vi.isAnon()) return -1;
        return files.get(vi.file()).firstPage() + idx;
    }

    /** Whether page is a frame of the pool (the zero page included), not a file's page. */
    public boolean isFrame(int page) { return nFrames > 0 && page >= firstFrame; }

    /** The zero page (ZERO_PAGE(addr)), or -1 without frames. */
    public int zeroPage() { return nFrames > 0 ? firstFrame : -1; }

    /** "f[0]" for page 0 of file f; "zero page", "frame#1" for the pool's. */
    public String pageName(int page) {
        PageInfo p = pages.get(page);
        if (p.file() < 0) return p.index() == 0 ? "zero page" : "frame#" + p.index();
        return files.get(p.file()).name() + "[" + p.index() + "]";
    }

    /** The first block of file f; its blocks are that and the next nPages * nBuffers - 1. */
    public int fileFirstBlock(int f) { return pages.get(files.get(f).firstPage()).firstBlock(); }

    /** How many blocks file f has. */
    public int fileBlocks(int f) { return files.get(f).nPages() * files.get(f).nBuffers(); }

    /** "f[0].1" for block 1 of page 0 of file f. */
    public String blockName(int block) {
        for (int p = 0; p < pages.size(); p++) {
            PageInfo pi = pages.get(p);
            if (block < pi.firstBlock() + pi.nBuffers()) return pageName(p) + "." + (block - pi.firstBlock());
        }
        return "block" + block;
    }

    public int blockPage(int block) {
        for (int p = 0; p < pages.size(); p++) {
            PageInfo pi = pages.get(p);
            if (block < pi.firstBlock() + pi.nBuffers()) return p;
        }
        throw new IllegalArgumentException("no block " + block);
    }

    /** The mm cpu's CR3 starts with (cpu_tlbstate[cpu].active_mm): its user thread's, or the one its kernel thread borrowed; -1 for none. */
    public int loadedMm(int cpu) {
        for (ThreadInfo t : threads) if (t.cpu() == cpu && t.mm() >= 0) return t.mm();
        for (ThreadInfo t : threads) if (t.cpu() == cpu && t.lazyMm() >= 0) return t.lazyMm();
        return -1;
    }

    /** Whether cpu runs a kernel thread in lazy-TLB mode (cpu_tlbstate[cpu].state == TLBSTATE_LAZY). */
    public boolean lazy(int cpu) {
        for (ThreadInfo t : threads) if (t.cpu() == cpu && t.lazyMm() >= 0) return true;
        return false;
    }

    /** "pt#1": page-table frame 1. */
    public static String tableName(int frame) { return "pt#" + frame; }

    public String pteName(int slot) {
        return mms.get(slotMm(slot)).name() + ":" + slotVpage(slot);
    }
}

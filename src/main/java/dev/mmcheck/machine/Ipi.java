package dev.mmcheck.machine;

import dev.mmcheck.model.Layout;

/**
 * TLB shootdown by IPI. A request sits in the (sender, target) slot until the target takes the
 * interrupt at a step boundary with interrupts on, flushes, and acknowledges by clearing it;
 * the sender waits until all its slots are clear. A request is 1 + mm + ((vpage + 1) << 8),
 * vpage -1 meaning the whole mm; {@link #FLUSH_EVERYTHING} merges two different requests.
 */
public final class Ipi {
    private Ipi() {}

    public static final int FLUSH_EVERYTHING = -1;

    /** The CPUs that get mm's flush IPIs: mm->cpu_vm_mask when the library keeps it, else the CPUs its threads run on. */
    public static int cpuMask(Ctx c, int mm) {
        int f = c.layout.cpuVmMask;
        return f >= 0 ? c.s[c.layout.field(f, mm, 0)] : c.world.mms.get(mm).cpumask();
    }

    /** The lowest CPU with a flush IPI pending for target, or -1. */
    public static int pendingSender(int[] s, Layout l, int target) {
        for (int sender = 0; sender < l.nCpus; sender++) if (s[l.ipi(sender, target)] != 0) return sender;
        return -1;
    }

    public static void sendFlush(Ctx c, int mm, int vpage) {
        int mask = cpuMask(c, mm);
        Layout l = c.layout;
        int req = request(mm, vpage);
        StringBuilder to = new StringBuilder();
        for (int t = 0; t < l.nCpus; t++) {
            if (t == c.cpu || (mask & (1 << t)) == 0) continue;
            int i = l.ipi(c.cpu, t);
            c.s[i] = merge(c.s[i], req);
            to.append(to.length() == 0 ? "" : ",").append("cpu").append(t);
        }
        c.note(to.length() == 0 ? "no other CPU in the mm's mask: no IPI" : "flush IPI to " + to);
    }

    /**
     * A second request before the target took the first: one flush covering both. Requests for
     * one mm become a flush of that mm; only requests for different mms flush everything (an
     * over-wide flush could hide a stale entry of another mm).
     */
    public static int merge(int pending, int req) {
        if (pending == 0 || pending == req) return req;
        if (pending != FLUSH_EVERYTHING && requestMm(pending) == requestMm(req)) return request(requestMm(req), -1);
        return FLUSH_EVERYTHING;
    }

    /** The request for a flush of (mm, vpage); vpage < 0 (TLB_FLUSH_ALL) is the whole mm. */
    public static int request(int mm, int vpage) { return 1 + mm + ((Math.max(vpage, -1) + 1) << 8); }

    public static int requestMm(int req) { return (req - 1) & 255; }

    /** The page a request flushes, or -1 for all of its mm. */
    public static int requestVpage(int req) { return (req >>> 8) - 1; }

    public static boolean acked(int[] s, Layout l, int sender) {
        for (int t = 0; t < l.nCpus; t++) if (s[l.ipi(sender, t)] != 0) return false;
        return true;
    }

    /** The target takes the sender's IPI: flush as asked, acknowledge. */
    public static void take(int[] s, Layout l, int sender, int target) {
        int i = l.ipi(sender, target);
        int req = s[i];
        int base = l.tlb(target, 0);
        if (req == FLUSH_EVERYTHING) Tlb.flush(s, base, l.tlbSize, -1, -1);
        else Tlb.flush(s, base, l.tlbSize, requestMm(req), requestVpage(req));
        PageTables.flushPsc(s, l, target, req == FLUSH_EVERYTHING ? -1 : requestMm(req));   // INVLPG or a CR3 load
        s[i] = 0;
    }

    public static String describe(int req, dev.mmcheck.model.World w) {
        if (req == FLUSH_EVERYTHING) return "flush everything";
        int mm = requestMm(req), vpage = requestVpage(req);
        return "flush " + w.mms.get(mm).name() + (vpage < 0 ? " (all)" : ":" + vpage);
    }
}

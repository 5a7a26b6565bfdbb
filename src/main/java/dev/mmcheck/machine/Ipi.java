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

    public static void sendFlush(Ctx c, int mm, int vpage) {
        int mask = c.world.mms.get(mm).cpumask();
        Layout l = c.layout;
        int req = 1 + mm + ((vpage + 1) << 8);
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
        if (pending != FLUSH_EVERYTHING && ((pending - 1) & 255) == ((req - 1) & 255)) return 1 + ((req - 1) & 255);
        return FLUSH_EVERYTHING;
    }

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
        else Tlb.flush(s, base, l.tlbSize, (req - 1) & 255, (req >>> 8) - 1);
        s[i] = 0;
    }

    public static String describe(int req, dev.mmcheck.model.World w) {
        if (req == FLUSH_EVERYTHING) return "flush everything";
        int mm = (req - 1) & 255, vpage = (req >>> 8) - 1;
        return "flush " + w.mms.get(mm).name() + (vpage < 0 ? " (all)" : ":" + vpage);
    }
}

package dev.mmcheck.monitor;

import dev.mmcheck.machine.Monitor;
import dev.mmcheck.model.Invariant;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in invariants' monitors: the one list a new invariant joins (with its name in
 * {@link Invariant}). bug, assert and the model-gap record are the executor's own: a BUG_ON,
 * an assert or an unmodelled() stops the thread wherever it is.
 */
public final class Monitors {
    private Monitors() {}

    /** The monitor of inv, or null for bug, assert and the model-gap record. */
    public static Monitor of(Invariant inv) {
        return switch (inv) {
            case DATA_INTEGRITY -> new DataIntegrity();
            case DIRTY_BIT_LOST -> new DirtyBitLost();
            case STALE_TLB_WRITE -> new StaleTlbWrite();
            case DIRTY_ACCOUNTING -> new DirtyAccounting();
            case NO_DEADLOCK -> new NoDeadlock();
            case PT_USE_AFTER_FREE -> new PtUseAfterFree();
            case USE_AFTER_FREE -> new UseAfterFree();
            case FSYNC_DURABILITY -> new FsyncDurability();
            case MAPPED_UPTODATE -> new MappedUptodate();
            case NO_STALE_WRITEBACK -> new NoStaleWriteback();
            case NO_WRITE_AFTER_MPROTECT -> new NoWriteAfterMprotect();
            case FORALL -> new Forall();
            case BUG, ASSERT, MODEL_GAP -> null;
        };
    }

    /** The monitors of the invariants in checks (a bitmask of {@link Invariant#bit()}), in Invariant order. */
    public static List<Monitor> checked(int checks) {
        List<Monitor> out = new ArrayList<>();
        for (Invariant inv : Invariant.values()) {
            Monitor m = (checks & inv.bit()) != 0 ? of(inv) : null;
            if (m != null) out.add(m);
        }
        return out;
    }
}

package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast.*;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Pos;
import dev.mmcheck.model.World;
import java.util.ArrayList;
import java.util.List;

/**
 * A user access as statements for CodeGen to compile: {@code store f[p].b = v} is
 * {@code while (__hw_store(mm, vpage, b, v)) handle_mm_fault(mm, find_vma(mm, vpage), vpage, 1);},
 * and {@code [x =] load f[p].b} is the same retry loop around {@code __hw_load}, keeping the
 * value read. The access goes through the thread's own mm (its only mapping of the file).
 */
final class UserAccess {
    private UserAccess() {}

    static List<Stmt> lower(BlockRef ref, Expr value, String into, Pos pos, CodeGen.ThreadDeclInfo thread, World world,
                            WorldBuilder wb, Library lib) {
        if (thread.mm() < 0)
            throw new MmtError(pos, (thread.isAfter() ? "the after block" : "thread " + thread.name())
                    + " has no address space: " + (value != null ? "store" : "load") + " needs a user thread ('in MM')");
        Integer fi = wb.fileIndex.get(ref.file());
        if (fi == null) throw new MmtError(ref.pos(), "unknown file '" + ref.file() + "'");
        World.FileInfo file = world.files.get(fi);
        if (ref.page() >= file.nPages()) throw new MmtError(ref.pos(), "file " + file.name() + " has no page " + ref.page());
        if (ref.block() >= file.nBuffers())
            throw new MmtError(ref.pos(), "a page of " + file.name() + " has blocks 0.." + (file.nBuffers() - 1));
        int vma = -1;
        for (int v : world.mms.get(thread.mm()).vmas()) {
            if (world.vmas.get(v).file() != fi) continue;
            if (vma >= 0) throw new MmtError(ref.pos(), "address space " + world.mms.get(thread.mm()).name() + " maps "
                    + file.name() + " twice: store/load " + file.name() + "[..] cannot tell which mapping it means");
            vma = v;
        }
        if (vma < 0) throw new MmtError(ref.pos(), "address space " + world.mms.get(thread.mm()).name() + " does not map " + file.name());
        int vpage = world.vmas.get(vma).start() + ref.page();
        String mm = world.mms.get(thread.mm()).name();
        Name mmName = new Name(mm, pos);
        IntLit addr = new IntLit(vpage, pos);
        List<Expr> access = new ArrayList<>(List.of(mmName, addr, new IntLit(ref.block(), pos)));
        if (value != null) access.add(value);
        Call hw = new Call(value != null ? "__hw_store" : "__hw_load", access, pos);
        if (lib.candidates("handle_mm_fault").isEmpty())
            throw new MmtError(pos, "the fault handler handle_mm_fault is not in the kernel library (lib/linux/mm/memory.mmt)");
        Call fault = new Call("handle_mm_fault", List.of(mmName, new Call("find_vma", List.of(mmName, addr), pos), addr,
                new IntLit(value != null ? 1 : 0, pos)), pos);
        if (value != null) return List.of(new While(hw, new ExprStmt(fault, pos), pos));
        // while (true) { __loaded = __hw_load(..); if (__loaded != FAULTED) break; fault; } [into = __loaded;]
        // One copy of the access, so a retry stands at the same pc as the first try.
        Name loaded = new Name("__loaded", pos);
        List<Stmt> out = new ArrayList<>();
        out.add(new While(new BoolLit(true, pos), new Block(List.of(
                new Assign(loaded.name(), hw, pos),
                new If(new Binary("!=", loaded, new IntLit(dev.mmcheck.machine.Mmu.FAULTED, pos), pos), new Break(pos), null, pos),
                new ExprStmt(fault, pos)), pos), pos));
        if (into != null) out.add(new Assign(into, loaded, pos));
        return out;
    }
}

package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast.*;
import dev.mmcheck.lang.MmtError;
import dev.mmcheck.lang.Pos;
import dev.mmcheck.model.World;
import java.util.ArrayList;
import java.util.List;

/**
 * A user access as a call for CodeGen to compile: {@code store f[p].b = v} is
 * {@code user_store(mm, vpage, b, v)}, {@code [x =] load f[p].b} is {@code [x =] user_load(mm,
 * vpage, b)}: the architecture's library code (lib/linux/arch/x86/mm/fault.mmt), the
 * instruction retried after each fault the kernel's do_page_fault handles. The access goes
 * through the thread's own mm (its only mapping of the file).
 */
final class UserAccess {
    private UserAccess() {}

    static List<Stmt> lower(BlockRef ref, Expr value, String into, Pos pos, CodeGen.ThreadDeclInfo thread, World world,
                            WorldBuilder wb, Library lib) {
        if (thread.mm() < 0)
            throw new MmtError(pos, (thread.isAfter() ? "the after block" : "thread " + thread.name())
                    + " has no address space: " + (value != null ? "store" : "load") + " needs a user thread ('in MM')");
        int anon = anonVma(ref, thread, world);
        if (anon >= 0) return call(world.vmas.get(anon).start() + ref.page(), ref, value, into, pos, thread, world, lib);
        Integer fi = wb.fileIndex.get(ref.file());
        if (fi == null)
            throw new MmtError(ref.pos(), "unknown file '" + ref.file() + "'" + (wb.mmIndex.containsKey(ref.file())
                    ? " (" + ref.file() + " is an address space: a store names a file, or an anonymous mapping of the thread's mm, by its own name)"
                    : ""));
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
        return call(world.vmas.get(vma).start() + ref.page(), ref, value, into, pos, thread, world, lib);
    }

    /** The thread's anonymous mapping that ref names (its page and word checked), or -1 when ref names none. */
    private static int anonVma(BlockRef ref, CodeGen.ThreadDeclInfo thread, World world) {
        for (int v : world.mms.get(thread.mm()).vmas()) {
            World.VmaInfo vi = world.vmas.get(v);
            if (!ref.file().equals(vi.anon())) continue;
            if (ref.page() >= vi.nPages())
                throw new MmtError(ref.pos(), "anonymous mapping " + vi.anon() + " has no page " + ref.page() + " (it has " + vi.nPages()
                        + "; 'map anon " + vi.anon() + " pages N ...' gives it more)");
            if (ref.block() >= world.frameWords)
                throw new MmtError(ref.pos(), "a page frame holds words 0.." + (world.frameWords - 1) + " ('frames N words W' gives it more)");
            return v;
        }
        return -1;
    }

    private static List<Stmt> call(int vpage, BlockRef ref, Expr value, String into, Pos pos, CodeGen.ThreadDeclInfo thread, World world,
                                   Library lib) {
        String mm = world.mms.get(thread.mm()).name();
        String routine = value != null ? "user_store" : "user_load";
        if (lib.candidates(routine).isEmpty())
            throw new MmtError(pos, "the user access " + routine + " is not in the kernel library (lib/linux/arch/x86/mm/fault.mmt)");
        List<Expr> args = new ArrayList<>(List.of(new Name(mm, pos), new IntLit(vpage, pos), new IntLit(ref.block(), pos)));
        if (value != null) {
            args.add(value);
            return List.of(new ExprStmt(new Call(routine, args, pos), pos));
        }
        Call load = new Call(routine, args, pos);
        return List.of(into != null ? new Assign(into, load, pos) : new ExprStmt(load, pos));
    }
}

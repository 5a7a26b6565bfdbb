package dev.mmcheck.lang;

import java.util.List;

/** The syntax tree of a .mmt file: routines and at most one scenario. */
public final class Ast {
    private Ast() {}

    /**
     * One parsed file. {@code kernels}: the file's {@code kernels ...;} line, the releases its
     * default bodies (routines without a variant) cover; null when it has none.
     */
    public record Unit(SourceFile file, List<Routine> routines, Scenario scenario, List<KernelRange> kernels,
                       List<Include> includes, List<StructDecl> structs, List<EnumDecl> enums) {}

    /**
     * {@code struct page { unsigned long flags __flags(pageflags); atomic_t _mapcount; };}: kernel
     * state the library (or a scenario) declares. Declarations of one struct in several files
     * add up: a scenario adds its own fields to the library's struct this way.
     */
    public record StructDecl(String name, List<FieldDecl> fields, Pos pos) {}
    /**
     * One field: its C type as written ("unsigned long", "spinlock_t", "struct page"), its '*'s,
     * its array length (0 for none), and the enum that names its values: for a flag word
     * ({@code __flags(pageflags)}) the bits, for a field holding one of an enum's values
     * ({@code __enum(jbd_list)}) the values; null for none. Both only say how a trace shows it.
     */
    public record FieldDecl(String type, int pointers, String name, int length, String flags, String values, Pos pos) {}
    /** {@code enum pageflags { PG_locked, PG_error, ... };}: named int constants, counting up from 0 as in C. */
    public record EnumDecl(String name, List<Enumerator> values, Pos pos) {}
    /** value is null when the enumerator takes the previous one's plus one. */
    public record Enumerator(String name, Integer value, Pos pos) {}

    /** {@code #include "path"}: a file of routines, relative to the including file. */
    public record Include(String path, Pos pos) {}

    /** {@code "lo" .. "hi"}, or one release (lo == hi): kernel versions, numbers separated by dots. */
    public record KernelRange(String lo, String hi, Pos pos) {}

    /** type: as a kernel C header declares it ("bool", "struct page*"), or null for fn's untyped parameters. */
    public record Param(String name, Pos pos, String type) {}

    /**
     * {@code fn name(params) [variant "v"] [kernels ...] { body }}, or the same in kernel C
     * ({@code static inline int PageDirty(struct page *page) { ... }}); variant is null for the
     * default body, kernels null when the routine states none (then the file's line applies).
     * An inline routine (C's {@code static inline}) is shown in a trace as the statement that
     * calls it: PageDirty(page) rather than the test_bit inside it. returns is the C header's
     * return type (null for fn): a bool routine's result is 0 or 1, as C's bool is.
     */
    public record Routine(String name, List<Param> params, String variant, List<KernelRange> kernels, Block body, Pos pos,
                          boolean inline, String returns) {}

    // ---- statements ----
    public sealed interface Stmt permits Assign, ExprStmt, If, While, For, Break, Continue, Return,
            Block, Atomic, Choose, BugOn, Assert, Unmodelled, Store, Load, Decl, Goto, Label, StoreThrough, FieldStore {
        Pos pos();
    }
    public record Assign(String name, Expr value, Pos pos) implements Stmt {}
    public record ExprStmt(Expr expr, Pos pos) implements Stmt {}
    public record If(Expr cond, Stmt then, Stmt otherwise, Pos pos) implements Stmt {}
    public record While(Expr cond, Stmt body, Pos pos) implements Stmt {}
    public record For(Stmt init, Expr cond, Stmt step, Stmt body, Pos pos) implements Stmt {}
    public record Break(Pos pos) implements Stmt {}
    public record Continue(Pos pos) implements Stmt {}
    public record Return(Expr value, Pos pos) implements Stmt {}
    public record Block(List<Stmt> stmts, Pos pos) implements Stmt {}
    public record Atomic(Block body, Pos pos) implements Stmt {}
    public record Choose(List<Block> arms, Pos pos) implements Stmt {}
    public record BugOn(Expr cond, Pos pos) implements Stmt {}
    public record Assert(Expr cond, String why, Pos pos) implements Stmt {}
    /** {@code unmodelled("why");}: the kernel goes where the model does not; the run is undecided, not a finding. */
    public record Unmodelled(String why, Pos pos) implements Stmt {}
    /**
     * {@code int ret = 0;}, {@code pte_t *ptep, old;}: kernel C declarations. The type is the
     * base name as written ("int", "unsigned long", "pte_t", "struct page") and each
     * declarator's number of '*'s.
     */
    public record Decl(String type, List<Declarator> declarators, Pos pos) implements Stmt {}
    public record Declarator(String name, int pointers, Expr init, Pos pos) {}
    public record Goto(String label, Pos pos) implements Stmt {}
    /** {@code *ptlp = ptl;}: an out-parameter written (the pointer a caller passed as {@code &x}). */
    public record StoreThrough(String pointer, Expr value, Pos pos) implements Stmt {}
    /**
     * {@code page->index = 3;} (op null): one write of a kernel structure's field; {@code
     * p->f |= e;} (op "|"): the field's address computed once, then a read and a write.
     */
    public record FieldStore(Member target, String op, Expr value, Pos pos) implements Stmt {}
    /** {@code out:} a label; the statement after it follows in the block. */
    public record Label(String name, Pos pos) implements Stmt {}
    /** {@code store f[page].block = value;} through the thread's mapping. */
    public record Store(BlockRef ref, Expr value, Pos pos) implements Stmt {}
    /** {@code load f[page].block;} or {@code v = load f[page].block;} (into is null for the first). */
    public record Load(BlockRef ref, String into, Pos pos) implements Stmt {}
    public record BlockRef(String file, int page, int block, Pos pos) {}

    // ---- expressions ----
    public sealed interface Expr permits IntLit, BoolLit, NullLit, Name, Call, Unary, Binary, Deref, PageOf, Conditional, AddressOf,
            Member, FieldAddress, Dot {
        Pos pos();
    }
    public record IntLit(int value, Pos pos) implements Expr {}
    public record BoolLit(boolean value, Pos pos) implements Expr {}
    public record NullLit(Pos pos) implements Expr {}
    public record Name(String name, Pos pos) implements Expr {}
    public record Call(String name, List<Expr> args, Pos pos) implements Expr {}
    public record Unary(String op, Expr operand, Pos pos) implements Expr {}
    public record Binary(String op, Expr left, Expr right, Pos pos) implements Expr {}
    /** {@code *ptep}: one read of a PTE. */
    public record Deref(Expr pointer, Pos pos) implements Expr {}
    /** {@code &x}: a local passed to a routine as an out-parameter. */
    public record AddressOf(String name, Pos pos) implements Expr {}
    /** {@code p->field} or {@code p->field[i]}: one read of a kernel structure's field (index null for none). */
    public record Member(Expr pointer, String field, Expr index, Pos pos) implements Expr {}
    /** {@code &p->field}: the field's address, for test_bit, atomic_inc, spin_lock... */
    public record FieldAddress(Member member, Pos pos) implements Expr {}
    /** {@code pte.pte_low}: a pte_t's word as an integer (the only member of a value). */
    public record Dot(Expr value, String member, Pos pos) implements Expr {}
    /** {@code c ? a : b}. */
    public record Conditional(Expr cond, Expr then, Expr otherwise, Pos pos) implements Expr {}
    /** {@code f[i]}: page i of file f. */
    public record PageOf(String file, Expr index, Pos pos) implements Expr {}

    // ---- scenario ----
    public record Scenario(String title, Pos pos, Word arch, Word kernel, List<Use> uses, Num cpus, Num tlb,
                           Num depthBound, Num evictionBound, List<FileDecl> files, List<MmDecl> mms,
                           List<ThreadDecl> threads, Block after, List<Word> checks, List<Expect> expects,
                           List<Forall> foralls, Num pagetables, Num speculativeBound, Num frames, Num frameWords) {}
    /** {@code forall (cond);}: cond must hold in every final state (herd's forall; its exists is a forall that breaks). */
    public record Forall(Expr cond, Pos pos) {}
    public record Word(String text, Pos pos) {}
    public record Num(int value, Pos pos) {}
    public record Use(String routine, String variant, Pos pos, Pos variantPos) {}
    public record FileDecl(String name, Num pages, Num buffers, Word fs, List<Num> dirtyPages, Pos pos) {}
    public record MmDecl(String name, List<MapDecl> maps, List<PteDecl> ptes, Pos pos) {}
    /** {@code map FILE shared|private ...}, or {@code map anon NAME [pages N] private ...} (anon: file is the mapping's name). */
    public record MapDecl(String file, boolean shared, boolean writable, Num at, Pos pos, boolean anon, Num pages) {
        public MapDecl(String file, boolean shared, boolean writable, Num at, Pos pos) { this(file, shared, writable, at, pos, false, null); }
    }
    /** {@code pte VPAGE flags...}; flags empty means none. */
    public record PteDecl(Num vpage, List<Word> flags, Pos pos) {}
    /** lazy: a kernel thread borrowing mm (lazy TLB) rather than a user thread of it ({@code lazy MM} for {@code in MM}). */
    public record ThreadDecl(String name, Num cpu, String mm, Pos mmPos, Block body, Pos pos, boolean lazy) {
        public ThreadDecl(String name, Num cpu, String mm, Pos mmPos, Block body, Pos pos) { this(name, cpu, mm, mmPos, body, pos, false); }
    }
    /** {@code expect [invariant] holds|violation}; invariant null for the whole scenario. */
    public record Expect(Word invariant, boolean holds, Pos pos) {}
}

package dev.mmcheck.compile;

import dev.mmcheck.lang.Ast.*;

/** Does a routine's body write a name (assign it, redeclare it, or pass it as {@code &name})? */
final class Assigns {
    private Assigns() {}

    static boolean in(Stmt s, String name) {
        if (s == null) return false;
        if (s instanceof Assign a) return a.name().equals(name) || in(a.value(), name);
        if (s instanceof Decl d) {
            for (Declarator x : d.declarators()) if (x.name().equals(name) || in(x.init(), name)) return true;
            return false;
        }
        if (s instanceof Load l) return name.equals(l.into());
        if (s instanceof Block b) { for (Stmt x : b.stmts()) if (in(x, name)) return true; return false; }
        if (s instanceof If i) return in(i.cond(), name) || in(i.then(), name) || in(i.otherwise(), name);
        if (s instanceof While w) return in(w.cond(), name) || in(w.body(), name);
        if (s instanceof For f) return in(f.init(), name) || in(f.cond(), name) || in(f.step(), name) || in(f.body(), name);
        if (s instanceof Atomic a) return in(a.body(), name);
        if (s instanceof Choose c) { for (Block b : c.arms()) if (in(b, name)) return true; return false; }
        if (s instanceof ExprStmt e) return in(e.expr(), name);
        if (s instanceof Return r) return in(r.value(), name);
        if (s instanceof BugOn b) return in(b.cond(), name);
        if (s instanceof Assert a) return in(a.cond(), name);
        if (s instanceof FieldStore f) return in(f.target(), name) || in(f.value(), name);
        if (s instanceof StoreThrough t) return in(t.value(), name);
        if (s instanceof Store st) return in(st.value(), name);
        return false;   // Break, Continue, Goto, Label, Unmodelled
    }

    /** Could evaluating e write a local, passing it as {@code &x} to a routine? */
    static boolean passesAddress(Expr e) { return in(e, null); }

    /** An expression writes a name only by passing it as an out-parameter, {@code &name} (any name when null). */
    static boolean in(Expr e, String name) {
        if (e == null) return false;
        if (e instanceof AddressOf a) return name == null || a.name().equals(name);
        if (e instanceof Call c) { for (Expr x : c.args()) if (in(x, name)) return true; return false; }
        if (e instanceof Unary u) return in(u.operand(), name);
        if (e instanceof Binary b) return in(b.left(), name) || in(b.right(), name);
        if (e instanceof Deref d) return in(d.pointer(), name);
        if (e instanceof PageOf p) return in(p.index(), name);
        if (e instanceof Conditional c) return in(c.cond(), name) || in(c.then(), name) || in(c.otherwise(), name);
        if (e instanceof Member m) return in(m.pointer(), name) || in(m.index(), name);
        if (e instanceof FieldAddress f) return in(f.member(), name);
        if (e instanceof Dot d) return in(d.value(), name);
        return false;   // IntLit, BoolLit, NullLit, Name
    }
}

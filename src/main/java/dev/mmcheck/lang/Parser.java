package dev.mmcheck.lang;

import dev.mmcheck.lang.Ast.*;
import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser for .mmt: routines, statements in kernel-C syntax, and the scenario header. */
public final class Parser {
    /**
     * How deeply statements and expressions may nest (an operator chain counts one level per
     * operator): far beyond kernel code, well inside the compiler's stack.
     */
    public static final int MAX_NESTING = 200;

    private final SourceFile src;
    private final List<Token> toks;
    private int k;
    private int depth;

    /** Enters one level of nesting at t; the caller leaves it with {@code depth--}. */
    private void enter(Token t) {
        if (++depth > MAX_NESTING)
            throw err(t, "nested too deeply (more than " + MAX_NESTING + " levels of statements, parentheses or operators)");
    }

    private Parser(SourceFile src) {
        this.src = src;
        this.toks = Lexer.lex(src);
    }

    public static Unit parse(SourceFile src) { return new Parser(src).unit(); }

    // ---- token helpers ----
    Token peek() { return toks.get(k); }
    Token peek(int n) { return toks.get(Math.max(0, Math.min(k + n, toks.size() - 1))); }
    Token next() { return toks.get(k++); }
    boolean at(String kind) { return peek().is(kind); }
    boolean atWord(String w) { return peek().isWord(w); }
    boolean accept(String kind) { if (at(kind)) { k++; return true; } return false; }

    Token expect(String kind, String what) {
        if (!at(kind)) throw err(peek(), "expected " + what + ", found " + peek().describe());
        return next();
    }

    MmtError err(Token t, String msg) { return new MmtError(t.pos(), msg); }

    Token ident(String what) { return expect("IDENT", what); }

    void word(String w) {
        if (!atWord(w)) throw err(peek(), "expected '" + w + "', found " + peek().describe());
        k++;
    }

    Num num(String what) {
        Token t = expect("INT", what);
        return new Num((int) t.value(), t.pos());
    }

    /** Names like {@code blind-dirty} and {@code ext3_ordered}: identifiers joined by '-'. */
    Word dashedWord(String what) {
        Token t = ident(what);
        StringBuilder b = new StringBuilder(t.text());
        while (at("-") && peek(1).is("IDENT")) { k++; b.append('-').append(next().text()); }
        return new Word(b.toString(), t.pos());
    }

    private Routine routine() {
        Token fn = next();
        Token name = ident("routine name");
        expect("(", "'(' after the routine name");
        List<Param> params = new ArrayList<>();
        if (!at(")")) {
            do {
                Token p = ident("parameter name");
                params.add(new Param(p.text(), p.pos(), null));
            } while (accept(","));
        }
        return routineTail(name, params, fn.pos(), false, null);
    }

    /** After the parameters: {@code ) [variant "v"] [kernels ...] { body }}. */
    private Routine routineTail(Token name, List<Param> params, Pos pos, boolean inline, String returns) {
        expect(")", "')' closing the parameters");
        String variant = null;
        if (atWord("variant")) { k++; variant = expect("STRING", "variant name in quotes").text(); }
        List<KernelRange> kernels = null;
        if (atWord("kernels")) { k++; kernels = kernelRanges(); }
        Block body = block("routine " + name.text());
        return new Routine(name.text(), params, variant, kernels, body, pos, inline, returns);
    }

    /** Words that may open a routine written in kernel C: storage class, then the return type. */
    private static final java.util.Set<String> C_FN_WORDS = java.util.Set.of("static", "inline", "__always_inline", "fastcall",
            "void", "int", "long", "unsigned", "signed", "short", "bool", "pte_t", "pgtable_t", "spinlock_t", "struct", "const", "pgoff_t", "size_t");

    /**
     * A routine as the kernel writes it: {@code static inline int PageDirty(struct page *page)}.
     * The return and parameter types are read and dropped (types follow the values passed, as
     * for {@code fn}); {@code inline} makes the routine a trace's single row (see {@link Routine}).
     */
    private Routine cRoutine() {
        Token first = peek();
        boolean inline = false;
        while (atWord("static") || atWord("inline") || atWord("__always_inline") || atWord("fastcall")) {
            if (!atWord("static") && !atWord("fastcall")) inline = true;
            k++;
        }
        String returns = cType("a return type");
        Token name = ident("routine name");
        expect("(", "'(' after the routine name");
        List<Param> params = new ArrayList<>();
        if (atWord("void") && peek(1).is(")")) k++;
        else if (!at(")")) {
            do {
                String type = cType("a parameter type");
                Token p = ident("parameter name");
                params.add(new Param(p.text(), p.pos(), type));
            } while (accept(","));
        }
        return routineTail(name, params, first.pos(), inline, returns);
    }

    /** A C type as a routine's header writes it: words ({@code unsigned long}, {@code struct page}), then '*'s. */
    private String cType(String what) {
        StringBuilder t = new StringBuilder();
        while (at("IDENT") && (C_FN_WORDS.contains(peek().text()) || FIELD_TYPE_WORDS.contains(peek().text()))
                && !(peek(1).is("(") || peek(1).is(",") || peek(1).is(")"))) {
            Token w = next();
            if (w.text().equals("const")) continue;
            if (t.length() > 0) t.append(' ');
            t.append(w.text());
            if (w.text().equals("struct")) { t.append(' ').append(ident("a struct name").text()); break; }
        }
        if (t.length() == 0) throw err(peek(), "expected " + what + ", found " + peek().describe());
        while (accept("*")) t.append('*');
        return t.toString();
    }

    /** Types a structure's field may have: the declaration types, and the kernel's atomic and lock types. */
    static final java.util.Set<String> FIELD_TYPE_WORDS = java.util.Set.of("int", "long", "unsigned", "signed", "short", "bool",
            "pte_t", "spinlock_t", "rwlock_t", "atomic_t", "pgoff_t", "size_t", "struct", "const");

    /** {@code "2.6.19" .. "2.6.19.1", "2.6.20"}: releases, each range inclusive. */
    private List<KernelRange> kernelRanges() {
        List<KernelRange> out = new ArrayList<>();
        do {
            Token lo = expect("STRING", "a kernel version in quotes");
            Token hi = lo;
            if (accept(".")) {
                expect(".", "'..' between two kernel versions");
                hi = expect("STRING", "a kernel version in quotes after '..'");
            }
            out.add(new KernelRange(lo.text(), hi.text(), lo.pos()));
        } while (accept(","));
        return out;
    }

    // ---- statements ----
    Block block(String owner) {
        Token open = expect("{", "'{' opening the body of " + owner);
        List<Stmt> stmts = new ArrayList<>();
        while (!at("}")) {
            if (at("EOF")) throw err(open, "unterminated block: this '{' of " + owner + " is never closed");
            stmts.add(stmt());
        }
        k++;
        return new Block(stmts, open.pos());
    }

    private Stmt stmt() {
        Token t = peek();
        enter(t);
        try {
            return stmtAt(t);
        } finally {
            depth--;
        }
    }

    /** Type names a declaration may start with (kernel C's, as mmcheck understands them). */
    static final java.util.Set<String> TYPE_WORDS = java.util.Set.of("int", "long", "unsigned", "signed", "short", "bool",
            "pte_t", "pgtable_t", "spinlock_t", "pgoff_t", "size_t", "struct", "const");

    private Stmt stmtAt(Token t) {
        if (at("{")) return block("block");
        if (at("IDENT") && peek(1).is(":") && !TYPE_WORDS.contains(t.text())) {
            // C's labeled statement: the label and the statement after it are one statement
            // (so `if (x) out: y = 1;` keeps `y = 1` inside the if). A label may end a block.
            k += 2;
            Label label = new Label(t.text(), t.pos());
            if (at("}")) return label;
            return new Block(List.of(label, stmt()), t.pos());
        }
        if (at("IDENT") && TYPE_WORDS.contains(t.text())) {
            Decl d = declaration();
            semi();
            return d;
        }
        if (at("IDENT")) {
            switch (t.text()) {
                case "if" -> {
                    k++;
                    Expr c = paren();
                    Stmt then = stmt();
                    Stmt els = null;
                    if (atWord("else")) { k++; els = stmt(); }
                    return new If(c, then, els, t.pos());
                }
                case "while" -> { k++; Expr c = paren(); return new While(c, stmt(), t.pos()); }
                case "for" -> {
                    k++;
                    expect("(", "'(' after 'for'");
                    Stmt init = at(";") ? null : at("IDENT") && TYPE_WORDS.contains(peek().text()) ? declaration() : simple();
                    expect(";", "';' in 'for'");
                    Expr cond = at(";") ? null : expr();
                    expect(";", "';' in 'for'");
                    Stmt step = at(")") ? null : simple();
                    expect(")", "')' closing 'for'");
                    return new For(init, cond, step, stmt(), t.pos());
                }
                case "break" -> { k++; semi(); return new Break(t.pos()); }
                case "goto" -> {
                    k++;
                    Token label = ident("a label after 'goto'");
                    semi();
                    return new Goto(label.text(), t.pos());
                }
                case "continue" -> { k++; semi(); return new Continue(t.pos()); }
                case "return" -> {
                    k++;
                    Expr v = at(";") ? null : expr();
                    semi();
                    return new Return(v, t.pos());
                }
                case "atomic" -> { k++; return new Atomic(block("atomic"), t.pos()); }
                case "choose" -> {
                    k++;
                    List<Block> arms = new ArrayList<>();
                    arms.add(block("choose"));
                    while (atWord("or")) { k++; arms.add(block("choose arm")); }
                    return new Choose(arms, t.pos());
                }
                case "BUG_ON" -> {
                    k++;
                    Expr c = paren();
                    semi();
                    return new BugOn(c, t.pos());
                }
                case "assert" -> {
                    k++;
                    expect("(", "'(' after 'assert'");
                    Expr c = expr();
                    expect(",", "',' and a reason in quotes");
                    String why = expect("STRING", "the reason in quotes").text();
                    expect(")", "')' closing 'assert'");
                    semi();
                    return new Assert(c, why, t.pos());
                }
                case "unmodelled" -> {
                    k++;
                    expect("(", "'(' after 'unmodelled'");
                    String why = expect("STRING", "what the model does not cover, in quotes").text();
                    expect(")", "')' closing 'unmodelled'");
                    semi();
                    return new Unmodelled(why, t.pos());
                }
                case "store" -> {
                    if (peek(1).is("IDENT") && peek(2).is("[")) {
                        k++;
                        BlockRef ref = blockRef();
                        expect("=", "'=' and the value to store");
                        Expr v = expr();
                        semi();
                        return new Store(ref, v, t.pos());
                    }
                }
                case "load" -> {
                    if (peek(1).is("IDENT") && peek(2).is("[")) {
                        k++;
                        BlockRef ref = blockRef();
                        semi();
                        return new Load(ref, null, t.pos());
                    }
                }
                default -> { }
            }
        }
        Stmt s = simple();
        semi();
        return s;
    }

    void semi() { expect(";", "';'"); }

    /** {@code unsigned long addr = ..., x;}: the type words, then declarators. */
    private Decl declaration() {
        Token first = peek();
        StringBuilder type = new StringBuilder();
        while (at("IDENT") && TYPE_WORDS.contains(peek().text())) {
            Token w = next();
            if (w.text().equals("const")) continue;   // nothing the model checks
            if (type.length() > 0) type.append(' ');
            type.append(w.text());
            if (w.text().equals("struct")) { type.append(' ').append(ident("a struct name").text()); break; }
        }
        if (type.length() == 0) throw err(first, "expected a type");
        List<Declarator> ds = new ArrayList<>();
        do {
            int pointers = 0;
            while (accept("*")) pointers++;
            Token name = ident("a name to declare");
            Expr init = accept("=") ? expr() : null;
            ds.add(new Declarator(name.text(), pointers, init, name.pos()));
        } while (accept(","));
        return new Decl(type.toString(), ds, first.pos());
    }

    private static final List<String> COMPOUND = List.of("+=", "-=", "*=", "|=", "&=", "^=", "<<=", ">>=");

    /** An assignment (also {@code x |= e}, {@code i++}) or an expression used as a statement (a call). */
    private Stmt simple() {
        Token t = peek();
        if (at("*") && peek(1).is("IDENT") && peek(2).is("=")) {
            k += 3;
            return new StoreThrough(peek(-2).text(), expr(), t.pos());
        }
        if (at("IDENT") && (peek(1).is("->") || peek(1).is("["))) {
            int save = k;
            Expr lhs = postfix(primary());
            if (lhs instanceof Member m) {
                if (accept("=")) return new FieldStore(m, null, expr(), t.pos());
                if (COMPOUND.contains(peek().kind())) {
                    // C's read-modify-write: a read, then a write (two steps, as plain C is not atomic)
                    Token op = next();
                    return new FieldStore(m, op.kind().substring(0, op.kind().length() - 1), expr(), t.pos());
                }
                if (at("++") || at("--")) {
                    Token op = next();
                    return new FieldStore(m, op.is("++") ? "+" : "-", new IntLit(1, op.pos()), t.pos());
                }
            }
            k = save;
        }
        if (at("IDENT") && peek(1).is(".") && peek(2).is("IDENT") && (peek(3).is("=") || COMPOUND.contains(peek(3).kind()))) {
            // pte.pte_low = e; and pte.pte_low &= e;: the local takes a new word, __pte(...)
            Token member = peek(2), op = peek(3);
            k += 4;
            Expr v = expr();
            Name local = new Name(t.text(), t.pos());
            if (!op.is("=")) v = new Binary(op.kind().substring(0, op.kind().length() - 1), new Dot(local, member.text(), member.pos()), v, op.pos());
            else v = new Dot(new Call("__pte", List.of(v), op.pos()), member.text(), member.pos());
            return new Assign(t.text(), new Call("__pte", List.of(v), op.pos()), t.pos());
        }
        if (at("IDENT") && peek(1).is("=") && peek(2).isWord("load") && peek(3).is("IDENT") && peek(4).is("[")) {
            k += 3;
            return new Load(blockRef(), t.text(), t.pos());
        }
        if (at("IDENT") && peek(1).is("=")) {
            k += 2;
            return new Assign(t.text(), expr(), t.pos());
        }
        if (at("IDENT") && COMPOUND.contains(peek(1).kind())) {
            k++;
            Token op = next();
            String bin = op.kind().substring(0, op.kind().length() - 1);
            return new Assign(t.text(), new Binary(bin, new Name(t.text(), t.pos()), expr(), op.pos()), t.pos());
        }
        if (at("IDENT") && (peek(1).is("++") || peek(1).is("--"))) {
            k++;
            Token op = next();
            return new Assign(t.text(), new Binary(op.is("++") ? "+" : "-", new Name(t.text(), t.pos()),
                    new IntLit(1, op.pos()), op.pos()), t.pos());
        }
        Expr e = expr();
        if (!(e instanceof Call)) throw err(t, "this expression does nothing: a statement is an assignment or a call");
        return new ExprStmt(e, t.pos());
    }

    private BlockRef blockRef() {
        Token f = ident("file name");
        expect("[", "'[' and a page number");
        Num page = num("page number");
        expect("]", "']'");
        expect(".", "'.' and a block number (f[page].block)");
        Num block = num("block number");
        return new BlockRef(f.text(), page.value(), block.value(), f.pos());
    }

    Expr paren() {
        expect("(", "'('");
        Expr e = expr();
        expect(")", "')'");
        return e;
    }

    // ---- expressions, C precedence ----
    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", "<=", ">", ">="}, {"<<", ">>"},
        {"+", "-"}, {"*", "/", "%"}
    };

    private Expr expr() {
        Expr c = binary(0);
        if (!at("?")) return c;
        Token q = next();
        enter(q);
        try {
            Expr a = expr();
            expect(":", "':' in 'c ? a : b'");
            return new Conditional(c, a, expr(), q.pos());
        } finally {
            depth--;
        }
    }

    private Expr binary(int level) {
        if (level == LEVELS.length) return unary();
        Expr left = binary(level + 1);
        int chained = 0;   // a chain a + b + c builds a tree as deep as it is long
        try {
            while (true) {
                String op = null;
                for (String o : LEVELS[level]) if (at(o)) { op = o; break; }
                if (op == null) return left;
                Token t = next();
                enter(t);
                chained++;
                left = new Binary(op, left, binary(level + 1), t.pos());
            }
        } finally {
            depth -= chained;
        }
    }

    private Expr unary() {
        Token t = peek();
        enter(t);
        try {
            if (accept("!") || accept("-") || accept("~")) return new Unary(t.kind(), unary(), t.pos());
            if (accept("*")) return new Deref(unary(), t.pos());
            if (accept("&")) {
                Token n = ident("a local or a field after '&'");
                Expr e = postfix(new Name(n.text(), n.pos()));
                if (e instanceof Member m) return new FieldAddress(m, t.pos());
                return new AddressOf(n.text(), t.pos());
            }
            return postfix(primary());
        } finally {
            depth--;
        }
    }

    /** {@code p->field} and {@code p->field[i]}, chained. */
    private Expr postfix(Expr e) {
        while (at("->") || (at(".") && peek(1).is("IDENT"))) {
            if (at(".")) {
                Token dot = next();
                e = new Dot(e, ident("a member name").text(), dot.pos());
                continue;
            }
            Token arrow = next();
            Token f = ident("a field name after '->'");
            Expr idx = null;
            if (accept("[")) {
                idx = expr();
                expect("]", "']'");
            }
            e = new Member(e, f.text(), idx, arrow.pos());
        }
        return e;
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case "INT": return new IntLit((int) t.value(), t.pos());
            case "(": {
                Expr e = expr();
                expect(")", "')'");
                return e;
            }
            case "IDENT": {
                switch (t.text()) {
                    case "true": return new BoolLit(true, t.pos());
                    case "false": return new BoolLit(false, t.pos());
                    case "NULL": return new NullLit(t.pos());
                    default: break;
                }
                if (accept("(")) {
                    List<Expr> args = new ArrayList<>();
                    if (!at(")")) {
                        do { args.add(expr()); } while (accept(","));
                    }
                    expect(")", "')' closing the arguments of " + t.text());
                    return new Call(t.text(), args, t.pos());
                }
                if (accept("[")) {
                    Expr idx = expr();
                    expect("]", "']'");
                    return new PageOf(t.text(), idx, t.pos());
                }
                return new Name(t.text(), t.pos());
            }
            default:
                throw err(t, "expected an expression, found " + t.describe());
        }
    }

    // ---- scenario ----

    private Unit unit() {
        List<Routine> routines = new ArrayList<>();
        ScenarioParser.Builder sb = null;
        List<KernelRange> kernels = null;
        List<Include> includes = new ArrayList<>();
        List<StructDecl> structs = new ArrayList<>();
        List<EnumDecl> enums = new ArrayList<>();
        while (!at("EOF")) {
            if (atWord("fn")) routines.add(routine());
            else if (atWord("struct") && peek(1).is("IDENT") && peek(2).is("{")) structs.add(new DeclParser(this).structDecl());
            else if (atWord("enum")) enums.add(new DeclParser(this).enumDecl());
            else if (at("IDENT") && C_FN_WORDS.contains(peek().text())) routines.add(cRoutine());
            else if (at("#")) {
                Token hash = next();
                if (!atWord("include")) throw err(peek(), "expected 'include' after '#' (the only directive is #include \"file.mmt\")");
                k++;
                includes.add(new Include(expect("STRING", "the file to include, in quotes").text(), hash.pos()));
            }
            else if (atWord("kernels")) {
                if (kernels != null) throw err(peek(), "a file has one 'kernels' line");
                k++;
                kernels = kernelRanges();
                semi();
            }
            else if (atWord("scenario")) {
                if (sb != null) throw err(peek(), "a file holds at most one scenario");
                Token kw = next();
                sb = new ScenarioParser.Builder();
                sb.pos = kw.pos();
                sb.title = expect("STRING", "scenario title in quotes").text();
            } else if (sb != null && at("IDENT") && ScenarioParser.ITEMS.contains(peek().text())) {
                new ScenarioParser(this).item(sb);
            } else if (sb == null && at("IDENT") && ScenarioParser.ITEMS.contains(peek().text())) {
                throw err(peek(), "'" + peek().text() + "' belongs to a scenario: start one with scenario \"title\"");
            } else if (sb != null && at("IDENT")) {
                throw err(peek(), "unknown scenario item '" + peek().text() + "' (" + String.join(", ", ScenarioParser.ITEMS) + ")");
            } else {
                throw err(peek(), "expected 'fn', a routine in kernel C, 'struct', 'enum', 'scenario' or a scenario item, found " + peek().describe());
            }
        }
        return new Unit(src, routines, sb == null ? null : sb.build(), kernels, includes, structs, enums);
    }


}

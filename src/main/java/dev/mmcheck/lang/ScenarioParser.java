package dev.mmcheck.lang;

import dev.mmcheck.lang.Ast.*;
import java.util.ArrayList;
import java.util.List;

/** The scenario's items (arch, kernel, file, mm, thread, check, expect, forall...), for {@link Parser}. */
final class ScenarioParser {
    private final Parser p;

    ScenarioParser(Parser p) { this.p = p; }

    static final List<String> ITEMS =
            List.of("arch", "kernel", "use", "cpus", "tlb", "pagetables", "frames", "bound", "file", "mm", "thread", "after", "check", "expect", "forall");

    /** The scenario as its items arrive; routines may stand between them. */
    static final class Builder {
        String title;
        Pos pos;
        Word arch, kernel;
        Num cpus, tlb, depth, evictions, pagetables, speculative, frames, frameWords;
        final List<Use> uses = new ArrayList<>();
        final List<FileDecl> files = new ArrayList<>();
        final List<MmDecl> mms = new ArrayList<>();
        final List<ThreadDecl> threads = new ArrayList<>();
        final List<Word> checks = new ArrayList<>();
        final List<Expect> expects = new ArrayList<>();
        final List<Forall> foralls = new ArrayList<>();
        Block after;

        Scenario build() {
            return new Scenario(title, pos, arch, kernel, uses, cpus, tlb, depth, evictions, files, mms, threads, after,
                    checks, expects, foralls, pagetables, speculative, frames, frameWords);
        }
    }


    void item(Builder sb) {
        Token t = p.next();
        switch (t.text()) {
            case "arch" -> sb.arch = p.dashedWord("architecture (x86, blind-dirty)");
            case "kernel" -> {
                Token v = p.expect("STRING", "kernel version in quotes");
                sb.kernel = new Word(v.text(), v.pos());
            }
            case "use" -> {
                Token r = p.ident("routine name");
                Token v = p.expect("STRING", "variant name in quotes");
                sb.uses.add(new Use(r.text(), v.text(), r.pos(), v.pos()));
            }
            case "cpus" -> sb.cpus = p.num("number of CPUs");
            case "tlb" -> sb.tlb = p.num("TLB entries per CPU");
            case "pagetables" -> sb.pagetables = p.num("number of page-table frames");
            case "frames" -> {
                sb.frames = p.num("number of page frames");
                if (p.atWord("words")) {
                    p.next();
                    sb.frameWords = p.num("words of data per frame");
                }
            }
            case "bound" -> {
                Token which = p.ident("'depth', 'evictions' or 'speculative'");
                Num n = p.num("bound");
                switch (which.text()) {
                    case "depth" -> sb.depth = n;
                    case "evictions" -> sb.evictions = n;
                    case "speculative" -> sb.speculative = n;
                    default -> throw p.err(which, "unknown bound '" + which.text() + "' (depth, evictions, speculative)");
                }
            }
            case "file" -> sb.files.add(fileDecl(t));
            case "mm" -> sb.mms.add(mmDecl(t));
            case "thread" -> sb.threads.add(threadDecl(t));
            case "after" -> {
                if (sb.after != null) throw p.err(t, "a scenario has one 'after' block");
                sb.after = p.block("after");
            }
            case "check" -> {
                do { sb.checks.add(p.dashedWord("invariant name")); } while (p.accept(","));
            }
            case "forall" -> sb.foralls.add(new Forall(p.paren(), t.pos()));
            case "expect" -> {
                Word inv = null;
                if (p.at("IDENT") && !p.atWord("holds") && !p.atWord("violation")) inv = p.dashedWord("invariant name");
                Token v = p.ident("'holds' or 'violation'");
                if (!v.text().equals("holds") && !v.text().equals("violation"))
                    throw p.err(v, "expected 'holds' or 'violation', found " + v.describe());
                sb.expects.add(new Expect(inv, v.text().equals("holds"), t.pos()));
            }
            default -> throw new IllegalStateException(t.text());
        }
        p.accept(";");
    }

    private FileDecl fileDecl(Token kw) {
        Token name = p.ident("file name");
        Token open = p.expect("{", "'{' opening the file's attributes");
        Num pages = null, buffers = null;
        Word fs = null;
        List<Num> dirty = new ArrayList<>();
        while (!p.accept("}")) {
            if (p.at("EOF")) throw p.err(open, "unterminated block: this '{' of file " + name.text() + " is never closed");
            Token a = p.ident("file attribute (pages, buffers, fs, page)");
            switch (a.text()) {
                case "pages" -> pages = p.num("number of pages");
                case "buffers" -> buffers = p.num("buffers per page");
                case "fs" -> fs = p.dashedWord("filesystem (ext3_ordered, ext2)");
                case "page" -> {
                    Num page = p.num("page number");
                    p.word("dirty");
                    dirty.add(page);
                }
                default -> throw p.err(a, "unknown file attribute '" + a.text() + "' (pages, buffers, fs, page)");
            }
            p.semi();
        }
        return new FileDecl(name.text(), pages, buffers, fs, dirty, kw.pos());
    }

    private MmDecl mmDecl(Token kw) {
        Token name = p.ident("address-space name");
        Token open = p.expect("{", "'{' opening the address space");
        List<MapDecl> maps = new ArrayList<>();
        List<PteDecl> ptes = new ArrayList<>();
        while (!p.accept("}")) {
            if (p.at("EOF")) throw p.err(open, "unterminated block: this '{' of mm " + name.text() + " is never closed");
            Token a = p.ident("'map' or 'pte'");
            switch (a.text()) {
                case "map" -> {
                    Token f = p.ident("file name, or 'anon'");
                    if (f.text().equals("anon") && p.at("IDENT") && !p.atWord("shared") && !p.atWord("private")) {
                        maps.add(anonMap(a));
                        break;
                    }
                    Token sh = p.ident("'shared' or 'private'");
                    if (!sh.text().equals("shared") && !sh.text().equals("private"))
                        throw p.err(sh, "expected 'shared' or 'private', found " + sh.describe());
                    Token w = p.ident("'writable' or 'readonly'");
                    if (!w.text().equals("writable") && !w.text().equals("readonly"))
                        throw p.err(w, "expected 'writable' or 'readonly', found " + w.describe());
                    p.word("at");
                    Num at = p.num("virtual page number");
                    maps.add(new MapDecl(f.text(), sh.text().equals("shared"), w.text().equals("writable"), at, a.pos()));
                }
                case "pte" -> {
                    Num v = p.num("virtual page number");
                    List<Word> flags = new ArrayList<>();
                    while (p.at("IDENT")) flags.add(p.dashedWord("PTE flag"));
                    if (flags.isEmpty()) throw p.err(p.peek(), "expected PTE flags (none, present, write, young, dirty)");
                    ptes.add(new PteDecl(v, flags, a.pos()));
                }
                default -> throw p.err(a, "unknown address-space item '" + a.text() + "' (map, pte)");
            }
            p.semi();
        }
        return new MmDecl(name.text(), maps, ptes, kw.pos());
    }

    /** {@code map anon NAME [pages N] private writable|readonly at V}, after "map anon". */
    private MapDecl anonMap(Token map) {
        Token name = p.ident("name of the anonymous mapping");
        Num pages = null;
        if (p.atWord("pages")) {
            p.next();
            pages = p.num("number of pages");
        }
        Token sh = p.ident("'private'");
        if (sh.text().equals("shared"))
            throw p.err(sh, "shared anonymous memory (shmem) is not modelled: an anonymous mapping is private");
        if (!sh.text().equals("private")) throw p.err(sh, "expected 'private', found " + sh.describe());
        Token w = p.ident("'writable' or 'readonly'");
        if (!w.text().equals("writable") && !w.text().equals("readonly"))
            throw p.err(w, "expected 'writable' or 'readonly', found " + w.describe());
        p.word("at");
        Num at = p.num("virtual page number");
        return new MapDecl(name.text(), false, w.text().equals("writable"), at, map.pos(), true, pages);
    }

    private ThreadDecl threadDecl(Token kw) {
        Token name = p.ident("thread name");
        p.word("on");
        p.word("cpu");
        Num cpu = p.num("CPU number");
        String mm = null;
        Pos mmPos = null;
        boolean lazy = p.atWord("lazy");
        if (p.atWord("in") || lazy) {
            p.next();
            Token m = p.ident("address-space name");
            mm = m.text();
            mmPos = m.pos();
        }
        Block body = p.block("thread " + name.text());
        return new ThreadDecl(name.text(), cpu, mm, mmPos, body, kw.pos(), lazy);
    }
}

package dev.mmcheck.lang;

import dev.mmcheck.lang.Ast.*;
import java.util.ArrayList;
import java.util.List;

/** The kernel's declarations, {@code struct} and {@code enum}, for {@link Parser}. */
final class DeclParser {
    private final Parser p;

    DeclParser(Parser p) { this.p = p; }

    /** {@code struct name { fields };} */
    StructDecl structDecl() {
        Token kw = p.next();
        Token name = p.ident("a struct name");
        Token open = p.expect("{", "'{' opening struct " + name.text());
        List<FieldDecl> fields = new ArrayList<>();
        while (!p.accept("}")) {
            if (p.at("EOF")) throw p.err(open, "unterminated block: this '{' of struct " + name.text() + " is never closed");
            Token first = p.peek();
            StringBuilder type = new StringBuilder();
            while (p.at("IDENT") && Parser.FIELD_TYPE_WORDS.contains(p.peek().text())) {
                Token w = p.next();
                if (w.text().equals("const")) continue;
                if (type.length() > 0) type.append(' ');
                type.append(w.text());
                if (w.text().equals("struct")) { type.append(' ').append(p.ident("a struct name").text()); break; }
            }
            if (type.length() == 0)
                throw p.err(first, "expected a field's type (" + String.join(", ", new java.util.TreeSet<>(Parser.FIELD_TYPE_WORDS)) + "), found " + first.describe());
            do {
                int pointers = 0;
                while (p.accept("*")) pointers++;
                Token f = p.ident("a field name");
                int length = 0;
                if (p.accept("[")) {
                    Token n = p.expect("INT", "the array's length");
                    length = (int) n.value();
                    if (length < 1) throw p.err(n, "an array has at least one element");
                    p.expect("]", "']'");
                }
                String flags = null, values = null;
                if (p.atWord("__flags") || p.atWord("__enum")) {
                    boolean bits = p.next().text().equals("__flags");
                    p.expect("(", "'(' and the enum that names the " + (bits ? "bits" : "values"));
                    String e = p.ident("an enum name").text();
                    p.expect(")", "')'");
                    if (bits) flags = e; else values = e;
                }
                fields.add(new FieldDecl(type.toString(), pointers, f.text(), length, flags, values, f.pos()));
            } while (p.accept(","));
            p.semi();
        }
        p.semi();
        return new StructDecl(name.text(), fields, kw.pos());
    }

    /** {@code enum [name] { A, B = 4, C };} */
    EnumDecl enumDecl() {
        Token kw = p.next();
        String name = p.at("IDENT") ? p.next().text() : null;
        p.expect("{", "'{' opening the enum");
        List<Enumerator> values = new ArrayList<>();
        while (!p.accept("}")) {
            Token n = p.ident("an enumerator");
            Integer v = null;
            if (p.accept("=")) {
                boolean neg = p.accept("-");
                Token i = p.expect("INT", "the enumerator's value");
                v = (int) (neg ? -i.value() : i.value());
            }
            values.add(new Enumerator(n.text(), v, n.pos()));
            if (!p.accept(",")) { p.expect("}", "',' or '}'"); break; }
        }
        p.semi();
        return new EnumDecl(name, values, kw.pos());
    }
}

package dev.mmcheck.lang;

import java.util.ArrayList;
import java.util.List;

/** Splits .mmt text into tokens: C's, plus identifiers that may start with '_'. */
public final class Lexer {
    private static final String[] PUNCT = {
        "<<=", ">>=", "+=", "-=", "*=", "|=", "&=", "^=", "++", "--", "->",
        "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
        "(", ")", "{", "}", "[", "]", ";", ",", ".", "=", "<", ">", "+", "-", "*", "/", "%",
        "&", "|", "^", "!", "~", ":", "?", "#"
    };

    private final SourceFile src;
    private final String s;
    private int i, line = 1, lineStart;

    private Lexer(SourceFile src) {
        this.src = src;
        this.s = src.text();
    }

    public static List<Token> lex(SourceFile src) { return new Lexer(src).run(); }

    private Pos here() { return new Pos(src, line, i - lineStart + 1); }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            Pos p = here();
            if (i >= s.length()) { out.add(new Token("EOF", "", 0, p)); return out; }
            char c = s.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int st = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) i++;
                out.add(new Token("IDENT", s.substring(st, i), 0, p));
            } else if (Character.isDigit(c)) {
                int st = i;
                while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) i++;
                String t = s.substring(st, i);
                long v;
                try {
                    v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new MmtError(p, "malformed number '" + t + "'");
                }
                if (v > Integer.MAX_VALUE) throw new MmtError(p, "number " + t + " is too large");
                out.add(new Token("INT", t, v, p));
            } else if (c == '"') {
                int st = ++i;
                while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\n') i++;
                if (i >= s.length() || s.charAt(i) != '"') throw new MmtError(p, "unterminated string");
                out.add(new Token("STRING", s.substring(st, i), 0, p));
                i++;
            } else {
                String hit = null;
                for (String q : PUNCT) if (s.startsWith(q, i)) { hit = q; break; }
                if (hit == null) throw new MmtError(p, "unexpected character '" + c + "'");
                i += hit.length();
                out.add(new Token(hit, hit, 0, p));
            }
        }
    }

    private void skipSpaceAndComments() {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') { i++; line++; lineStart = i; }
            else if (Character.isWhitespace(c)) i++;
            else if (s.startsWith("//", i)) { while (i < s.length() && s.charAt(i) != '\n') i++; }
            else if (s.startsWith("/*", i)) {
                Pos p = here();
                i += 2;
                while (i < s.length() && !s.startsWith("*/", i)) {
                    if (s.charAt(i) == '\n') { line++; lineStart = i + 1; }
                    i++;
                }
                if (i >= s.length()) throw new MmtError(p, "unterminated comment");
                i += 2;
            } else return;
        }
    }
}

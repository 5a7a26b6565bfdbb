package dev.mmcheck.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Random edits of a scenario's text: tokens and lines deleted, duplicated or swapped; numbers made
 * extreme; identifiers swapped or made NULL; punctuation, odd characters and bytes that are not
 * UTF-8 inserted; the text truncated. About 85% of them land in the scenario proper, after its
 * header comment. {@link #ops} says what was done, for the report.
 */
final class Mutator {
    static final String[] EXTREMES = {"0", "-1", "2147483647", "-2147483648", "99999999999"};
    private static final String[] PUNCT = {"(", ")", "{", "}", "[", "]", ";", ",", ".", "=", "==", "<<=", "*", "/*", "*/", "//",
        "\"", "'", "#", "@", "$", "\\", "`", "?", "->", "++", "--", ":", "!", "~", "&&", "||", "%", "^", "|", "&", "<", ">",
        "-", "+", "@|bold ", "%n", "%s"};
    /** Valid but odd characters: accented, no-break and zero-width spaces, BOM, emoji, other digits, RTL override, NUL, CR... */
    private static final String[] ODD_CHARS = {"é", "\u00a0", "\u200b", "\ufeff", "\ud83d\ude00", "\u0663", "\uff11", "\u202e",
        "\u0000", "\r", "\f", "\u2028", "\uff46", "\u0130", "ß", "\u03a9", "\t", "\u000b"};
    /** Not UTF-8: stray continuation, overlong, truncated, surrogate, beyond U+10FFFF. */
    private static final byte[][] BAD_BYTES = {{(byte) 0xff}, {(byte) 0xfe}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0x80},
        {(byte) 0xe2, (byte) 0x82}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xc3}};
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|\\d+|\"[^\"\\n]*\"|[^\\sA-Za-z0-9_\"]");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    final List<String> ops = new ArrayList<>();
    private final SplittableRandom rnd;
    private final List<String> idents;
    private final List<byte[]> byteInserts = new ArrayList<>();
    private String text;

    Mutator(SplittableRandom rnd, String text) {
        this.rnd = rnd;
        this.text = text;
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(text);
        while (m.find()) ids.add(m.group());
        idents = new ArrayList<>(ids);
    }

    /** One random edit (raw byte insertions are made by {@link #bytes}). */
    void mutate() {
        switch (rnd.nextInt(12)) {
            case 0 -> edit(token(x -> true), "delete token", t -> "");
            case 1 -> edit(token(x -> true), "duplicate token", t -> t + " " + t);
            case 2 -> swapTokens();
            case 3 -> editLines("delete line", (ls, i) -> ls.remove((int) i));
            case 4 -> editLines("duplicate line", (ls, i) -> ls.add(i, ls.get(i).endsWith("\n") ? ls.get(i) : ls.get(i) + "\n"));
            case 5 -> swapLines();
            case 6 -> edit(token(x -> NUMBER.matcher(x).matches()), "number", t -> pick(EXTREMES));
            case 7 -> edit(token(x -> IDENT.matcher(x).matches()), "identifier", t -> rnd.nextInt(3) == 0 ? "NULL" : idents.get(rnd.nextInt(idents.size())));
            case 8 -> {
                int p = position();
                String v = pick(PUNCT);
                ops.add("insert '" + v + "'");
                text = text.substring(0, p) + v + text.substring(p);
            }
            case 9 -> {
                int p = position();
                ops.add("truncate at " + p);
                text = text.substring(0, p);
            }
            case 10 -> {
                String v = pick(ODD_CHARS);
                ops.add("insert U+" + Integer.toHexString(v.codePointAt(0)));
                byteInserts.add(v.getBytes(UTF_8));
            }
            default -> {
                byte[] v = BAD_BYTES[rnd.nextInt(BAD_BYTES.length)];
                ops.add("insert bytes " + HexFormat.of().formatHex(v));
                byteInserts.add(v);
            }
        }
    }

    /** The text's bytes with the pending raw insertions made at random places. */
    byte[] bytes() {
        byte[] b = text.getBytes(UTF_8);
        int body = text.substring(0, bodyStart()).getBytes(UTF_8).length;
        for (byte[] ins : byteInserts) {
            int p = rnd.nextInt(100) < 85 && body < b.length ? body + rnd.nextInt(b.length - body + 1) : rnd.nextInt(b.length + 1);
            byte[] n = Arrays.copyOf(b, b.length + ins.length);
            System.arraycopy(ins, 0, n, p, ins.length);
            System.arraycopy(b, p, n, p + ins.length, b.length - p);
            b = n;
        }
        return b;
    }

    private String pick(String[] xs) { return xs[rnd.nextInt(xs.length)]; }

    private int bodyStart() {
        int i = text.indexOf("\nscenario ");
        return i < 0 ? 0 : i + 1;
    }

    private int position() {
        int b = bodyStart();
        if (rnd.nextInt(100) < 85 && b < text.length()) return b + rnd.nextInt(text.length() - b + 1);
        return rnd.nextInt(text.length() + 1);
    }

    /** A random token's [start, end) among those that match, mostly in the body; null if none does. */
    private int[] token(Predicate<String> which) {
        List<int[]> all = new ArrayList<>(), body = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            if (!which.test(m.group())) continue;
            all.add(new int[] {m.start(), m.end()});
            if (m.start() >= bodyStart()) body.add(all.get(all.size() - 1));
        }
        List<int[]> from = !body.isEmpty() && rnd.nextInt(100) < 85 ? body : all;
        return from.isEmpty() ? null : from.get(rnd.nextInt(from.size()));
    }

    private void edit(int[] t, String what, UnaryOperator<String> with) {
        if (t == null) return;
        String old = text.substring(t[0], t[1]), v = with.apply(old);
        ops.add(what + " '" + old + "' -> '" + v + "'");
        text = text.substring(0, t[0]) + v + text.substring(t[1]);
    }

    private void swapTokens() {
        int[] a = token(x -> true), c = token(x -> true);
        if (a == null || c == null || a[0] == c[0]) return;
        if (a[0] > c[0]) {
            int[] t = a;
            a = c;
            c = t;
        }
        if (a[1] > c[0]) return;
        ops.add("swap tokens '" + text.substring(a[0], a[1]) + "' and '" + text.substring(c[0], c[1]) + "'");
        text = text.substring(0, a[0]) + text.substring(c[0], c[1]) + text.substring(a[1], c[0]) + text.substring(a[0], a[1])
                + text.substring(c[1]);
    }

    private List<String> lines() { return new ArrayList<>(Arrays.asList(text.split("(?<=\n)", -1))); }

    /** A random line index, mostly in the body. */
    private int line(List<String> ls) {
        int body = text.substring(0, bodyStart()).split("\n", -1).length - 1;
        if (rnd.nextInt(100) < 85 && body < ls.size()) return body + rnd.nextInt(ls.size() - body);
        return rnd.nextInt(ls.size());
    }

    private void editLines(String what, BiConsumer<List<String>, Integer> edit) {
        List<String> ls = lines();
        int i = line(ls);
        ops.add(what + " " + (i + 1));
        edit.accept(ls, i);
        text = String.join("", ls);
    }

    private void swapLines() {
        List<String> ls = lines();
        int i = line(ls), j = line(ls);
        ops.add("swap lines " + (i + 1) + " and " + (j + 1));
        String t = ls.get(i);
        ls.set(i, ls.get(j));
        ls.set(j, t);
        text = String.join("", ls);
        if (!text.endsWith("\n")) text += "\n";
    }
}

package dev.mmcheck.lang;

/** One lexical token; {@code kind} is IDENT, INT, STRING, EOF or the punctuation itself. */
public record Token(String kind, String text, long value, Pos pos) {
    public boolean is(String k) { return kind.equals(k); }
    public boolean isWord(String w) { return kind.equals("IDENT") && text.equals(w); }

    public String describe() {
        return switch (kind) {
            case "EOF" -> "end of file";
            case "IDENT" -> "'" + text + "'";
            case "INT" -> "number " + text;
            case "STRING" -> "string \"" + text + "\"";
            default -> "'" + kind + "'";
        };
    }
}

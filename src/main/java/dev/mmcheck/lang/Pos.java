package dev.mmcheck.lang;

/** A place in a source file: 1-based line and column. */
public record Pos(SourceFile file, int line, int col) {
    @Override public String toString() { return file.name() + ":" + line + ":" + col; }

    /** The source line, trimmed: what a trace row shows for a step. */
    public String lineText() { return file.line(line).strip(); }

    /**
     * The statement starting here, as written: up to its ';' (outside parentheses) or the end
     * of the line, without an opening brace — {@code store f[0].0 = 1;} from a one-line thread.
     */
    public String statementText() {
        String l = file.line(line);
        int start = Math.min(Math.max(col - 1, 0), l.length());
        int depth = 0, end = l.length();
        for (int i = start; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c == '(' || c == '[') depth++;
            else if (c == ')' || c == ']') depth--;
            else if (c == ';' && depth == 0) { end = i + 1; break; }
            else if (c == '/' && i + 1 < l.length() && l.charAt(i + 1) == '/') { end = i; break; }
        }
        String t = l.substring(start, end).strip();
        if (t.endsWith("{")) t = t.substring(0, t.length() - 1).strip();
        return t;
    }
}

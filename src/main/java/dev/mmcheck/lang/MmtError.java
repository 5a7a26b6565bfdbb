package dev.mmcheck.lang;

/**
 * Bad input: a malformed scenario, an unknown routine or variant, an impossible bound.
 * Rendered as {@code file:line:col: message}, the source line and a caret; the CLI exits 2.
 */
public final class MmtError extends RuntimeException {
    private static final int WINDOW = 80;

    private final Pos pos;

    public MmtError(Pos pos, String message) {
        super(message, null, false, false);
        this.pos = pos;
    }

    public Pos pos() { return pos; }

    public String render() {
        if (pos == null) return "mmcheck: " + getMessage();
        String src = pos.file().line(pos.line());
        int col = pos.col() - 1;
        // A very long line is shown as a window around the column, marked with "...".
        if (src.length() > WINDOW * 2) {
            int from = Math.max(0, Math.min(col - WINDOW / 2, src.length() - WINDOW));
            int to = Math.min(src.length(), from + WINDOW);
            String head = from > 0 ? "..." : "";
            src = head + src.substring(from, to) + (to < src.length() ? "..." : "");
            col = col - from + head.length();
        }
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < col && i < src.length(); i++) caret.append(src.charAt(i) == '\t' ? '\t' : ' ');
        caret.append('^');
        return pos + ": " + getMessage() + "\n    " + src + "\n    " + caret;
    }
}

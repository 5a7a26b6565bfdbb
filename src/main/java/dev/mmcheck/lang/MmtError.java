package dev.mmcheck.lang;

/**
 * Bad input: a malformed scenario, an unknown routine or variant, an impossible bound.
 * Rendered as {@code file:line:col: message}, the source line and a caret; the CLI exits 2.
 */
public final class MmtError extends RuntimeException {
    private final Pos pos;

    public MmtError(Pos pos, String message) {
        super(message, null, false, false);
        this.pos = pos;
    }

    public Pos pos() { return pos; }

    public String render() {
        if (pos == null) return "mmcheck: " + getMessage();
        String src = pos.file().line(pos.line());
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < pos.col() - 1 && i < src.length(); i++) caret.append(src.charAt(i) == '\t' ? '\t' : ' ');
        caret.append('^');
        return pos + ": " + getMessage() + "\n    " + src + "\n    " + caret;
    }
}

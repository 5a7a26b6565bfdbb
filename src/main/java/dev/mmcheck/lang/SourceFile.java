package dev.mmcheck.lang;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The text of one .mmt file, with the name diagnostics print for it. */
public final class SourceFile {
    private final String name;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        int n = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
        lineStarts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lineStarts[k++] = i + 1;
    }

    /** Reads a file; an unreadable file is bad input, reported without a position. */
    public static SourceFile read(Path path) {
        try {
            return new SourceFile(path.toString(), Files.readString(path));
        } catch (IOException | UncheckedIOException e) {
            throw new MmtError(null, "cannot read " + path + ": " + e.getMessage());
        }
    }

    public String name() { return name; }
    public String text() { return text; }

    /** The 1-based line's text, without its newline. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, Math.max(start, end));
    }
}

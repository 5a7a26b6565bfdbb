package dev.mmcheck.lang;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    /** A scenario or library file is a few KB; this bound keeps a wrong argument from eating memory. */
    public static final long MAX_BYTES = 4L << 20;

    /**
     * Reads a file; an unreadable one (missing, not a regular file — a FIFO or a device would
     * hang or never end — too large) is bad input, reported in one line. Invalid UTF-8 is
     * reported at its line and column.
     */
    public static SourceFile read(Path path) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(path))
                throw new MmtError(null, "cannot read " + path + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
            if (Files.size(path) > MAX_BYTES)
                throw new MmtError(null, "cannot read " + path + ": larger than " + (MAX_BYTES >> 20) + " MiB; a scenario is a few KB");
            bytes = Files.readAllBytes(path);
        } catch (IOException | UncheckedIOException | SecurityException e) {
            throw new MmtError(null, "cannot read " + path + ": " + why(e));
        }
        if (bytes.length > MAX_BYTES)
            throw new MmtError(null, "cannot read " + path + ": larger than " + (MAX_BYTES >> 20) + " MiB; a scenario is a few KB");
        return new SourceFile(path.toString(), decode(path.toString(), bytes));
    }

    /** An I/O failure in words, without Java's class names. */
    public static String why(Exception e) {
        Throwable c = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (c instanceof java.nio.file.AccessDeniedException) return "permission denied: " + c.getMessage();
        if (c instanceof java.nio.file.NoSuchFileException) return "no such file: " + c.getMessage();
        if (c instanceof java.nio.file.FileSystemLoopException) return "a directory loop at " + c.getMessage();
        if (c instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason() + ": " + f.getFile();
        return c.getMessage() != null ? c.getMessage() : "an I/O error";
    }

    private static String decode(String name, byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            // Point at the bad byte: what decoded so far gives its line and column.
            out.flip();
            SourceFile upTo = new SourceFile(name, out.toString());
            int line = upTo.lineStarts.length;
            int col = out.length() - upTo.lineStarts[line - 1] + 1;
            throw new MmtError(new Pos(upTo, line, col), String.format("invalid UTF-8 (byte 0x%02X): .mmt files are UTF-8 text",
                    bytes[in.position()] & 0xff));
        }
        dec.flush(out);
        out.flip();
        return out.toString();
    }

    public String name() { return name; }
    public String text() { return text; }

    /** How many lines the file has. */
    public int lines() { return lineStarts.length; }

    /** The 1-based line's text, without its newline. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') end--;
        return text.substring(start, Math.max(start, end));
    }
}

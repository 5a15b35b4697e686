package dev.tickcast.server.internal.record;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;

/**
 * Stand-in archives for the catalogue, routes and budget tests, which are about files and HTTP, not the
 * format: a file is finished if it ends with "TCEND", and its entry comes from its first line,
 * {@code game room startedAtMs durationMs players}.
 */
public final class FakeArchives {
    private static final byte[] END = "TCEND".getBytes(StandardCharsets.US_ASCII);

    private FakeArchives() {
    }

    /** The reader of these files. */
    public static RecordingEntry read(Path file, String id, long bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < END.length || !Arrays.equals(all, all.length - END.length, all.length, END, 0, END.length)) {
            return null;
        }
        String[] f = new String(all, StandardCharsets.US_ASCII).split("\n", 2)[0].split(" ");
        return new RecordingEntry(id, f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), bytes,
                Integer.parseInt(f[4]));
    }

    /**
     * Writes {@code <id>.tcrec} in {@code dir}: {@code size} bytes, finished or not, started at
     * {@code startedAtMs}, its modification time {@code mtimeMs}.
     */
    public static Path write(Path dir, String id, int size, boolean finished, long startedAtMs, long mtimeMs)
            throws IOException {
        byte[] data = new byte[size];
        byte[] line = ("arena room-" + id.charAt(0) + " " + startedAtMs + " 4000 3\n").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(line, 0, data, 0, line.length);
        for (int i = line.length; i < size - END.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        if (finished) {
            System.arraycopy(END, 0, data, size - END.length, END.length);
        }
        Path file = dir.resolve(id + RecordingIds.SUFFIX);
        Files.write(file, data);
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtimeMs));
        return file;
    }

    /** A 22-character id made of {@code c}. */
    public static String id(char c) {
        return String.valueOf(c).repeat(RecordingIds.LENGTH);
    }
}

package dev.tickcast.server.internal.record;

import java.io.IOException;
import java.nio.file.Path;

/** Reads a finished archive's entry from its head and index (F1's ArchiveReader). */
public final class ArchiveSummary {
    private ArchiveSummary() {
    }

    /** The entry of {@code file}, or null while it has no trailer. Blocking. */
    public static RecordingEntry read(Path file, String id, long bytes) throws IOException {
        return null; // placeholder until dev.tickcast.record.ArchiveReader lands
    }
}

package dev.tickcast.server.internal.record;

import dev.tickcast.record.ArchiveWriter;
import dev.tickcast.record.FragmentBuilder;
import dev.tickcast.record.RecordingHead;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Archives written by the format's own {@link ArchiveWriter}: a head and a few fragments of joins and snapshots. */
public final class RealArchives {
    private static final int TICK_HZ = 60;
    private static final int FRAGMENT_TICKS = 240;

    private RealArchives() {
    }

    /**
     * Writes {@code <id>.tcrec} in {@code dir}: {@code fragments} fragments of 4 s, {@code players} joining in
     * the first, finished (index and trailer) or left open as by a crash.
     */
    public static Path write(Path dir, String id, String game, String room, long startedAtMs, int fragments,
                             int players, boolean finish) throws IOException {
        Path file = dir.resolve(id + RecordingIds.SUFFIX);
        RecordingHead head = RecordingHead.of(game, room, startedAtMs, TICK_HZ, 3, FRAGMENT_TICKS,
                RecordingHead.schemaBytes(List.of()));
        ArchiveWriter writer = ArchiveWriter.create(file, head);
        FragmentBuilder f = new FragmentBuilder();
        byte[] snapshot = new byte[40];
        for (int n = 0; n < fragments; n++) {
            int start = n * FRAGMENT_TICKS;
            f.begin(n, start, snapshot);
            for (int p = 0; n == 0 && p < players; p++) {
                f.join(start, p, "player-" + p);
            }
            for (int t = start; t < start + FRAGMENT_TICKS; t += 3) {
                snapshot[0] = (byte) t;
                f.snapshot(t, snapshot, 0, snapshot.length);
            }
            writer.appendFragment(f.finish());
        }
        if (finish) {
            writer.finish(0);
        } else {
            writer.close();
        }
        return file;
    }
}

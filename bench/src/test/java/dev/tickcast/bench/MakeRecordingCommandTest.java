package dev.tickcast.bench;

import dev.tickcast.record.ArchiveReader;
import dev.tickcast.record.Replay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MakeRecordingCommandTest {
    @TempDir
    Path dir;

    private Path make(String sub, long seed) throws Exception {
        int code = new CommandLine(new MakeRecordingCommand()).execute("--dir", dir.resolve(sub).toString(),
                "--minutes", "2", "--seed", Long.toString(seed));
        assertEquals(0, code);
        try (var files = Files.list(dir.resolve(sub))) {
            List<Path> all = files.toList();
            assertEquals(1, all.size());
            return all.get(0);
        }
    }

    @Test
    void writesAFinishedThinnedArenaArchiveThatReplaysEverySnapshot() throws Exception {
        Path file = make("a", 3);
        assertTrue(file.getFileName().toString().matches("[A-Za-z0-9_-]{22}\\.tcrec"), file.toString());
        ArchiveReader r = ArchiveReader.read(file);
        assertNull(r.damage());
        assertTrue(r.finished());
        assertEquals("arena", r.head().game());
        assertEquals(16, r.players());
        assertEquals(30, r.fragments().size(), "2 minutes of 4 s fragments");
        long keyframes = r.fragments().stream().filter(ArchiveReader.Fragment::hasFull).count();
        assertEquals(4, keyframes, "thinned to one per 30 s");
        List<String> markers = r.markers().stream().map(m -> m.text()).toList();
        assertEquals(List.of("minute 1", "minute 2"), markers.stream().filter(m -> m.startsWith("minute ")).toList());
        assertTrue(markers.stream().anyMatch(m -> m.endsWith(" takes the lead")), "the arena's own marks: " + markers);
        Replay replay = r.replay();
        assertTrue(replay.seek(r.fragments().get(0).startTick()));
        int snapshots = 1;
        while (replay.next()) {
            snapshots++;
        }
        assertNull(replay.error());
        assertEquals(2 * 60 * 20, snapshots);
    }

    @Test
    void isDeterministicForASeed() throws Exception {
        assertArrayEquals(Files.readAllBytes(make("a", 5)), Files.readAllBytes(make("b", 5)));
    }
}

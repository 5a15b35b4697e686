package dev.tickcast.bench;

import dev.tickcast.record.ArchiveReader;
import dev.tickcast.record.ArchiveWriter;
import dev.tickcast.record.FragmentBuilder;
import dev.tickcast.record.RecordingHead;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingStatsCommandTest {
    @TempDir
    Path dir;

    @Test
    void splitsAFileIntoKeyframesDeltasAndOverhead() throws Exception {
        Path file = dir.resolve("a.tcrec");
        FragmentBuilder b = new FragmentBuilder();
        try (ArchiveWriter w = ArchiveWriter.create(file, RecordingHead.of("arena", "r", 0, 60, 3, 6, new byte[] {0x21, 0}))) {
            for (int f = 0; f < 2; f++) {
                int start = 6 * f;
                b.begin(f, start, new byte[] {0x22, 1, 2, 3, 4, 5, 6, 7, 8, 9}); // a 10-byte keyframe
                b.snapshot(start, new byte[] {0x22, 1, 2, 3}, 0, 4);                // first: 4
                b.join(start, 1, "ann");
                b.snapshot(start + 3, new byte[] {0x22, 1, 2}, 0, 3);               // second: 3
                w.appendFragment(b.finish());
            }
        }
        JsonObject s = RecordingStatsCommand.stats(ArchiveReader.read(file));
        assertFalse(s.getBoolean("finished"));
        assertEquals(2, s.getInteger("fragments"));
        assertEquals(2, s.getInteger("fragmentsWithKeyframe"));
        assertEquals(10.0, s.getJsonObject("keyframeBytes").getDouble("mean"));
        assertEquals(4.0, s.getJsonObject("firstDeltaBytes").getDouble("mean"));
        assertEquals(3.0, s.getJsonObject("secondDeltaBytes").getDouble("mean"));
        assertEquals(2, s.getLong("otherEntries"));
        // per fragment: block 9 + number 1 + startTick 1 + flags 1 + full (1 + 10) + count 1 + snapshot
        // (1 + 1 + 1 + 4) + join (1 + 1 + 1 + 1 + 3) + snapshot (1 + 1 + 1 + 3) = 44; overhead 44 - 10 - 7 = 27
        assertEquals(88, s.getLong("fragmentBlockBytes"));
        assertEquals(2 * 27, s.getLong("overheadBytes"));
    }

    @Test
    void sharesAnArenaRecordingsDeltasAmongItsTables() throws Exception {
        MakeRecordingCommand make = new MakeRecordingCommand();
        make.dir = dir;
        make.minutes = 1.2;
        assertEquals(0, make.call());
        Path file;
        try (var files = java.nio.file.Files.list(dir)) {
            file = files.filter(p -> p.toString().endsWith(".tcrec")).findFirst().orElseThrow();
        }
        JsonObject t = TableCosts.of(ArchiveReader.read(file), 0, 100);
        assertEquals(98, t.getInteger("snapshots"), "the first two are the base and predictor of the third");
        JsonObject tables = t.getJsonObject("tables");
        double sum = tables.getDouble("orb") + tables.getDouble("npc") + tables.getDouble("player") + t.getDouble("empty");
        assertEquals(t.getDouble("whole"), sum, 0.1 * t.getDouble("whole"), "the shares add up to about the whole");
        assertTrue(tables.getDouble("npc") > tables.getDouble("player"), "32 random walkers cost more than 16 players");
        assertTrue(TableCosts.of(ArchiveReader.read(file), 5, 10).containsKey("error"), "no minute 5 in 1.2 minutes");
    }
}

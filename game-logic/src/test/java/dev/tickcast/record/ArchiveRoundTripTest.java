package dev.tickcast.record;

import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.GameMessage;
import dev.tickcast.wire.Messages;
import com.esotericsoftware.kryo.io.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing an archive and reading it back gives every entry and every recorded state at every tick. */
class ArchiveRoundTripTest {
    static final byte[] CHAT_FRAME = frame(new ChatMessage(2, "Zoë", "gg \"quoted\" 🎮"));
    static final byte[] GAME_FRAME = frame(new GameMessage(200, new byte[] {0x2A, 0, 7}));

    @TempDir
    Path dir;

    static byte[] frame(Object message) {
        Output out = new Output(256, -1);
        Messages.write(Messages.newKryo(), out, message);
        return out.toBytes();
    }

    @Test
    void shouldReadBackTheHeadFragmentsIndexAndMarkers() throws IOException {
        ArenaRecording rec = ArenaRecording.record(CHAT_FRAME, GAME_FRAME);
        ArchiveReader r = ArchiveReader.of(rec.write(dir, "a.tcrec", ArenaRecording.KEYFRAME_EVERY_MS));
        assertNull(r.damage());
        assertTrue(r.finished());
        assertEquals(rec.head, r.head());
        assertEquals(rec.recorder.states().get(0).tableCount(), r.head().schemas().size());
        assertEquals(List.of(3, 33, 63), r.fragments().stream().map(ArchiveReader.Fragment::startTick).toList());
        assertEquals(List.of(30, 60, 90), r.fragments().stream().map(ArchiveReader.Fragment::endTick).toList());
        assertEquals(List.of(true, false, true), r.fragments().stream().map(ArchiveReader.Fragment::hasFull).toList());
        assertEquals(List.of(0, 1, 2), r.fragments().stream().map(ArchiveReader.Fragment::number).toList());
        assertEquals(List.of(new ArchiveIndex.Marker(45, "first blood")), r.markers());
        assertEquals(3, r.players());
        assertEquals(90, r.endTick());
        assertEquals((90 - 3) * 1000L / 60, r.durationMs());
        assertEquals(r.index().fragments().get(1).offset(), r.fragments().get(1).offset());
        assertEquals(r.bytes().length, r.readableBytes());
    }

    @Test
    void shouldReadBackEveryEntryWhetherThinnedOrNot() throws IOException {
        ArenaRecording rec = ArenaRecording.record(CHAT_FRAME, GAME_FRAME);
        List<String> thinned = entries(ArchiveReader.of(rec.write(dir, "t.tcrec", ArenaRecording.KEYFRAME_EVERY_MS)));
        List<String> all = entries(ArchiveReader.of(rec.write(dir, "a.tcrec", 0)));
        assertEquals(all, thinned);
        assertEquals(30, all.stream().filter(e -> e.contains(" SNAPSHOT ")).count());
        List<String> events = all.stream().filter(e -> !e.contains(" SNAPSHOT ")).toList();
        assertEquals(List.of("3 JOIN 0 ann", "3 JOIN 1 Zoë", "3 JOIN 2 🎮 bot", "12 CHAT " + CHAT_FRAME.length,
                "40 GAME_MESSAGE " + GAME_FRAME.length, "45 MARK first blood", "75 LEAVE 2"), events);
        List<Integer> ticks = rec.recorder.states().stream().map(Snapshot::tick).toList();
        assertEquals(ticks, all.stream().filter(e -> e.contains(" SNAPSHOT ")).map(e -> Integer.parseInt(e.split(" ")[0])).toList());
    }

    @Test
    void shouldReplayEveryTickFromAnyThinning() throws IOException {
        ArenaRecording rec = ArenaRecording.record(CHAT_FRAME, GAME_FRAME);
        for (int every : new int[] {0, ArenaRecording.KEYFRAME_EVERY_MS, 60_000}) {
            ArchiveReader r = ArchiveReader.of(rec.write(dir, "k" + every + ".tcrec", every));
            Replay fresh = r.replay();
            assertFalse(fresh.seek(2), "before the first snapshot");
            for (int t = 0; t <= 95; t++) {
                Snapshot expected = stateAt(rec.recorder.states(), t);
                Replay replay = r.replay();
                assertEquals(expected != null, replay.seek(t), "seek " + t);
                if (expected != null) {
                    assertSame(expected, replay.state(), "thinning " + every + ", tick " + t);
                }
            }
            Replay walk = r.replay();
            assertTrue(walk.seek(3));
            for (int i = 1; i < rec.recorder.states().size(); i++) {
                assertTrue(walk.next(), "next " + i);
                assertSame(rec.recorder.states().get(i), walk.state(), "step " + i);
            }
            assertFalse(walk.next());
            assertNull(walk.error());
        }
    }

    @Test
    void shouldStartAtAnyFragmentWithAKeyframe() throws IOException {
        ArenaRecording rec = ArenaRecording.record(CHAT_FRAME, GAME_FRAME);
        ArchiveReader r = ArchiveReader.of(rec.write(dir, "all.tcrec", 0));
        for (int k = 0; k < r.fragments().size(); k++) {
            Replay replay = r.replay();
            int start = r.fragments().get(k).startTick();
            assertTrue(replay.seek(start));
            assertEquals(k, replay.fragment(), "started at its own keyframe");
            int i = rec.recorder.states().indexOf(stateAt(rec.recorder.states(), start));
            assertSame(rec.recorder.states().get(i), replay.state(), "fragment " + k);
            while (replay.next()) {
                assertSame(rec.recorder.states().get(++i), replay.state(), "fragment " + k + ", step " + i);
            }
            assertEquals(rec.recorder.states().size() - 1, i);
        }
    }

    @Test
    void shouldSeekBackAndForthOnOneReplay() throws IOException {
        ArenaRecording rec = ArenaRecording.record(CHAT_FRAME, GAME_FRAME);
        Replay replay = ArchiveReader.of(rec.write(dir, "s.tcrec", ArenaRecording.KEYFRAME_EVERY_MS)).replay();
        for (int t : new int[] {90, 4, 50, 51, 62, 33, 89, 3, 70, 69}) {
            assertTrue(replay.seek(t));
            assertSame(stateAt(rec.recorder.states(), t), replay.state(), "seek " + t);
        }
    }

    static Snapshot stateAt(List<Snapshot> states, int tick) {
        Snapshot found = null;
        for (Snapshot s : states) {
            if (s.tick() <= tick) {
                found = s;
            }
        }
        return found;
    }

    static void assertSame(Snapshot expected, Snapshot actual, String what) {
        assertEquals(expected.tick(), actual.tick(), what);
        assertTrue(expected.sameContent(actual), what + ": " + expected.describe() + " vs " + actual.describe());
    }

    static List<String> entries(ArchiveReader r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.fragments().size(); i++) {
            r.entries(i, new EntryVisitor() {
                @Override
                public void snapshot(int tick, byte[] data, int offset, int length) {
                    out.add(tick + " SNAPSHOT " + length);
                }

                @Override
                public void chat(int tick, byte[] data, int offset, int length) {
                    assertArrayEquals(CHAT_FRAME, java.util.Arrays.copyOfRange(data, offset, offset + length));
                    out.add(tick + " CHAT " + length);
                }

                @Override
                public void gameMessage(int tick, byte[] data, int offset, int length) {
                    assertArrayEquals(GAME_FRAME, java.util.Arrays.copyOfRange(data, offset, offset + length));
                    out.add(tick + " GAME_MESSAGE " + length);
                }

                @Override
                public void join(int tick, int playerId, String name) {
                    out.add(tick + " JOIN " + playerId + " " + name);
                }

                @Override
                public void leave(int tick, int playerId) {
                    out.add(tick + " LEAVE " + playerId);
                }

                @Override
                public void mark(int tick, String text) {
                    out.add(tick + " MARK " + text);
                }
            });
        }
        return out;
    }
}

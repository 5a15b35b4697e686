package dev.tickcast.server.internal.room;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.game.rewind.LagCompensation;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.record.ArchiveReader;
import dev.tickcast.record.EntryVisitor;
import dev.tickcast.record.Replay;
import dev.tickcast.server.internal.record.ArchiveSink;
import dev.tickcast.server.internal.record.Recordings;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording arena room driven step by step: its archive replays exactly the states a live
 * spectator decoded, from the first fragment or from any fragment's keyframe; chat, game messages to
 * everyone, joins, leaves and marks are in it; a write failure stops the recording and not the room;
 * a fragment costs the room one encode (its keyframe): the delta from it is the spectators'.
 */
@ExtendWith(VertxExtension.class)
class RoomRecordingTest {
    /** Broadcasts of one fragment: 1 s at 20 Hz. */
    private static final int FRAGMENT = 20;
    private static final int EVERY = 50;
    private static final int TYPE = 7;

    /** The arena, marking every {@value #EVERY} ticks and telling every player so. */
    static final class MarkingArena implements Game {
        private final ArenaGame arena = new ArenaGame();
        private RoomContext room;

        @Override
        public void onCreate(RoomContext context) {
            room = context;
            arena.onCreate(context);
        }

        @Override
        public int onJoin(int playerId, Identity player) {
            return arena.onJoin(playerId, player);
        }

        @Override
        public boolean onInput(int playerId, int seq, InputReader input) {
            return arena.onInput(playerId, seq, input);
        }

        @Override
        public void step(int tick) {
            arena.step(tick);
            if (tick % EVERY == 0) {
                room.mark("tick " + tick);
                room.message(TYPE).writeVarUInt(tick).sendToAll();
            }
        }

        @Override
        public void onLeave(int playerId) {
            arena.onLeave(playerId);
        }
    }

    private static GameSpec spec(boolean record) {
        return GameSpec.of("arena", MarkingArena::new).rates(60, 20).maxPlayers(16).record(record);
    }

    private static Room room(Vertx vertx, Recordings recordings, GameSpec spec) {
        Room room = new Room("rec", spec, vertx.getOrCreateContext(), 3, new RoomSettings(System::nanoTime, 10_000,
                15_000, SnapshotObserver.NONE, RoomMetrics.Factory.NONE, LagCompensation.DEFAULT, recordings),
                new RoomListener() {
                    @Override
                    public void onSeatFreed(Room r, String token) {
                    }

                    @Override
                    public void onDisposed(Room r) {
                    }
                });
        room.start(false);
        return room;
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static void steps(Room room, int n) {
        for (int i = 0; i < n; i++) {
            room.step();
        }
    }

    /** A state's whole-world encoding from the empty snapshot: equal states, equal bytes. */
    private static byte[] full(Snapshot s) {
        Output out = new Output(4096, -1);
        new DeltaEncoder().encode(s, null, null, out);
        return out.toBytes();
    }

    /** What a live spectator decoded, by tick (as whole-world bytes), with the Java decoder. */
    private static Map<Integer, byte[]> decode(List<Buffer> frames, List<Schema> schemas) {
        Map<Integer, Snapshot> states = new LinkedHashMap<>();
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        DeltaDecoder decoder = new DeltaDecoder();
        for (Buffer frame : frames) {
            byte[] bytes = frame.getBytes();
            if ((bytes[0] & 0xFF) != Protocol.typeByte(Protocol.SNAPSHOT)) {
                continue;
            }
            assertEquals(DeltaDecoder.OK, decoder.readHeader(bytes, 0, bytes.length));
            Snapshot target = new Snapshot(schemas);
            Snapshot empty = new Snapshot(schemas);
            Snapshot base = decoder.full() ? empty : states.get(decoder.baseTick());
            Snapshot pred = decoder.predTick() == Snapshot.NO_TICK ? empty : states.get(decoder.predTick());
            assertEquals(DeltaDecoder.OK, decoder.decodeBody(base, pred, target), "tick " + decoder.tick());
            states.put(target.tick(), target);
            out.put(target.tick(), full(target));
        }
        return out;
    }

    /** The archive's states from fragment {@code k}'s keyframe to its end, by tick. */
    private static Map<Integer, byte[]> replay(ArchiveReader reader, int k) {
        Replay replay = reader.replay();
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        assertTrue(replay.seek(reader.fragments().get(k).startTick()), "seek to fragment " + k);
        assertEquals(k, replay.fragment(), "started at its own keyframe");
        do {
            out.put(replay.tick(), full(replay.state()));
        } while (replay.next());
        assertNull(replay.error());
        return out;
    }

    private static void assertSameStates(Map<Integer, byte[]> live, Map<Integer, byte[]> replayed, int from) {
        int compared = 0;
        for (Map.Entry<Integer, byte[]> e : live.entrySet()) {
            if (e.getKey() >= from) {
                assertArrayEquals(e.getValue(), replayed.get(e.getKey()), "the state of tick " + e.getKey());
                compared++;
            }
        }
        assertEquals(compared, replayed.size(), "no state the spectator did not see");
    }

    @Test
    void shouldReplayWhatTheLiveSpectatorSawFromAnyFragment(Vertx vertx, @TempDir Path dir) throws Exception {
        Recordings recordings = Recordings.on(vertx, Set.of(), dir, 1);
        Room room = room(vertx, recordings, spec(true));
        room.join(new Session(new MemoryLink(), "ann"));
        Session bob = new Session(new MemoryLink(), "bob");
        room.join(bob);
        MemoryLink watcher = new MemoryLink();
        room.watch(new Session(watcher, "spectator"));
        steps(room, 130);
        room.announce("half time");
        steps(room, 70);
        room.leave(bob);
        steps(room, 160); // 360 ticks: 120 broadcasts, six fragments
        ArchiveSink sink = room.recorder().sink();
        await(sink.written());
        byte[] live = Files.readAllBytes(sink.file()); // before the finish: every fragment keeps its keyframe
        room.dispose(Protocol.CLOSE_NORMAL, "over");
        await(room.recorder().close());
        assertTrue(sink.file().getFileName().toString().matches("[A-Za-z0-9_-]{22}\\.tcrec"), "an unguessable id");

        ArchiveReader unfinished = ArchiveReader.of(live);
        assertNull(unfinished.damage());
        assertFalse(unfinished.finished());
        assertEquals(5, unfinished.fragments().size(), "the sixth was being built: it is written at the finish");
        List<Schema> schemas = unfinished.head().schemas();
        Map<Integer, byte[]> seen = decode(watcher.sent, schemas);
        assertEquals(120, seen.size());
        for (int k = 0; k < unfinished.fragments().size(); k++) {
            ArchiveReader.Fragment f = unfinished.fragments().get(k);
            assertTrue(f.hasFull());
            assertEquals(3 + 3 * FRAGMENT * k, f.startTick(), "a fragment is " + FRAGMENT + " broadcasts");
            Map<Integer, byte[]> replayed = replay(unfinished, k);
            assertEquals(3 * FRAGMENT * (5 - k), replayed.size() * 3, "to the end of the readable part");
            for (Map.Entry<Integer, byte[]> e : replayed.entrySet()) {
                assertArrayEquals(seen.get(e.getKey()), e.getValue(), "from fragment " + k + ", tick " + e.getKey());
            }
        }

        ArchiveReader reader = ArchiveReader.read(sink.file());
        assertTrue(reader.finished(), String.valueOf(reader.damage()));
        assertEquals(6, reader.fragments().size());
        assertEquals("arena", reader.head().game());
        assertEquals("rec", reader.head().roomId());
        assertEquals(3 * FRAGMENT, reader.head().fragmentTicks());
        assertTrue(reader.fragments().get(0).hasFull());
        assertFalse(reader.fragments().get(1).hasFull(), "thinned: a keyframe every 30 s");
        assertSameStates(seen, replay(reader, 0), 0);
        assertEquals(List.of("tick 50", "tick 100", "tick 150", "tick 200", "tick 250", "tick 300", "tick 350"),
                reader.markers().stream().map(m -> m.text()).toList());
        assertEquals(List.of(50, 100, 150, 200, 250, 300, 350), reader.markers().stream().map(m -> m.tick()).toList());
        assertEquals(2, reader.players());
        List<String> entries = new ArrayList<>();
        for (int k = 0; k < reader.fragments().size(); k++) {
            reader.entries(k, new EntryVisitor() {
                @Override
                public void chat(int tick, byte[] data, int offset, int length) {
                    entries.add("chat " + tick);
                }

                @Override
                public void gameMessage(int tick, byte[] data, int offset, int length) {
                    entries.add("message " + tick + " " + Arrays.toString(Arrays.copyOfRange(data, offset, offset + length)));
                }

                @Override
                public void join(int tick, int playerId, String name) {
                    entries.add("join " + tick + " " + playerId + " " + name);
                }

                @Override
                public void leave(int tick, int playerId) {
                    entries.add("leave " + tick + " " + playerId);
                }
            });
        }
        assertEquals("join 3 0 ann", entries.get(0), "the joins before the first broadcast: at its tick");
        assertEquals("join 3 1 bob", entries.get(1));
        assertEquals("message 50 [" + Protocol.typeByte(Protocol.GAME_MESSAGE) + ", 7, 50]", entries.get(2));
        assertTrue(entries.contains("chat 130"), entries.toString());
        assertTrue(entries.contains("leave 200 1"), entries.toString());
    }

    @Test
    void shouldGoOnWithoutTheRecordingWhenTheDiskFails(Vertx vertx, @TempDir Path dir) throws Exception {
        Path notADir = Files.writeString(dir.resolve("taken"), "a file where the folder should be");
        Logger logger = (Logger) LoggerFactory.getLogger(ArchiveSink.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            Room room = room(vertx, Recordings.on(vertx, Set.of("arena"), notADir, 1), spec(false));
            room.join(new Session(new MemoryLink(), "ann"));
            MemoryLink watcher = new MemoryLink();
            room.watch(new Session(watcher, "spectator"));
            steps(room, 150);
            await(room.recorder().sink().written());
            steps(room, 150);
            await(room.recorder().sink().written());
            assertTrue(room.recorder().sink().failed());
            assertFalse(room.recorder().on(), "the recorder stopped");
            assertEquals(300, room.tick(), "the room went on");
            assertEquals(100, watcher.sent.stream().filter(b -> b.getByte(0) == Protocol.typeByte(Protocol.SNAPSHOT)).count());
            room.dispose(Protocol.CLOSE_NORMAL, "over");
            await(room.recorder().close());
            List<ILoggingEvent> warnings = lines.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertEquals(1, warnings.size(), lines.list.toString());
            assertTrue(warnings.get(0).getFormattedMessage().contains("recording"), warnings.get(0).getFormattedMessage());
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void shouldCostOneEncodePerFragmentAfterTheFirst(Vertx vertx, @TempDir Path dir) throws Exception {
        long[] encodes = new long[2];
        for (int i = 0; i < 2; i++) {
            Room room = room(vertx, Recordings.on(vertx, Set.of(), dir, 1), spec(i == 1));
            room.join(new Session(new MemoryLink(), "ann"));
            room.join(new Session(new MemoryLink(), "bob"));
            room.watch(new Session(new MemoryLink(), "spectator"));
            steps(room, 3 * FRAGMENT * 5); // five fragments
            encodes[i] = await(room.stats()).encodes;
            room.dispose(Protocol.CLOSE_NORMAL, "over");
            await(room.recorder().close());
        }
        assertEquals(4, encodes[1] - encodes[0], "a keyframe per fragment (the delta from it is the spectators'); the first is shared");
    }
}

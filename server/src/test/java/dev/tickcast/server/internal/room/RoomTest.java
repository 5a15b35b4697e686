package dev.tickcast.server.internal.room;

import dev.tickcast.client.SnapshotMirror;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A room driven step by step with in-memory links: encode once, share buffers, skip and resync. */
@ExtendWith(VertxExtension.class)
class RoomTest {
    private static final int SNAPSHOT_EVERY = ArenaGame.SPEC.snapshotEveryTicks();

    private Room room;
    private final List<Snapshot> broadcasts = new ArrayList<>();
    private List<Schema> schemas;
    /** The room's figures, as its metrics see them after each step. */
    private RoomStats stats;
    private long now = 1;

    @BeforeEach
    void create(Vertx vertx) {
        SnapshotObserver record = (r, snapshot) -> {
            schemas = IntStream.range(0, snapshot.tableCount()).mapToObj(i -> snapshot.table(i).schema()).toList();
            Snapshot copy = new Snapshot(schemas);
            copy.copyFrom(snapshot);
            broadcasts.add(copy);
        };
        RoomMetrics metrics = new RoomMetrics() {
            @Override
            public void onStep(RoomStats s) {
                stats = s;
            }

            @Override
            public void onDisposed(RoomStats s) {
                stats = s;
            }
        };
        room = new Room("test", ArenaGame.SPEC, vertx.getOrCreateContext(), 42,
                new RoomSettings(() -> now, 10_000, 15_000, record, spec -> metrics), new RoomListener() {
            @Override
            public void onSeatFreed(Room r, String token) {
            }

            @Override
            public void onDisposed(Room r) {
            }
        });
        room.start(false);
    }

    @Test
    void shouldEncodeOnceAndShareTheBufferAmongUpToDateClients() {
        List<MemoryLink> links = join(5);
        ticks(SNAPSHOT_EVERY * 4);
        long before = stats.encodes();
        ticks(SNAPSHOT_EVERY);
        assertEquals(before + 1, stats.encodes(), "one encode for five clients");
        Buffer shared = last(links.get(0));
        for (MemoryLink link : links) {
            assertSame(shared, last(link), "every client gets the same buffer");
        }
    }

    @Test
    void shouldSendAFullSnapshotFirstAndDeltasAfter() {
        MemoryLink link = join(1).get(0);
        ticks(SNAPSHOT_EVERY * 3);
        List<Buffer> snapshots = snapshots(link);
        assertEquals(3, snapshots.size());
        assertTrue(header(snapshots.get(0)).full());
        assertEquals(broadcasts.get(0).tick(), header(snapshots.get(1)).baseTick());
        assertEquals(broadcasts.get(0).tick(), header(snapshots.get(2)).predTick(), "third one is predictive");
    }

    @Test
    void shouldSkipAClientWhoseQueueIsFullAndCatchItUp() {
        List<MemoryLink> links = join(2);
        MemoryLink slow = links.get(1);
        ticks(SNAPSHOT_EVERY * 2);
        slow.writable = false;
        ticks(SNAPSHOT_EVERY * 10);
        assertEquals(10, room.session(1).snapshotsSkipped());
        assertEquals(2, snapshots(slow).size());
        slow.writable = true;
        ticks(SNAPSHOT_EVERY);
        assertEquals(broadcasts.get(1).tick(), header(last(slow)).baseTick(), "the delta covers the whole gap");
        assertMirrorEqualsRoom(slow);
        slow.writable = false;
        ticks(SNAPSHOT_EVERY * 70);
        slow.writable = true;
        ticks(SNAPSHOT_EVERY);
        assertTrue(header(last(slow)).full(), "baseline left the ring: keyframe");
        assertMirrorEqualsRoom(slow);
        assertMirrorEqualsRoom(links.get(0));
    }

    @Test
    void shouldShareTheEncodeWithSpectatorsOnTheSameBaseline() {
        List<MemoryLink> links = join(3);
        MemoryLink spectator = new MemoryLink();
        room.watch(new Session(spectator, "watcher"));
        ticks(SNAPSHOT_EVERY * 4);
        long before = stats.encodes();
        long broadcastsBefore = stats.broadcasts();
        ticks(SNAPSHOT_EVERY);
        assertEquals(before + 1, stats.encodes(), "one encode for three players and a spectator");
        assertEquals(broadcastsBefore + 1, stats.broadcasts(), "one broadcast pass per snapshot");
        assertSame(last(links.get(0)), last(spectator), "the spectator gets the players' buffer");
        assertMirrorEqualsRoom(spectator);
    }

    @Test
    void shouldCloseOnlyTheSenderOfABadPayload() throws Exception {
        MemoryLink link = join(1).get(0);
        Session sender = room.session(0);
        sender.offer(Buffer.buffer(new byte[] {(byte) Protocol.typeByte(Protocol.INPUT), 1, 0, 0x7F}));
        room.drain(sender);
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, link.closeCode, "bad payload closes the sender only");
        assertFalse(room.stats().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).disposed());
    }

    private void assertMirrorEqualsRoom(MemoryLink link) {
        SnapshotMirror mirror = null;
        for (Buffer message : link.sent) {
            byte[] bytes = message.getBytes();
            int type = bytes[0] & 0xFF;
            if (type == Protocol.typeByte(Protocol.SCHEMA)) {
                mirror = new SnapshotMirror(schemas);
            } else if (type == Protocol.typeByte(Protocol.SNAPSHOT)) {
                assertEquals(DeltaDecoder.OK, mirror.apply(bytes, 0, bytes.length));
            }
        }
        Snapshot expected = broadcasts.get(broadcasts.size() - 1);
        assertEquals(expected.tick(), mirror.current().tick());
        assertTrue(expected.sameContent(mirror.current()), () -> "mirror differs from the room\n" + expected.describe());
    }

    private List<MemoryLink> join(int count) {
        List<MemoryLink> links = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            MemoryLink link = new MemoryLink();
            room.join(new Session(link, "p" + i));
            links.add(link);
        }
        return links;
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            room.step();
        }
    }

    private static List<Buffer> snapshots(MemoryLink link) {
        List<Buffer> list = new ArrayList<>();
        for (Buffer b : link.sent) {
            if (b.getUnsignedByte(0) == Protocol.typeByte(Protocol.SNAPSHOT)) {
                list.add(b);
            }
        }
        return list;
    }

    private static Buffer last(MemoryLink link) {
        List<Buffer> s = snapshots(link);
        return s.get(s.size() - 1);
    }

    private static DeltaDecoder header(Buffer message) {
        DeltaDecoder decoder = new DeltaDecoder();
        byte[] bytes = message.getBytes();
        assertEquals(DeltaDecoder.OK, decoder.readHeader(bytes, 0, bytes.length));
        return decoder;
    }
}

package dev.tickcast.server.internal.room;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rooms of one loop are stepped together by one driver; a session's inbox is taken at each step, in order. */
@ExtendWith(VertxExtension.class)
class LoopTickerTest {
    private static final RoomListener NONE = new RoomListener() {
        @Override
        public void onSeatFreed(Room r, String token) {
        }

        @Override
        public void onDisposed(Room r) {
        }
    };

    @Test
    void shouldStepEveryRoomOfALoopOnOneScheduleAndKeepStepping(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        RoomSettings settings = new RoomSettings(System::nanoTime, 10_000, 15_000);
        Room a = new Room("a", ArenaGame.SPEC, context, 1, settings, NONE);
        Room b = new Room("b", ArenaGame.SPEC, context, 2, settings, NONE);
        on(context, () -> {
            a.start(true);
            b.start(true);
            a.join(new Session(new MemoryLink(), "pa"));
            b.join(new Session(new MemoryLink(), "pb"));
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int[] ticks;
        do {
            ticks = on(context, () -> new int[] {a.tick(), b.tick()});
            assertEquals(ticks[0], ticks[1], "rooms that started in one task step in the same timer callbacks");
            assertTrue(System.nanoTime() < deadline, "rooms did not tick");
        } while (ticks[0] < 30);
        on(context, () -> {
            a.dispose(Protocol.CLOSE_GOING_AWAY, "test");
            return null;
        });
        int bNow = on(context, b::tick);
        do {
            assertTrue(System.nanoTime() < deadline, "the other room stopped");
        } while (on(context, b::tick) < bNow + 10);
        on(context, () -> {
            b.dispose(Protocol.CLOSE_GOING_AWAY, "test");
            return null;
        });
    }

    @Test
    void shouldTakeInputsAtTheStepAndKeepEveryMessageInOrder(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        Room room = new Room("r", ArenaGame.SPEC, context, 1, new RoomSettings(System::nanoTime, 10_000, 15_000), NONE);
        MemoryLink link = new MemoryLink();
        Session s = new Session(link, "p");
        on(context, () -> {
            room.start(false);
            room.join(s);
            return null;
        });
        int input = Protocol.typeByte(Protocol.INPUT);
        assertTrue(s.offer(Buffer.buffer(new byte[] {(byte) input, 1, 0, 0})));
        assertTrue(s.offer(Buffer.buffer(new byte[] {(byte) input, 1, 0, 0})), "a repeated sequence number: a violation");
        assertTrue(s.offer(Buffer.buffer(new byte[] {(byte) input, 2, 0, 0})));
        assertEquals(0, link.closeCode, "nothing is taken before the room drains");
        on(context, () -> {
            room.step();
            return null;
        });
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, link.closeCode, "taken in order at the step: 1, then 1 again");
        assertTrue(s.inbox.isEmpty(), "what follows a violation is dropped");
    }

    private static <T> T on(Context context, Supplier<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}

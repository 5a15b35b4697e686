package dev.tickcast.server.internal.metrics;

import dev.tickcast.server.internal.room.Broadcaster;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomCounters;
import dev.tickcast.server.internal.room.RoomMetrics;

import java.util.concurrent.TimeUnit;

/**
 * One room's side of its game's meters: once per tick it records the tick time and adds what its
 * counters moved since the last tick to the game's adders (nothing is added for a counter that did
 * not move, and nothing is allocated). Room thread only.
 */
final class RoomMeters implements RoomMetrics {
    private final GameMeters game;
    private long players;
    private long dropped;
    private long lateSteps;
    private long droppedTicks;
    private long bytes;
    private long sent;
    private long full;
    private long skipped;
    private long slow;
    private long broadcasts;
    private long encodes;
    private long encodeNs;
    private long inputs;
    private long inputsAccepted;
    private long messages;
    private long messagesAccepted;
    private long reconnections;
    private boolean disposed;

    RoomMeters(GameMeters game) {
        this.game = game;
        game.rooms.increment();
    }

    @Override
    public void onTick(Room room, long durationNs) {
        game.tick.record(durationNs, TimeUnit.NANOSECONDS);
        flush(room);
    }

    @Override
    public void onDisposed(Room room) {
        if (disposed) {
            return;
        }
        flush(room);
        disposed = true;
        game.players.add(-players);
        game.dropped.add(-dropped);
        game.rooms.decrement();
        players = 0;
        dropped = 0;
    }

    private void flush(Room room) {
        if (disposed) {
            return;
        }
        long d = room.droppedPlayers();
        long p = room.players() - d;
        players = gauge(game.players, players, p);
        dropped = gauge(game.dropped, dropped, d);
        lateSteps = add(game.lateSteps, lateSteps, room.lateSteps());
        droppedTicks = add(game.droppedTicks, droppedTicks, room.droppedTicks());
        Broadcaster b = room.broadcaster();
        broadcasts = add(game.broadcasts, broadcasts, b.broadcasts());
        bytes = add(game.snapshotBytes, bytes, b.bytesSent());
        sent = add(game.snapshotsSent, sent, b.snapshotsSent());
        full = add(game.fullSnapshots, full, b.fullSnapshotsSent());
        skipped = add(game.snapshotsSkipped, skipped, b.snapshotsSkipped());
        slow = add(game.slowConsumersClosed, slow, b.slowConsumersClosed());
        encodeNs = add(game.encodeNs, encodeNs, b.encodeNs());
        encodes = add(game.encodes, encodes, b.encodes());
        RoomCounters c = room.counters();
        long accepted = c.inputsAccepted();
        long refusedBefore = inputs - inputsAccepted;
        inputsAccepted = add(game.inputsAccepted, inputsAccepted, accepted);
        inputs = c.inputs();
        add(game.inputsRefused, refusedBefore, inputs - inputsAccepted);
        long gameRefusedBefore = messages - messagesAccepted;
        messagesAccepted = add(game.gameMessagesAccepted, messagesAccepted, c.gameMessagesAccepted());
        messages = c.gameMessages();
        add(game.gameMessagesRefused, gameRefusedBefore, messages - messagesAccepted);
        reconnections = add(game.reconnections, reconnections, c.reconnections());
    }

    /** Adds {@code now - last} to {@code adder} when it moved; returns {@code now}. */
    private static long add(java.util.concurrent.atomic.LongAdder adder, long last, long now) {
        if (now != last) {
            adder.add(now - last);
        }
        return now;
    }

    private static long gauge(java.util.concurrent.atomic.LongAdder adder, long last, long now) {
        return add(adder, last, now);
    }
}

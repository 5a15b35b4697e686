package dev.tickcast.server.internal.metrics;

import dev.tickcast.server.internal.room.RoomMetrics;
import dev.tickcast.server.internal.room.RoomStats;

import java.util.concurrent.TimeUnit;

/**
 * One room's side of its game's meters: once per step it records the step time and adds what its
 * counters moved since the last step to the game's adders (nothing is added for a counter that did
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
    public void onStep(RoomStats room) {
        game.tick.record(room.stepNs(), TimeUnit.NANOSECONDS);
        flush(room);
    }

    @Override
    public void onDisposed(RoomStats room) {
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

    private void flush(RoomStats room) {
        if (disposed) {
            return;
        }
        long d = room.droppedPlayers();
        long p = room.players() - d;
        players = gauge(game.players, players, p);
        dropped = gauge(game.dropped, dropped, d);
        lateSteps = add(game.lateSteps, lateSteps, room.lateSteps());
        droppedTicks = add(game.droppedTicks, droppedTicks, room.droppedTicks());
        broadcasts = add(game.broadcasts, broadcasts, room.broadcasts());
        bytes = add(game.snapshotBytes, bytes, room.bytesSent());
        sent = add(game.snapshotsSent, sent, room.snapshotsSent());
        full = add(game.fullSnapshots, full, room.fullSnapshotsSent());
        skipped = add(game.snapshotsSkipped, skipped, room.snapshotsSkipped());
        slow = add(game.slowConsumersClosed, slow, room.slowConsumersClosed());
        encodeNs = add(game.encodeNs, encodeNs, room.encodeNs());
        encodes = add(game.encodes, encodes, room.encodes());
        long accepted = room.inputsAccepted();
        long refusedBefore = inputs - inputsAccepted;
        inputsAccepted = add(game.inputsAccepted, inputsAccepted, accepted);
        inputs = room.inputs();
        add(game.inputsRefused, refusedBefore, inputs - inputsAccepted);
        long gameRefusedBefore = messages - messagesAccepted;
        messagesAccepted = add(game.gameMessagesAccepted, messagesAccepted, room.gameMessagesAccepted());
        messages = room.gameMessages();
        add(game.gameMessagesRefused, gameRefusedBefore, messages - messagesAccepted);
        reconnections = add(game.reconnections, reconnections, room.reconnections());
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

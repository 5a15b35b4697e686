package dev.tickcast.server.internal.room;

import dev.tickcast.state.Schema;
import dev.tickcast.wire.Protocol;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * A room's clients as its loop sees them: the seated players ({@link Seats}) and the spectators
 * ({@link Spectators}), their greeting (WELCOME and SCHEMA, {@link ControlFrames}) and their
 * inboxes ({@link Inbound}). The frames and the inbound side are made with the game
 * ({@link #open}); before that nobody can be seated or watching. The room's thread only.
 */
final class Sessions {
    private final GameHost game;
    private final Seats seats;
    private final Spectators spectators;
    private final RoomRecorder recorder;
    private ControlFrames frames;
    private Inbound inbound;

    Sessions(GameHost game, Seats seats, Spectators spectators, RoomRecorder recorder) {
        this.game = game;
        this.recorder = recorder;
        this.seats = seats;
        this.spectators = spectators;
    }

    /** Makes the frames and the inbound side, once the game's world has the tables of {@code schemas}. */
    void open(List<Schema> schemas) {
        frames = new ControlFrames(game.roomId(), game.spec(), schemas);
        inbound = new Inbound(frames, game, seats, spectators, recorder);
        recorder.schema(frames.schemaFrame());
    }

    /** Seats {@code s}: WELCOME and SCHEMA now if it took a seat, else it is closed. */
    void join(Session s) {
        if (seats.join(s)) {
            frames.greet(s);
        }
    }

    /** Gives the dropped player {@code playerId}'s seat to {@code s}. */
    void resume(Session s, int playerId) {
        if (seats.resume(s, playerId)) {
            frames.greet(s);
        }
    }

    /** Adds {@code s} as a spectator if the room is {@code open} and has room for one, else closes it. */
    void watch(Session s, boolean open) {
        if (!open || !spectators.add(s)) {
            s.link.close(Protocol.CLOSE_ROOM_CLOSED, open ? "too many spectators" : "room closed");
            return;
        }
        frames.greet(s);
    }

    /** The client left for good: a spectator goes, a player's last messages are taken and its seat freed. */
    void leave(Session s) {
        if (!spectators.remove(s)) {
            drain(s);
            seats.leave(s);
        }
    }

    /** The client's connection dropped: a spectator goes, a player keeps its seat for the grace period. */
    void drop(Session s) {
        if (!spectators.remove(s)) {
            drain(s);
            seats.drop(s);
        }
    }

    /** Takes the messages waiting in {@code s}'s inbox, in order. */
    void drain(Session s) {
        if (inbound != null) {
            inbound.drain(s);
        }
    }

    /** Takes the messages of every seated player (a step's INPUTs). */
    void drainSeated() {
        inbound.drainSeated();
    }

    /** Sends {@code text} to every player as a system chat line. */
    void announce(String text) {
        if (frames != null) {
            Buffer line = frames.systemChat(text);
            seats.sendToAll(line);
            recorder.chat(line);
        }
    }

    /** Closes every client with {@code code} (the room is disposed). */
    void closeAll(short code, String reason) {
        seats.closeAll(code, reason);
        spectators.closeAll(code, reason);
    }
}

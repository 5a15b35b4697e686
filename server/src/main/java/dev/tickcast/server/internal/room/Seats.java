package dev.tickcast.server.internal.room;

import dev.tickcast.server.RoomEvents;
import dev.tickcast.wire.Protocol;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's seats: joins, leaves, drops and resumptions within the reconnection grace period, and
 * the delivery of game messages to seated players. A seat number is the player id the game sees.
 * Room thread only.
 */
final class Seats {
    private static final Logger LOG = LoggerFactory.getLogger(Seats.class);

    private final Room room;
    private final Session[] sessions;
    private final long graceNs;
    private int players;
    private int dropped;

    Seats(Room room, int maxPlayers, long graceNs) {
        this.room = room;
        this.sessions = new Session[maxPlayers];
        this.graceNs = graceNs;
    }

    /** Seats {@code s}: it gets WELCOME and SCHEMA now and a full snapshot at the next broadcast. */
    void join(Session s) {
        int seat = freeSeat();
        if (room.disposed() || seat < 0) {
            s.link.close(Protocol.CLOSE_ROOM_CLOSED, room.disposed() ? "room closed" : "room full");
            room.listener.onSeatFreed(room, s.reconnectToken);
            return;
        }
        String refusal;
        try {
            refusal = room.game.onJoinRequest(s.name, players);
        } catch (RuntimeException e) {
            room.fail(e);
            return;
        }
        if (refusal != null) {
            s.link.close(Protocol.CLOSE_POLICY, refusal);
            room.listener.onSeatFreed(room, s.reconnectToken);
            return;
        }
        s.playerId = seat;
        sessions[seat] = s;
        players++;
        try {
            s.entityId = room.game.onJoin(seat, s.name);
        } catch (RuntimeException e) {
            room.fail(e);
            return;
        }
        room.listener.onJoined(room, seat, s.reconnectToken);
        room.bus.player(RoomEvents.PLAYER_JOINED, s);
        room.welcome(s);
    }

    /** Gives a dropped player's seat to {@code s}, a new connection with the player's reconnection token. */
    void resume(Session s, int playerId) {
        Session old = playerId >= 0 && playerId < sessions.length ? sessions[playerId] : null;
        if (room.disposed() || old == null || !old.dropped()) {
            s.link.close(Protocol.CLOSE_SEAT_EXPIRED, "no dropped seat to resume");
            return;
        }
        s.resume(old);
        sessions[playerId] = s;
        dropped--;
        LOG.info("room {}: player {} resumed its seat", room.id(), playerId);
        room.bus.player(RoomEvents.PLAYER_RESUMED, s);
        room.welcome(s);
    }

    /** The player left for good (it closed normally, or the server closed it for a violation). */
    void leave(Session s) {
        if (!holds(s)) {
            return;
        }
        if (s.dropped()) {
            dropped--;
        }
        sessions[s.playerId] = null;
        players--;
        if (!room.disposed()) {
            try {
                room.game.onLeave(s.playerId);
            } catch (RuntimeException e) {
                room.fail(e);
            }
        }
        room.bus.player(RoomEvents.PLAYER_LEFT, s);
        room.listener.onSeatFreed(room, s.reconnectToken);
    }

    /** The player's connection dropped: keep its seat and entity for the grace period. */
    void drop(Session s) {
        if (!holds(s) || s.dropped()) {
            return;
        }
        if (room.disposed() || s.reconnectToken == null) {
            leave(s);
            return;
        }
        s.droppedAtNs = Math.max(1, room.nanoClock.getAsLong());
        dropped++;
        room.bus.player(RoomEvents.PLAYER_DROPPED, s);
        room.listener.onDropped(room, s.reconnectToken, graceNs / 1_000_000L);
    }

    /** Frees the seats of dropped players whose grace period is over; cheap when none is dropped. */
    void expireDropped() {
        if (dropped == 0) {
            return;
        }
        long now = room.nanoClock.getAsLong();
        for (Session s : sessions) {
            if (s != null && s.dropped() && now - s.droppedAtNs > graceNs) {
                LOG.info("room {}: player {} did not come back within the grace period", room.id(), s.playerId);
                leave(s);
            }
        }
    }

    /**
     * Queues one game-message frame for the listed players (all seated ones but {@code except}
     * when {@code players} is null), each within its per-tick limit; returns how many got it.
     */
    int deliver(int[] players, int count, int except, byte[] frame, int length) {
        Buffer message = null;
        int sent = 0;
        int n = players == null ? sessions.length : count;
        for (int i = 0; i < n; i++) {
            int p = players == null ? i : players[i];
            Session s = p >= 0 && p < sessions.length && p != except ? sessions[p] : null;
            if (s == null || s.dropped() || s.link.closed()
                    || !s.takeGameMessage(room.tick(), Protocol.MAX_GAME_MESSAGES_PER_TICK)) {
                continue;
            }
            if (message == null) {
                message = ControlFrames.copy(frame, length);
            }
            room.outbound.send(s.link, message);
            sent++;
        }
        room.outbound.flush();
        return sent;
    }

    /** Sends {@code message} to every connected player. */
    void sendToAll(Buffer message) {
        for (Session s : sessions) {
            if (s != null && !s.dropped()) {
                room.outbound.send(s.link, message);
            }
        }
        room.outbound.flush();
    }

    /** Closes every connection with {@code code} and empties the seats (the room is disposed). */
    void closeAll(short code, String reason) {
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] != null) {
                sessions[i].link.close(code, reason);
                sessions[i] = null;
            }
        }
        players = 0;
        dropped = 0;
    }

    /** True if {@code s} is the session in its seat (not a stale one). */
    boolean holds(Session s) {
        return s.playerId >= 0 && sessions[s.playerId] == s;
    }

    Session[] sessions() {
        return sessions;
    }

    int players() {
        return players;
    }

    int droppedCount() {
        return dropped;
    }

    Session at(int seat) {
        return sessions[seat];
    }

    private int freeSeat() {
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] == null) {
                return i;
            }
        }
        return -1;
    }
}

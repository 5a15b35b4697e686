package dev.tickcast.server.internal.room;

import dev.tickcast.game.driver.Admission;
import dev.tickcast.game.driver.Verdict;
import dev.tickcast.server.RoomEvents;
import dev.tickcast.wire.Protocol;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;

/**
 * A room's seats: joins, leaves, drops and resumptions within the reconnection grace period, and
 * kicks. A seat number is the player id the game sees. The game is reached through its driver
 * ({@link GameHost#driver()}), which keeps the seats as the game knows them and decides joins; the
 * matchmaker through a {@link SeatListener}. Once {@link #closeAll closed} (the room is disposed)
 * every seat refuses. The room's thread only.
 */
final class Seats {
    private static final Logger LOG = LoggerFactory.getLogger(Seats.class);
    /** The answer to a join once the room is closed: 4005, "room closed". */
    private static final Admission CLOSED = new Admission(Verdict.DISPOSED, -1, -1, Verdict.DISPOSED.reason());

    /**
     * What the seats tell the matchmaker, by reconnection token (the room's {@link RoomListener}
     * with the room bound): a player took a seat (and its number), a player dropped (and the grace
     * period in ms), a seat is free again or a join was refused.
     */
    record SeatListener(ObjIntConsumer<String> joined, ObjLongConsumer<String> dropped, Consumer<String> freed) {
    }

    private final GameHost game;
    private final RoomBus bus;
    private final SeatListener listener;
    private final Session[] sessions;
    private final long graceNs;
    private final LongSupplier clock;
    private final Outbound outbound;
    private int players;
    private int dropped;
    private boolean closed;
    private long reconnections;

    /**
     * Seats for {@code game}'s room, publishing to {@code bus}, telling {@code listener}; a dropped
     * player keeps its seat for {@code graceNs} on {@code clock}; writes go through {@code outbound}.
     */
    Seats(GameHost game, RoomBus bus, SeatListener listener, long graceNs, LongSupplier clock, Outbound outbound) {
        this.game = game;
        this.bus = bus;
        this.listener = listener;
        this.sessions = new Session[game.spec().maxPlayers()];
        this.graceNs = graceNs;
        this.clock = clock;
        this.outbound = outbound;
    }

    /**
     * Seats {@code s} if the game admits it; true if it took a seat (the room then greets it),
     * false if it was refused and closed (the room full or closed, the game's refusal, or the
     * game failing, which closes every client). A verified identity whose subject holds a seat
     * here already takes that seat over instead ({@link #takeOver}).
     */
    boolean join(Session s) {
        Session held = closed ? null : heldBy(s.identity.subject());
        if (held != null) {
            return takeOver(s, held);
        }
        Admission admission = closed ? CLOSED : game.driver().join(s.identity);
        if (!admission.admitted()) {
            s.link.close(admission.closeCode(), admission.reason());
            if (admission.verdict() != Verdict.FAILED) { // a failed game closed the room and every seat with it
                listener.freed().accept(s.reconnectToken);
            }
            return false;
        }
        int seat = admission.seat();
        s.playerId = seat;
        s.entityId = admission.entity();
        sessions[seat] = s;
        players++;
        listener.joined().accept(s.reconnectToken, seat);
        bus.player(RoomEvents.PLAYER_JOINED, s, players);
        return true;
    }

    /** Gives a dropped player's seat to {@code s}, a new connection with its reconnection token; true if it did. */
    boolean resume(Session s, int playerId) {
        Session old = playerId >= 0 && playerId < sessions.length ? sessions[playerId] : null;
        if (closed || old == null || !old.dropped() || !game.driver().resume(playerId)) {
            s.link.close(Protocol.CLOSE_SEAT_EXPIRED, "no dropped seat to resume");
            return false;
        }
        s.resume(old);
        sessions[playerId] = s;
        dropped--;
        reconnections++;
        bus.player(RoomEvents.PLAYER_RESUMED, s, players);
        return true;
    }

    /**
     * The session in the seat of {@code subject} (null: a guest, never matched), connected or
     * dropped within its grace, or null; a seat whose grace has run out is freed first.
     */
    private Session heldBy(String subject) {
        if (subject == null) {
            return null;
        }
        for (Session o : sessions) {
            if (o != null && subject.equals(o.identity.subject())) {
                if (o.dropped() && clock.getAsLong() - o.droppedAtNs > graceNs) {
                    leave(o);
                    return null;
                }
                return o;
            }
        }
        return null;
    }

    /**
     * A newer login of {@code old}'s identity takes its seat over, as a resumption does (same seat,
     * entity and identity; the game is not called): the old connection, if open, is closed with
     * 4013, its reconnection right ends (its seat counts as freed: the new claim counted one more)
     * and the new session's token becomes the seat's right.
     */
    private boolean takeOver(Session s, Session old) {
        int seat = old.playerId;
        if (!game.driver().takeOver(seat)) {
            s.link.close(Protocol.CLOSE_ROOM_CLOSED, "room closed");
            listener.freed().accept(s.reconnectToken);
            return false;
        }
        if (old.dropped()) {
            dropped--;
        }
        s.resume(old);
        sessions[seat] = s;
        LOG.info("room {}: player {} taken over by a newer login of its identity", game.roomId(), seat);
        if (!old.link.closed()) {
            old.link.close(Protocol.CLOSE_REPLACED, "replaced by a newer login of the same identity");
        }
        listener.joined().accept(s.reconnectToken, seat);
        listener.freed().accept(old.reconnectToken);
        bus.player(RoomEvents.PLAYER_RESUMED, s, players);
        return true;
    }

    /**
     * Carries out the game's kicks ({@link GameHost#kick}), after the game call that asked for
     * them: a connected player is closed with 4012 (its seat is freed when the close comes back),
     * a dropped or closing one is freed now. A kick whose seat has changed hands since is void.
     */
    void settleKicks() {
        GameHost.Kick k;
        while ((k = game.nextKick()) != null) {
            Session s = sessions[k.seat()];
            if (s == null || k.session() != null && k.session() != s) {
                continue;
            }
            LOG.info("room {} ({}): player {} kicked by the game: {}", game.roomId(), game.spec().name(), k.seat(),
                    EventLog.escape(k.reason())); // the game's text: it may not forge a log line
            if (s.dropped() || s.link.closed()) {
                leave(s);
            } else {
                s.link.close(Protocol.CLOSE_KICKED, k.reason());
            }
        }
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
        if (!closed) {
            game.driver().leave(s.playerId);
        }
        bus.player(RoomEvents.PLAYER_LEFT, s, players);
        listener.freed().accept(s.reconnectToken);
    }

    /** The player's connection dropped: keep its seat and entity for the grace period. */
    void drop(Session s) {
        if (!holds(s) || s.dropped()) {
            return;
        }
        if (closed || s.reconnectToken == null) {
            leave(s);
            return;
        }
        s.droppedAtNs = Math.max(1, clock.getAsLong());
        dropped++;
        bus.player(RoomEvents.PLAYER_DROPPED, s, players);
        listener.dropped().accept(s.reconnectToken, graceNs / 1_000_000L);
    }

    /** Frees the seats of dropped players whose grace period is over; cheap when none is dropped. */
    void expireDropped() {
        if (dropped == 0) {
            return;
        }
        long now = clock.getAsLong();
        for (Session s : sessions) {
            if (s != null && s.dropped() && now - s.droppedAtNs > graceNs) {
                LOG.debug("room {}: player {} did not come back within the grace period", game.roomId(), s.playerId);
                leave(s);
            }
        }
    }

    /** Closes player {@code playerId} with 4012 and frees its seat; false if the seat is empty. */
    boolean kick(int playerId) {
        Session s = playerId >= 0 && playerId < sessions.length ? sessions[playerId] : null;
        if (s == null || closed) {
            return false;
        }
        LOG.info("room {} ({}): player {} kicked by an operator", game.roomId(), game.spec().name(), playerId);
        if (s.dropped() || s.link.closed()) {
            leave(s);
        } else {
            s.link.close(Protocol.CLOSE_KICKED, "kicked by an operator");
        }
        return true;
    }

    /** Sends {@code message} to every connected player. */
    void sendToAll(Buffer message) {
        for (Session s : sessions) {
            if (s != null && !s.dropped()) {
                outbound.send(s.link, message);
            }
        }
        outbound.flush();
    }

    /** Closes every connection with {@code code} and empties the seats for good (the room is disposed). */
    void closeAll(short code, String reason) {
        closed = true;
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

    /** The seats, by player id (null: free); the array is the seats' own, read it only. */
    Session[] sessions() {
        return sessions;
    }

    int players() {
        return players;
    }

    int droppedCount() {
        return dropped;
    }

    /** Dropped players that resumed their seat so far. */
    long reconnections() {
        return reconnections;
    }

    /** The session in {@code seat}, or null. */
    Session at(int seat) {
        return sessions[seat];
    }

    /** The taken seats, for the admin view. */
    List<RoomStats.Seat> list() {
        List<RoomStats.Seat> list = new ArrayList<>();
        for (Session s : sessions) {
            if (s != null) {
                list.add(new RoomStats.Seat(s.playerId, s.name, s.identity.subject(), s.dropped(), s.link.rttMs(), s.viewDelayMs));
            }
        }
        return list;
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

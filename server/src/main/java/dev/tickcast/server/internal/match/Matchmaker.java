package dev.tickcast.server.internal.match;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomListener;
import io.vertx.core.Future;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The room directory and seat reservations, as Colyseus does it: join-or-create by game name,
 * create (public or private), or join by id; each reserves a seat and returns a signed, short-lived,
 * single-use token that the client presents in JOIN. A seat not claimed within the timeout is
 * released; an empty room with no reservation and no player waiting to reconnect is disposed.
 * Private rooms are not listed and are joined by id only. A verified subject that holds a seat in a
 * room is placed there again, full or not (the room lets the new login take the seat over).
 *
 * <p>A façade over four parts, whose counts it keeps in agreement: {@code OpenRooms} (the directory,
 * placement, listing, the room cap), {@code SeatReservations} (unclaimed seats, their caps, their
 * expiry), {@code ReconnectRights} and {@code WatchTokens} (spectators).
 *
 * <p><b>Threading rule.</b> Every event loop shares it. Every call into a part is made holding this
 * object's monitor; the parts are not thread-safe, and they read nothing of a room but its immutable
 * id and spec. Room code (start, dispose: {@code RoomCalls}) runs only after the monitor is
 * released; the {@link RoomWatcher} may be called under it. Matchmaking is off the hot path (once
 * per join), so one short-held lock is enough.
 */
public final class Matchmaker implements RoomListener {
    private final GameRegistry games;
    private final RoomFactory factory;
    private final LongSupplier millisClock;
    private final SeatTokens tokens;
    private final OpenRooms rooms;
    private final SeatReservations seats;
    private final ReconnectRights rights;
    private final WatchTokens watches;
    private volatile RoomWatcher watcher = RoomWatcher.NONE;

    /**
     * A matchmaker over {@code games} within {@code limits}; seats expire after {@code seatTimeoutMs}
     * of {@code millisClock}.
     */
    public Matchmaker(GameRegistry games, RoomFactory factory, long seatTimeoutMs, LongSupplier millisClock,
                      MatchLimits limits) {
        this(games, factory, seatTimeoutMs, millisClock, limits, null);
    }

    /**
     * A matchmaker whose tokens are signed with {@code secret} (every node of a cluster shares it, so
     * any node can verify a token); null draws a random per-process secret.
     */
    public Matchmaker(GameRegistry games, RoomFactory factory, long seatTimeoutMs, LongSupplier millisClock,
                      MatchLimits limits, byte[] secret) {
        this.games = games;
        this.factory = factory;
        this.millisClock = millisClock;
        SecureRandom random = new SecureRandom();
        byte[] key = secret;
        if (key == null) {
            key = new byte[32];
            random.nextBytes(key);
        }
        tokens = new SeatTokens(key, random);
        rooms = new OpenRooms(random, limits.maxRooms());
        seats = new SeatReservations(tokens, seatTimeoutMs, limits);
        rights = new ReconnectRights(tokens);
        watches = new WatchTokens(tokens, seatTimeoutMs);
    }

    /** Tells {@code w} the id of every room whose seats, existence or listing changed (the cluster directory). */
    public void watch(RoomWatcher w) {
        watcher = w;
    }

    /** The room's seat counts now, or null once it has left the directory; any thread. */
    public synchronized RoomSummary summary(String roomId) {
        ListedRoom e = rooms.get(roomId);
        return e == null ? null : e.summary();
    }

    /** Seats taken on this node (seated plus reserved), the measure by which a cluster places new rooms. */
    public synchronized int load() {
        return rooms.load();
    }

    /**
     * Reserves a seat for {@code player} in a public room of {@code game}: one where its subject
     * already holds a seat (even a full one: the new login takes that seat over), else one with a
     * free seat, else a new public room.
     */
    public SeatGrant joinOrCreate(String game, Identity player, String address) {
        return place(game, player, address, false, true);
    }

    /** Creates a room of {@code game} (private rooms are unlisted) and reserves the first seat. */
    public SeatGrant create(String game, Identity player, boolean isPrivate, String address) {
        return place(game, player, address, isPrivate, false);
    }

    /**
     * Reserves a seat for {@code player} in the room {@code roomId}, public or private (in a full
     * room too if its subject holds a seat there: the new login takes that seat over).
     */
    public SeatGrant joinById(String roomId, Identity player, String address) {
        List<Room> emptied = new ArrayList<>(0);
        SeatGrant grant = reserveIn(roomId, player, address, emptied);
        RoomCalls.closeEmpty(emptied);
        if (grant.status() == SeatGrant.Status.OK) {
            changed(roomId);
        }
        return grant;
    }

    /**
     * Claims the seat of {@code token} (a seat, reconnection or spectator token): single use,
     * signature and expiry checked.
     */
    public synchronized Claim claim(String token) {
        SeatTokens.Parsed parsed = tokens.verify(token);
        if (parsed == null) {
            return Claim.refused(Claim.Status.INVALID);
        }
        long now = millisClock.getAsLong();
        if (now >= parsed.expiresAtMs()) {
            return Claim.refused(Claim.Status.EXPIRED);
        }
        if (parsed.kind() == WatchTokens.KIND) {
            return watches.claim(token);
        }
        if (parsed.kind() == ReconnectRights.KIND) {
            return rights.claim(token, now);
        }
        Claim seat = seats.claim(token);
        if (seat.ok()) {
            changed(seat.room().id());
            rights.claimed(seat.reconnectToken(), seat.identity());
        }
        return seat;
    }

    /**
     * A single-use token to watch the room {@code roomId} as a spectator (the admin page's live
     * view), valid for the seat timeout; null if there is no such room. It does not take a seat.
     */
    public synchronized String watchToken(String roomId) {
        ListedRoom entry = rooms.get(roomId);
        return entry == null ? null : watches.issue(entry, millisClock.getAsLong());
    }

    /** Disposes the room {@code roomId} now (an operator's decision; players get 4005); false if there is none. */
    public boolean dispose(String roomId, String reason) {
        ListedRoom entry;
        synchronized (this) {
            entry = rooms.remove(roomId);
            if (entry == null) {
                return false;
            }
            rights.forget(entry.room);
            changed(roomId);
        }
        RoomCalls.close(entry.room, reason);
        return true;
    }

    /** Releases expired reservations and spectator tokens, and disposes rooms left empty; call it periodically. */
    public void sweep() {
        List<Room> emptied = new ArrayList<>();
        synchronized (this) {
            long now = millisClock.getAsLong();
            watches.expire(now);
            seats.expire(now, true, releasing(emptied));
        }
        RoomCalls.closeEmpty(emptied);
    }

    @Override
    public synchronized void onJoined(Room room, int playerId, String reconnectToken) {
        rights.joined(rooms.get(room.id()), playerId, reconnectToken);
    }

    @Override
    public synchronized void onDropped(Room room, String reconnectToken, long graceMs) {
        rights.dropped(reconnectToken, millisClock.getAsLong() + graceMs);
    }

    @Override
    public void onSeatFreed(Room room, String reconnectToken) {
        List<Room> emptied = new ArrayList<>(1);
        synchronized (this) {
            rights.freed(reconnectToken);
            ListedRoom entry = rooms.get(room.id());
            if (entry != null) {
                entry.seated--;
                changed(entry.id);
                rooms.removeIfEmpty(entry, emptied);
            }
        }
        RoomCalls.closeEmpty(emptied);
    }

    @Override
    public synchronized void onDisposed(Room room) {
        if (rooms.remove(room.id()) != null) {
            changed(room.id());
        }
        rights.forget(room);
    }

    /** The listed (public, open) rooms, in creation order. */
    public synchronized List<Room> rooms() {
        return rooms.list(false);
    }

    /** Every open room, private ones included, in creation order (the admin page, announcements). */
    public synchronized List<Room> allRooms() {
        return rooms.list(true);
    }

    /** The number of open rooms, private ones included. */
    public synchronized int roomCount() {
        return rooms.count();
    }

    /** The room with {@code id} (public or private), or null. */
    public synchronized Room room(String id) {
        ListedRoom e = rooms.get(id);
        return e == null ? null : e.room;
    }

    /** Closes every room (server shutdown); the future completes once every room is disposed. */
    public Future<Void> closeAll() {
        List<Room> all;
        synchronized (this) {
            all = rooms.clear();
            all.forEach(room -> changed(room.id()));
            seats.clear();
            rights.clear();
            watches.clear();
        }
        return RoomCalls.shutDown(all);
    }

    /** Join-or-create ({@code joinOpen}) or create: a seat in an open public room of the game, else in a new room. */
    private SeatGrant place(String game, Identity player, String address, boolean isPrivate, boolean joinOpen) {
        GameSpec spec = games.find(game);
        if (spec == null) {
            return SeatGrant.refused(SeatGrant.Status.NO_GAME);
        }
        Room created = null;
        SeatGrant grant;
        List<Room> emptied = new ArrayList<>(0);
        synchronized (this) {
            SeatGrant.Status refusal = seats.refusal(address, millisClock.getAsLong(), releasing(emptied));
            ListedRoom entry = refusal != null || !joinOpen ? null : placeIn(spec, player);
            if (refusal == null && entry == null) {
                if (roomCapReached(emptied)) {
                    refusal = SeatGrant.Status.NO_CAPACITY;
                } else {
                    entry = rooms.add(factory.create(rooms.newId(), spec, this), isPrivate);
                    created = entry.room;
                }
            }
            grant = refusal != null ? SeatGrant.refused(refusal) : reserve(entry, player, address);
        }
        RoomCalls.closeEmpty(emptied);
        if (grant.status() == SeatGrant.Status.OK) {
            RoomCalls.start(created);
            changed(grant.roomId());
        }
        return grant;
    }

    private synchronized SeatGrant reserveIn(String roomId, Identity player, String address, List<Room> emptied) {
        ListedRoom entry = rooms.get(roomId);
        if (entry == null) {
            return SeatGrant.refused(SeatGrant.Status.NO_ROOM);
        }
        long now = millisClock.getAsLong();
        if (entry.taken() >= entry.room.spec().maxPlayers() && !rights.holdsSeat(player.subject(), entry)) {
            seats.expire(now, false, releasing(emptied)); // an expired seat is not taken
            if (entry.closed) {
                return SeatGrant.refused(SeatGrant.Status.NO_ROOM);
            }
            if (entry.taken() >= entry.room.spec().maxPlayers()) {
                return SeatGrant.refused(SeatGrant.Status.FULL);
            }
        }
        SeatGrant.Status refusal = seats.refusal(address, now, releasing(emptied));
        return refusal != null ? SeatGrant.refused(refusal) : reserve(entry, player, address);
    }

    /** Where join-or-create seats {@code player}: the room where its subject holds a seat, else the first with one free. */
    private ListedRoom placeIn(GameSpec spec, Identity player) {
        ListedRoom held = rights.seatOf(player.subject(), spec);
        return held != null ? held : rooms.placeIn(spec);
    }

    /** True if no room may be added, counting only rooms that still hold a player or an unexpired seat. */
    private boolean roomCapReached(List<Room> emptied) {
        if (rooms.atCap()) {
            seats.expire(millisClock.getAsLong(), false, releasing(emptied));
        }
        return rooms.atCap();
    }

    /** What follows the release of a reservation: its room changed, and goes to {@code emptied} if now empty. */
    private Consumer<ListedRoom> releasing(List<Room> emptied) {
        return entry -> {
            changed(entry.id);
            rooms.removeIfEmpty(entry, emptied);
        };
    }

    private SeatGrant reserve(ListedRoom entry, Identity player, String address) {
        long now = millisClock.getAsLong();
        String reconnect = rights.issue(entry.id, now);
        String token = seats.reserve(entry, player, address, reconnect, now);
        return new SeatGrant(SeatGrant.Status.OK, entry.id, token, entry.room.spec().name(), seats.timeoutMs(),
                reconnect);
    }

    private void changed(String roomId) {
        watcher.changed(roomId);
    }
}

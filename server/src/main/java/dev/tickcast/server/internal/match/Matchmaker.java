package dev.tickcast.server.internal.match;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomListener;
import dev.tickcast.wire.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The room directory and seat reservations, as Colyseus does it: join-or-create by game name,
 * create (public or private), or join by id; each reserves a seat and returns a signed, short-lived,
 * single-use token that the client presents in JOIN. A seat not claimed within the timeout is
 * released; an empty room with no reservation and no player waiting to reconnect is disposed.
 * Private rooms are not listed and are joined by id only.
 *
 * <p>Shared by every event loop, so its methods are synchronized; they are short, matchmaking is off
 * the hot path (once per join), and no room code runs under the lock.
 */
public final class Matchmaker implements RoomListener {
    private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);
    private static final char SEAT = 's';
    private static final char RECONNECT = 'r';
    private static final char WATCH = 'w';
    /** A reconnection token is honoured only while its player is dropped; this bounds its life anyway. */
    private static final long RECONNECT_TOKEN_LIFETIME_MS = 24L * 3600 * 1000;

    private final GameRegistry games;
    private final RoomFactory factory;
    private final long seatTimeoutMs;
    private final LongSupplier millisClock;
    private final SecureRandom random = new SecureRandom();
    private final SeatTokens tokens;
    private final Map<String, Entry> rooms = new LinkedHashMap<>();
    /** In the order they were made, which is the order they expire in (one seat timeout for all). */
    private final Map<String, Reservation> reservations = new LinkedHashMap<>();
    private final Map<String, Reconnect> reconnects = new HashMap<>();
    private final Map<String, String> reconnectNames = new HashMap<>();
    private final Map<String, Integer> unclaimedByAddress = new HashMap<>();
    private final Map<String, Reservation> watches = new HashMap<>();
    private final MatchLimits limits;
    private volatile RoomWatcher watcher = RoomWatcher.NONE;

    private static final class Entry {
        final Room room;
        final boolean isPrivate;
        int seated;
        int reserved;
        boolean closed;

        Entry(Room room, boolean isPrivate) {
            this.room = room;
            this.isPrivate = isPrivate;
        }

        int taken() {
            return seated + reserved;
        }
    }

    private record Reservation(Entry entry, String name, String reconnectToken, long expiresAtMs, String address) {
    }

    /** A seated player's reconnection right; {@code droppedUntilMs} is 0 while it is connected. */
    private static final class Reconnect {
        final Entry entry;
        final int playerId;
        final String name;
        long droppedUntilMs;

        Reconnect(Entry entry, int playerId, String name) {
            this.entry = entry;
            this.playerId = playerId;
            this.name = name;
        }
    }

    /** A matchmaker over {@code games}; seats expire after {@code seatTimeoutMs} of {@code millisClock}. */
    public Matchmaker(GameRegistry games, RoomFactory factory, long seatTimeoutMs, LongSupplier millisClock) {
        this(games, factory, seatTimeoutMs, millisClock, MatchLimits.NONE);
    }

    /** A matchmaker that also keeps within {@code limits}. */
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
        this.limits = limits;
        this.games = games;
        this.factory = factory;
        this.seatTimeoutMs = seatTimeoutMs;
        this.millisClock = millisClock;
        byte[] key = secret;
        if (key == null) {
            key = new byte[32];
            random.nextBytes(key);
        }
        this.tokens = new SeatTokens(key, random);
    }

    /** Tells {@code w} the id of every room whose seats, existence or listing changed (the cluster directory). */
    public void watch(RoomWatcher w) {
        watcher = w;
    }

    /** The room's seat counts now, or null once it has left the directory; any thread. */
    public synchronized RoomSummary summary(String roomId) {
        Entry e = rooms.get(roomId);
        return e == null || e.closed ? null
                : new RoomSummary(roomId, e.room.spec().name(), e.seated, e.reserved, e.room.spec().maxPlayers(), e.isPrivate);
    }

    /** Seats taken on this node (seated plus reserved), the measure by which a cluster places new rooms. */
    public synchronized int load() {
        int n = 0;
        for (Entry e : rooms.values()) {
            n += e.taken();
        }
        return n;
    }

    private void changed(String roomId) {
        watcher.changed(roomId);
    }

    /** Reserves a seat in a public room of {@code game} with a free seat, or in a new public room. */
    public SeatGrant joinOrCreate(String game, String name, String address) {
        GameSpec spec = games.find(game);
        if (spec == null) {
            return SeatGrant.refused(SeatGrant.Status.NO_GAME);
        }
        Room created = null;
        SeatGrant grant;
        List<Room> toClose = new ArrayList<>(0);
        synchronized (this) {
            SeatGrant.Status refusal = seatRefusal(address, toClose);
            Entry entry = refusal != null ? null : openRoom(spec);
            if (refusal == null && entry == null) {
                if (roomCapReached(toClose)) {
                    refusal = SeatGrant.Status.NO_CAPACITY;
                } else {
                    entry = newRoom(spec, false);
                    created = entry.room;
                }
            }
            grant = refusal != null ? SeatGrant.refused(refusal) : reserve(entry, name, address);
        }
        closeAll(toClose);
        if (grant.status() != SeatGrant.Status.OK) {
            return grant;
        }
        start(created);
        changed(grant.roomId());
        return grant;
    }

    /** Creates a room of {@code game} (private rooms are unlisted) and reserves the first seat. */
    public SeatGrant create(String game, String name, boolean isPrivate, String address) {
        GameSpec spec = games.find(game);
        if (spec == null) {
            return SeatGrant.refused(SeatGrant.Status.NO_GAME);
        }
        SeatGrant grant;
        Entry entry;
        List<Room> toClose = new ArrayList<>(0);
        synchronized (this) {
            SeatGrant.Status refusal = seatRefusal(address, toClose);
            if (refusal == null && roomCapReached(toClose)) {
                refusal = SeatGrant.Status.NO_CAPACITY;
            }
            entry = refusal != null ? null : newRoom(spec, isPrivate);
            grant = refusal != null ? SeatGrant.refused(refusal) : reserve(entry, name, address);
        }
        closeAll(toClose);
        if (entry == null) {
            return grant;
        }
        start(entry.room);
        changed(grant.roomId());
        return grant;
    }

    /** Reserves a seat in the room {@code roomId}, public or private. */
    public SeatGrant joinById(String roomId, String name, String address) {
        List<Room> toClose = new ArrayList<>(0);
        SeatGrant grant = reserveIn(roomId, name, address, toClose);
        closeAll(toClose);
        if (grant.status() == SeatGrant.Status.OK) {
            changed(roomId);
        }
        return grant;
    }

    private synchronized SeatGrant reserveIn(String roomId, String name, String address, List<Room> toClose) {
        Entry entry = rooms.get(roomId);
        if (entry == null || entry.closed) {
            return SeatGrant.refused(SeatGrant.Status.NO_ROOM);
        }
        if (entry.taken() >= entry.room.spec().maxPlayers()) {
            expireSeats(millisClock.getAsLong(), toClose, false); // an expired seat is not taken
            if (entry.closed) {
                return SeatGrant.refused(SeatGrant.Status.NO_ROOM);
            }
            if (entry.taken() >= entry.room.spec().maxPlayers()) {
                return SeatGrant.refused(SeatGrant.Status.FULL);
            }
        }
        SeatGrant.Status refusal = seatRefusal(address, toClose);
        return refusal != null ? SeatGrant.refused(refusal) : reserve(entry, name, address);
    }

    /**
     * Why {@code address} may not reserve one more seat now, or null. Only unexpired seats count:
     * when a cap would refuse, the expired reservations are released first (the periodic sweep
     * may not have run since they expired), adding the rooms this empties to {@code toClose}.
     */
    private SeatGrant.Status seatRefusal(String address, List<Room> toClose) {
        SeatGrant.Status refusal = capRefusal(address);
        if (refusal != null) {
            expireSeats(millisClock.getAsLong(), toClose, false);
            refusal = capRefusal(address);
        }
        return refusal;
    }

    /** True if no room may be added, counting only rooms that still hold a player or an unexpired seat. */
    private boolean roomCapReached(List<Room> toClose) {
        if (rooms.size() >= limits.maxRooms()) {
            expireSeats(millisClock.getAsLong(), toClose, false);
        }
        return rooms.size() >= limits.maxRooms();
    }

    private SeatGrant.Status capRefusal(String address) {
        if (reservations.size() >= limits.maxUnclaimedSeats()) {
            return SeatGrant.Status.NO_CAPACITY;
        }
        return unclaimedByAddress.getOrDefault(address, 0) >= limits.maxUnclaimedSeatsPerAddress()
                ? SeatGrant.Status.TOO_MANY_SEATS : null;
    }

    /**
     * Releases the reservations expired at {@code now}; the rooms left empty go to {@code toClose}.
     * Unless {@code all}, it stops at the first unexpired one (the oldest come first), so a check
     * costs what it releases; the periodic sweep reads them all, in case the clock stepped back.
     */
    private void expireSeats(long now, List<Room> toClose, boolean all) {
        Iterator<Reservation> it = reservations.values().iterator();
        while (it.hasNext()) {
            Reservation r = it.next();
            if (now < r.expiresAtMs && !all) {
                return;
            }
            if (now >= r.expiresAtMs) {
                it.remove();
                releaseUnclaimed(r);
                r.entry.reserved--;
                changed(r.entry.room.id());
                closeIfEmpty(r.entry, toClose);
            }
        }
    }

    private void releaseUnclaimed(Reservation r) {
        unclaimedByAddress.computeIfPresent(r.address(), (a, n) -> n > 1 ? n - 1 : null);
    }

    /** Claims the seat of {@code token} (a seat or a reconnection token): single use, signature and expiry checked. */
    public synchronized Claim claim(String token) {
        SeatTokens.Parsed parsed = tokens.verify(token);
        if (parsed == null) {
            return Claim.refused(Claim.Status.INVALID);
        }
        if (millisClock.getAsLong() >= parsed.expiresAtMs()) {
            return Claim.refused(Claim.Status.EXPIRED);
        }
        if (parsed.kind() == WATCH) {
            return claimWatch(token);
        }
        return parsed.kind() == RECONNECT ? claimReconnect(token) : claimSeat(token);
    }

    /**
     * A single-use token to watch the room {@code roomId} as a spectator (the admin page's live
     * view), valid for the seat timeout; null if there is no such room. It does not take a seat.
     */
    public synchronized String watchToken(String roomId) {
        Entry entry = rooms.get(roomId);
        if (entry == null || entry.closed) {
            return null;
        }
        long expiresAt = millisClock.getAsLong() + seatTimeoutMs;
        String token = tokens.issue(WATCH, roomId, expiresAt);
        watches.put(token, new Reservation(entry, "spectator", null, expiresAt, null));
        return token;
    }

    private Claim claimWatch(String token) {
        Reservation r = watches.remove(token);
        if (r == null) {
            return Claim.refused(Claim.Status.USED);
        }
        if (r.entry.closed) {
            return Claim.refused(Claim.Status.ROOM_CLOSED);
        }
        return new Claim(Claim.Status.OK, r.entry.room, r.name(), Claim.SPECTATOR, null);
    }

    /** Every open room, private ones included, in creation order (the admin page, announcements). */
    public synchronized List<Room> allRooms() {
        List<Room> list = new ArrayList<>(rooms.size());
        for (Entry e : rooms.values()) {
            list.add(e.room);
        }
        return list;
    }

    /** Disposes the room {@code roomId} now (an operator's decision; players get 4005); false if there is none. */
    public boolean dispose(String roomId, String reason) {
        Room room;
        synchronized (this) {
            Entry entry = rooms.remove(roomId);
            if (entry == null) {
                return false;
            }
            entry.closed = true;
            room = entry.room;
            reconnects.values().removeIf(r -> r.entry == entry);
        }
        room.execute(() -> room.dispose(Protocol.CLOSE_ROOM_CLOSED, reason));
        return true;
    }

    private Claim claimSeat(String token) {
        Reservation r = reservations.remove(token);
        if (r == null) {
            return Claim.refused(Claim.Status.USED);
        }
        releaseUnclaimed(r);
        r.entry.reserved--;
        if (r.entry.closed) {
            return Claim.refused(Claim.Status.ROOM_CLOSED);
        }
        r.entry.seated++;
        changed(r.entry.room.id());
        reconnectNames.put(r.reconnectToken, r.name);
        return new Claim(Claim.Status.OK, r.entry.room, r.name, -1, r.reconnectToken);
    }

    private Claim claimReconnect(String token) {
        Reconnect r = reconnects.get(token);
        if (r == null || r.entry.closed || (r.droppedUntilMs != 0 && millisClock.getAsLong() >= r.droppedUntilMs)) {
            return Claim.refused(Claim.Status.EXPIRED);
        }
        if (r.droppedUntilMs == 0) {
            return Claim.refused(Claim.Status.USED);
        }
        r.droppedUntilMs = 0;
        return new Claim(Claim.Status.OK, r.entry.room, r.name, r.playerId, token);
    }

    /** Releases expired reservations and disposes rooms left empty; call it periodically. */
    public void sweep() {
        List<Room> toClose = new ArrayList<>();
        synchronized (this) {
            long now = millisClock.getAsLong();
            watches.values().removeIf(w -> now >= w.expiresAtMs());
            expireSeats(now, toClose, true);
        }
        closeAll(toClose);
    }

    @Override
    public synchronized void onJoined(Room room, int playerId, String reconnectToken) {
        Entry entry = rooms.get(room.id());
        String name = reconnectNames.remove(reconnectToken);
        if (entry != null && reconnectToken != null) {
            reconnects.put(reconnectToken, new Reconnect(entry, playerId, name));
        }
    }

    @Override
    public synchronized void onDropped(Room room, String reconnectToken, long graceMs) {
        Reconnect r = reconnects.get(reconnectToken);
        if (r != null) {
            r.droppedUntilMs = millisClock.getAsLong() + graceMs;
        }
    }

    @Override
    public void onSeatFreed(Room room, String reconnectToken) {
        List<Room> toClose = new ArrayList<>(1);
        synchronized (this) {
            if (reconnectToken != null) {
                reconnects.remove(reconnectToken);
                reconnectNames.remove(reconnectToken);
            }
            Entry entry = rooms.get(room.id());
            if (entry != null) {
                entry.seated--;
                changed(entry.room.id());
                closeIfEmpty(entry, toClose);
            }
        }
        closeAll(toClose);
    }

    @Override
    public synchronized void onDisposed(Room room) {
        Entry entry = rooms.remove(room.id());
        if (entry != null) {
            entry.closed = true;
            changed(room.id());
        }
        reconnects.values().removeIf(r -> r.entry.room == room);
    }

    /** The listed (public, open) rooms, in creation order. */
    public synchronized List<Room> rooms() {
        List<Room> list = new ArrayList<>(rooms.size());
        for (Entry e : rooms.values()) {
            if (!e.isPrivate) {
                list.add(e.room);
            }
        }
        return list;
    }

    /** The number of open rooms, private ones included. */
    public synchronized int roomCount() {
        return rooms.size();
    }

    /** The room with {@code id} (public or private), or null. */
    public synchronized Room room(String id) {
        Entry e = rooms.get(id);
        return e == null ? null : e.room;
    }

    /** Closes every room (server shutdown); the future completes once every room is disposed. */
    public io.vertx.core.Future<Void> closeAll() {
        List<Room> all = new ArrayList<>();
        synchronized (this) {
            for (Entry e : rooms.values()) {
                e.closed = true;
                all.add(e.room);
            }
            rooms.clear();
            all.forEach(room -> changed(room.id()));
            reservations.clear();
            unclaimedByAddress.clear();
            reconnects.clear();
            reconnectNames.clear();
            watches.clear();
        }
        List<io.vertx.core.Future<Void>> disposed = new ArrayList<>();
        for (Room room : all) {
            io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
            room.execute(() -> {
                room.dispose(Protocol.CLOSE_GOING_AWAY, "server shutting down");
                done.complete();
            });
            disposed.add(done.future());
        }
        return io.vertx.core.Future.all(disposed).mapEmpty();
    }

    private SeatGrant reserve(Entry entry, String name, String address) {
        long now = millisClock.getAsLong();
        long expiresAt = now + seatTimeoutMs;
        String token = tokens.issue(SEAT, entry.room.id(), expiresAt);
        String reconnect = tokens.issue(RECONNECT, entry.room.id(), now + RECONNECT_TOKEN_LIFETIME_MS);
        entry.reserved++;
        reservations.put(token, new Reservation(entry, name, reconnect, expiresAt, address));
        unclaimedByAddress.merge(address, 1, Integer::sum);
        return new SeatGrant(SeatGrant.Status.OK, entry.room.id(), token, entry.room.spec().name(), seatTimeoutMs,
                reconnect);
    }

    private Entry newRoom(GameSpec spec, boolean isPrivate) {
        Entry entry = new Entry(factory.create(newId(), spec, this), isPrivate);
        rooms.put(entry.room.id(), entry);
        return entry;
    }

    private static void start(Room created) {
        if (created != null) {
            LOG.debug("created room {} ({})", created.id(), created.spec().name());
            created.execute(() -> created.start(true));
        }
    }

    private Entry openRoom(GameSpec spec) {
        for (Entry e : rooms.values()) {
            if (!e.closed && !e.isPrivate && e.room.spec() == spec && e.taken() < spec.maxPlayers()) {
                return e;
            }
        }
        return null;
    }

    private void closeIfEmpty(Entry entry, List<Room> toClose) {
        if (!entry.closed && entry.taken() == 0) {
            entry.closed = true;
            rooms.remove(entry.room.id());
            toClose.add(entry.room);
        }
    }

    private static void closeAll(List<Room> toClose) {
        for (Room room : toClose) {
            LOG.debug("disposing empty room {}", room.id());
            room.execute(() -> room.dispose(Protocol.CLOSE_NORMAL, "room empty"));
        }
    }

    private String newId() {
        byte[] bytes = new byte[6];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (rooms.containsKey(id));
        return id;
    }
}

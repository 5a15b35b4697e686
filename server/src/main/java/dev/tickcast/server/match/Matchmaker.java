package dev.tickcast.server.match;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.room.Room;
import dev.tickcast.server.room.RoomListener;
import dev.tickcast.state.Snapshot;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * The room directory and seat reservations, as Colyseus does it: join-or-create by game name
 * reserves a seat in a room with a free one (or in a new room) and returns a single-use token; the
 * client claims it with JOIN on the WebSocket. A seat not claimed within the timeout is released;
 * an empty room with no reservation is disposed.
 *
 * <p>Shared by every event loop, so its methods are synchronized; they are short, and matchmaking
 * is off the hot path (once per join). Room work is never done under the lock.
 */
public final class Matchmaker implements RoomListener {
    private static final Logger LOG = LoggerFactory.getLogger(Matchmaker.class);

    private final GameRegistry games;
    private final RoomFactory factory;
    private final long seatTimeoutNs;
    private final LongSupplier nanoClock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> rooms = new LinkedHashMap<>();
    private final Map<String, Reservation> reservations = new HashMap<>();
    private final List<RoomListener> observers = new CopyOnWriteArrayList<>();

    private static final class Entry {
        final Room room;
        int seated;
        int reserved;
        boolean closed;

        Entry(Room room) {
            this.room = room;
        }

        int taken() {
            return seated + reserved;
        }
    }

    private record Reservation(Entry entry, String name, long expiresAtNs) {
    }

    /** A matchmaker over {@code games}; seats expire after {@code seatTimeoutMs}. */
    public Matchmaker(GameRegistry games, RoomFactory factory, long seatTimeoutMs, LongSupplier nanoClock) {
        this.games = games;
        this.factory = factory;
        this.seatTimeoutNs = seatTimeoutMs * 1_000_000L;
        this.nanoClock = nanoClock;
    }

    /** Adds an observer of every room's snapshots (tests, tools); called on the rooms' threads. */
    public void addObserver(RoomListener observer) {
        observers.add(observer);
    }

    /** Reserves a seat in a room of {@code game} with room to spare, or in a new room; null if no such game. */
    public SeatGrant joinOrCreate(String game, String name) {
        GameSpec spec = games.find(game);
        if (spec == null) {
            return null;
        }
        Room created = null;
        SeatGrant grant;
        synchronized (this) {
            Entry entry = openRoom(spec);
            if (entry == null) {
                created = factory.create(newId(), spec, this);
                entry = new Entry(created);
                rooms.put(created.id(), entry);
            }
            String token = newToken();
            entry.reserved++;
            reservations.put(token, new Reservation(entry, name, nanoClock.getAsLong() + seatTimeoutNs));
            grant = new SeatGrant(entry.room.id(), token, spec.name(), seatTimeoutNs / 1_000_000L);
        }
        if (created != null) {
            Room room = created;
            LOG.info("created room {} ({})", room.id(), spec.name());
            room.execute(() -> room.start(true));
        }
        return grant;
    }

    /** Claims the seat of {@code token}; null if the token is unknown, expired or already used. */
    public synchronized Claim claim(String token) {
        Reservation r = reservations.remove(token);
        if (r == null) {
            return null;
        }
        r.entry.reserved--;
        if (r.entry.closed || nanoClock.getAsLong() - r.expiresAtNs > 0) {
            return null;
        }
        r.entry.seated++;
        return new Claim(r.entry.room, r.name);
    }

    /** Releases expired reservations and disposes rooms left empty; call it periodically. */
    public void sweep() {
        List<Room> toClose = new ArrayList<>();
        synchronized (this) {
            long now = nanoClock.getAsLong();
            Iterator<Reservation> it = reservations.values().iterator();
            while (it.hasNext()) {
                Reservation r = it.next();
                if (now - r.expiresAtNs > 0) {
                    it.remove();
                    r.entry.reserved--;
                    closeIfEmpty(r.entry, toClose);
                }
            }
        }
        closeAll(toClose);
    }

    @Override
    public void onSeatFreed(Room room) {
        List<Room> toClose = new ArrayList<>(1);
        synchronized (this) {
            Entry entry = rooms.get(room.id());
            if (entry != null) {
                entry.seated--;
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
        }
    }

    @Override
    public void onSnapshot(Room room, Snapshot snapshot) {
        for (RoomListener o : observers) {
            o.onSnapshot(room, snapshot);
        }
    }

    /** The open rooms, in creation order. */
    public synchronized List<Room> rooms() {
        List<Room> list = new ArrayList<>(rooms.size());
        for (Entry e : rooms.values()) {
            list.add(e.room);
        }
        return list;
    }

    /** The room with {@code id}, or null. */
    public synchronized Room room(String id) {
        Entry e = rooms.get(id);
        return e == null ? null : e.room;
    }

    /** Closes every room (server shutdown). */
    public void closeAll() {
        List<Room> all;
        synchronized (this) {
            all = rooms();
            for (Entry e : rooms.values()) {
                e.closed = true;
            }
            rooms.clear();
            reservations.clear();
        }
        for (Room room : all) {
            room.execute(() -> room.dispose(dev.tickcast.wire.Protocol.CLOSE_GOING_AWAY, "server shutting down"));
        }
    }

    private Entry openRoom(GameSpec spec) {
        for (Entry e : rooms.values()) {
            if (!e.closed && e.room.spec() == spec && e.taken() < spec.maxPlayers()) {
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
            LOG.info("disposing empty room {}", room.id());
            room.execute(() -> room.dispose(dev.tickcast.wire.Protocol.CLOSE_NORMAL, "room empty"));
        }
    }

    private String newId() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String newToken() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

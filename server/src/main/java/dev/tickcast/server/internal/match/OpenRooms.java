package dev.tickcast.server.internal.match;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.internal.room.Room;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room directory of this process: the open rooms in creation order, placement (the first
 * public room of a game with a free seat), listing and the room cap. An entry is here exactly
 * while it is not closed: it is marked closed as it leaves. Not thread-safe: see {@link Matchmaker}.
 */
final class OpenRooms {
    private final Map<String, ListedRoom> rooms = new LinkedHashMap<>();
    private final SecureRandom random;
    private final int maxRooms;

    OpenRooms(SecureRandom random, int maxRooms) {
        this.random = random;
        this.maxRooms = maxRooms;
    }

    /** A fresh room id, unused by any open room. */
    String newId() {
        byte[] bytes = new byte[6];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (rooms.containsKey(id));
        return id;
    }

    ListedRoom add(Room room, boolean isPrivate) {
        ListedRoom entry = new ListedRoom(room.id(), room, isPrivate);
        rooms.put(entry.id, entry);
        return entry;
    }

    /** The open room {@code id}, or null. */
    ListedRoom get(String id) {
        return rooms.get(id);
    }

    /** The first public room of {@code spec} with a free seat, or null: where join-or-create places a player. */
    ListedRoom placeIn(GameSpec spec) {
        for (ListedRoom e : rooms.values()) {
            if (!e.isPrivate && e.room.spec() == spec && e.taken() < spec.maxPlayers()) {
                return e;
            }
        }
        return null;
    }

    /** True if the room cap allows no further room. */
    boolean atCap() {
        return rooms.size() >= maxRooms;
    }

    /** Takes the room {@code id} out of the directory and marks it closed; null if it was not there. */
    ListedRoom remove(String id) {
        ListedRoom entry = rooms.remove(id);
        if (entry != null) {
            entry.closed = true;
        }
        return entry;
    }

    /** Removes {@code entry} if no player and no reservation holds a seat in it, adding its room to {@code emptied}. */
    void removeIfEmpty(ListedRoom entry, List<Room> emptied) {
        if (!entry.closed && entry.taken() == 0) {
            entry.closed = true;
            rooms.remove(entry.id);
            emptied.add(entry.room);
        }
    }

    /** Empties the directory (shutdown), marking every entry closed; the rooms it held. */
    List<Room> clear() {
        List<Room> all = new ArrayList<>(rooms.size());
        for (ListedRoom e : rooms.values()) {
            e.closed = true;
            all.add(e.room);
        }
        rooms.clear();
        return all;
    }

    /** Every open room; only the public ones unless {@code withPrivate}; in creation order. */
    List<Room> list(boolean withPrivate) {
        List<Room> list = new ArrayList<>(rooms.size());
        for (ListedRoom e : rooms.values()) {
            if (withPrivate || !e.isPrivate) {
                list.add(e.room);
            }
        }
        return list;
    }

    int count() {
        return rooms.size();
    }

    /** Seats taken, seated plus reserved, over every room. */
    int load() {
        int n = 0;
        for (ListedRoom e : rooms.values()) {
            n += e.taken();
        }
        return n;
    }
}

package dev.tickcast.server.internal.room;

import java.util.Arrays;

/**
 * A room's spectators: connections that receive its snapshots without a seat (the admin page's
 * live view). They are not players: the game never hears of them, and of their messages only PING
 * is answered (with PONG).
 * Bounded, so that a spectator cannot make the room's broadcast grow without end. The room's thread only.
 */
final class Spectators {
    /** The most spectators of one room at once. */
    static final int MAX = 8;

    private Session[] sessions = new Session[0];

    /** Adds {@code s}; false when the room already has {@link #MAX}. */
    boolean add(Session s) {
        if (sessions.length >= MAX) {
            return false;
        }
        sessions = Arrays.copyOf(sessions, sessions.length + 1);
        sessions[sessions.length - 1] = s;
        return true;
    }

    /** Removes {@code s}; true if it was a spectator. */
    boolean remove(Session s) {
        for (int i = 0; i < sessions.length; i++) {
            if (sessions[i] == s) {
                Session[] rest = new Session[sessions.length - 1];
                System.arraycopy(sessions, 0, rest, 0, i);
                System.arraycopy(sessions, i + 1, rest, i, rest.length - i);
                sessions = rest;
                return true;
            }
        }
        return false;
    }

    /** True if {@code s} is one of them. */
    boolean contains(Session s) {
        for (Session each : sessions) {
            if (each == s) {
                return true;
            }
        }
        return false;
    }

    /** The spectators (an array replaced, never changed, on add and remove). */
    Session[] sessions() {
        return sessions;
    }

    int count() {
        return sessions.length;
    }

    /** Closes every spectator with {@code code} (the room is disposed). */
    void closeAll(short code, String reason) {
        for (Session s : sessions) {
            s.link.close(code, reason);
        }
        sessions = new Session[0];
    }
}

package dev.tickcast.server.internal.session;

import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.Session;

/**
 * A room as a client session sees it: the room's entry points, and nothing else. {@link #execute}
 * may be called from any thread; the others run on the room's thread, so a session calls them
 * inside {@link #execute}, or through a task it hands to it.
 */
public interface RoomEntry {
    /** Runs {@code task} on the room's thread. */
    void execute(Runnable task);

    /** Seats a new player. */
    void join(Session session);

    /** Gives the dropped player {@code seat}'s seat to {@code session}. */
    void resume(Session session, int seat);

    /** Adds a spectator. */
    void watch(Session session);

    /** The player left for good: its seat is freed. */
    void leave(Session session);

    /** The player's connection dropped: its seat is kept for the grace period. */
    void drop(Session session);

    /** Handles the messages waiting in the session's inbox, in order. */
    void drain(Session session);

    /** The entry points of {@code room}. */
    static RoomEntry of(Room room) {
        return new RoomEntry() {
            @Override
            public void execute(Runnable task) {
                room.execute(task);
            }

            @Override
            public void join(Session session) {
                room.join(session);
            }

            @Override
            public void resume(Session session, int seat) {
                room.resume(session, seat);
            }

            @Override
            public void watch(Session session) {
                room.watch(session);
            }

            @Override
            public void leave(Session session) {
                room.leave(session);
            }

            @Override
            public void drop(Session session) {
                room.drop(session);
            }

            @Override
            public void drain(Session session) {
                room.drain(session);
            }
        };
    }
}

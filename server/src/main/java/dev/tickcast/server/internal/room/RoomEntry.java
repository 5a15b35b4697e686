package dev.tickcast.server.internal.room;

/**
 * A room as a client session sees it: the room's entry points, and nothing else. {@link Room}
 * implements it: a port of the room side, like {@link ClientLink}, so the room knows no session.
 * {@link #execute} may be called from any thread; the others run on the room's thread, so a
 * session calls them inside {@link #execute}, or through a task it hands to it.
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
}

package dev.tickcast.server.internal.room;

/**
 * A room's running totals of what its players sent and did, for the metrics and the admin page.
 * Plain fields, incremented on the room's thread; other threads may read them (a stale value, never
 * a torn one). Nothing here is allocated per message.
 */
public final class RoomCounters {
    long inputs;
    long inputsAccepted;
    long gameMessages;
    long gameMessagesAccepted;
    long reconnections;
    long tickNs;

    /** INPUT messages received from seated players. */
    public long inputs() {
        return inputs;
    }

    /** INPUT messages the game took. */
    public long inputsAccepted() {
        return inputsAccepted;
    }

    /** GAME_SEND messages received from seated players. */
    public long gameMessages() {
        return gameMessages;
    }

    /** GAME_SEND messages the game took. */
    public long gameMessagesAccepted() {
        return gameMessagesAccepted;
    }

    /** Dropped players that resumed their seat. */
    public long reconnections() {
        return reconnections;
    }

    /** The duration of the last tick, in nanoseconds. */
    public long lastTickNs() {
        return tickNs;
    }
}

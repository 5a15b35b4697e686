package dev.tickcast.server;

/**
 * The event-bus contract between rooms and the rest of an application (docs/EXTENDING.md,
 * "Event bus"). Every room publishes its lifecycle, and the events its game publishes, as JSON
 * objects to {@link #ALL} and to {@link #game(String)}; each room consumes messages for its game at
 * {@link #room(String)}. Only these addresses and JSON bodies are the contract, so it works the
 * same when the event bus is clustered.
 *
 * <p>Every event has {@code type}, {@code roomId}, {@code game}, {@code tick} (the room's tick) and
 * {@code time} (epoch milliseconds); player events add {@code playerId}, {@code name},
 * {@code subject} (the verified subject of the player's token; JSON null for a guest) and
 * {@code claims} (an object: the claims the operator passes to games; empty for a guest);
 * {@link #ROOM_DISPOSED} adds {@code reason}; {@link #GAME_EVENT} adds {@code event} (the game's
 * name for it) and {@code data} (an object). Events of one room arrive in the order they happened.
 *
 * <p>A message sent (request-reply) to {@link #room(String)} is a JSON object handed to the game's
 * {@code onServerMessage} on the room's thread between two steps; the reply is
 * {@code {"accepted":true|false,"roomId":...,"tick":...}}. A room that does not exist (or no longer
 * does) fails the request with {@code ReplyFailure.NO_HANDLERS}.
 */
public final class RoomEvents {
    /** Every room's events. */
    public static final String ALL = "tickcast.events";
    /** A room was created (it is listed and can be joined). */
    public static final String ROOM_CREATED = "room.created";
    /** A room was disposed (empty, failed, shut down); field {@code reason}. */
    public static final String ROOM_DISPOSED = "room.disposed";
    /** A player took a seat. */
    public static final String PLAYER_JOINED = "player.joined";
    /** A player left for good (closed, kicked, or did not come back within the grace period). */
    public static final String PLAYER_LEFT = "player.left";
    /** A player's connection dropped; its seat is kept for the reconnection grace period. */
    public static final String PLAYER_DROPPED = "player.dropped";
    /**
     * A player continues on a new connection: a dropped player came back, or a newer login of the
     * same verified identity took the seat over (the older connection was closed with 4013).
     */
    public static final String PLAYER_RESUMED = "player.resumed";
    /** The game published an event: fields {@code event} and {@code data}. */
    public static final String GAME_EVENT = "game.event";

    /**
     * The announcement channel: a JSON object {@code {"text": "..."}} (1 to 200 UTF-8 bytes)
     * published here reaches every player of every room, on every node of a cluster, as a system
     * chat line. {@code POST /admin/announce} publishes to it.
     */
    public static final String ANNOUNCE = "tickcast.announce";

    private static final String GAME_PREFIX = ALL + ".";
    private static final String ROOM_PREFIX = "tickcast.room.";

    private RoomEvents() {
    }

    /** The events of every room of one game. */
    public static String game(String gameName) {
        return GAME_PREFIX + gameName;
    }

    /** The address where the room {@code roomId} takes messages for its game. */
    public static String room(String roomId) {
        return ROOM_PREFIX + roomId;
    }
}

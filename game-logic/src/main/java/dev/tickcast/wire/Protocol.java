package dev.tickcast.wire;

/**
 * Every constant of the wire contract in one place, mirrored line for line by sdk/protocol.js and
 * defined by docs/PROTOCOL.md. Message ids are Kryo registration ids ({@link Messages#newKryo()});
 * Kryo writes a registered class as the varint {@code id + 2}, so the first byte of every frame is
 * {@link #typeByte(int)} of its id.
 */
public final class Protocol {
    /** The WebSocket subprotocol a client must offer. */
    public static final String SUBPROTOCOL = "tickcast.v1";
    /** The protocol version carried by JOIN and WELCOME (2: INPUT and GAME_SEND carry a view stamp, PING a view delay). */
    public static final int VERSION = 2;

    // Client to server (Kryo registration ids).
    /** JOIN: claim a reserved seat with its token. */
    public static final int JOIN = 14;
    /** INPUT: a sequence number and the game's input payload. */
    public static final int INPUT = 15;
    /** PING: the client's clock, echoed in PONG. */
    public static final int PING = 16;
    /** CHAT_SEND: a chat line for the room. */
    public static final int CHAT_SEND = 17;
    /** GAME_SEND: a game-defined message (a type and a payload) for the room's game. */
    public static final int GAME_SEND = 18;

    // Server to client.
    /** WELCOME: the room, the player's ids and the tick rates. */
    public static final int WELCOME = 30;
    /** SCHEMA: the tables and fields of the game's state. */
    public static final int SCHEMA = 31;
    /** SNAPSHOT: a delta from a baseline the client holds (or a full state). */
    public static final int SNAPSHOT = 32;
    /** PONG: the PING's value and the server tick. */
    public static final int PONG = 33;
    /** CHAT: a chat line from a player of the room. */
    public static final int CHAT = 34;
    /** GAME_MESSAGE: a game-defined message (a type and a payload) from the room's game. */
    public static final int GAME_MESSAGE = 35;
    /** Server to player of a room with interest: a snapshot sent by cells (docs/PROTOCOL.md 10.10). */
    public static final int SNAPSHOT_CELLS = 36;

    // Limits.
    /** The largest frame a client may send, in bytes. */
    public static final int MAX_CLIENT_MESSAGE_BYTES = 4096;
    /** The longest string in any message, in UTF-8 bytes. */
    public static final int MAX_STRING_BYTES = 1024;
    /** The longest player name, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 32;
    /** The longest seat token, in UTF-8 bytes. */
    public static final int MAX_TOKEN_BYTES = 128;
    /** The longest chat line, in UTF-8 bytes. */
    public static final int MAX_CHAT_BYTES = 200;
    /** The largest game input payload of one INPUT message, in bytes. */
    public static final int MAX_INPUT_PAYLOAD_BYTES = 256;
    /** The largest game message type (GAME_SEND and GAME_MESSAGE). */
    public static final int MAX_GAME_MESSAGE_TYPE = 255;
    /** The largest payload of one game message, in bytes (GAME_SEND and GAME_MESSAGE). */
    public static final int MAX_GAME_PAYLOAD_BYTES = 1024;
    /** The most game messages the server sends one player in one tick; more are not sent. */
    public static final int MAX_GAME_MESSAGES_PER_TICK = 32;

    // WebSocket close codes (RFC 6455 and the application range).
    /** The client left or the server shut down. */
    public static final short CLOSE_NORMAL = 1000;
    /** The server is shutting down (a drop: reconnect). */
    public static final short CLOSE_GOING_AWAY = 1001;
    /** A text frame, where only binary frames are allowed. */
    public static final short CLOSE_UNSUPPORTED_DATA = 1003;
    /** A message that does not parse: truncated, bad varint, bad field, bad sequence. */
    public static final short CLOSE_INVALID_PAYLOAD = 1007;
    /** A message that parses but breaks a rule (for example, too many inputs per tick). */
    public static final short CLOSE_POLICY = 1008;
    /** A frame larger than {@link #MAX_CLIENT_MESSAGE_BYTES}. */
    public static final short CLOSE_TOO_BIG = 1009;
    /** The game code failed; the room is closed. */
    public static final short CLOSE_INTERNAL_ERROR = 1011;
    /** The first byte names no client message. */
    public static final short CLOSE_UNKNOWN_TYPE = 4000;
    /** A message other than JOIN before the join. */
    public static final short CLOSE_NOT_JOINED = 4001;
    /** The seat token is unknown, expired or already used. */
    public static final short CLOSE_BAD_SEAT = 4002;
    /** JOIN sent twice on one connection. */
    public static final short CLOSE_ALREADY_JOINED = 4003;
    /** JOIN named a protocol version this server does not speak. */
    public static final short CLOSE_BAD_VERSION = 4004;
    /** The room closed (disposed) while the client was in it. */
    public static final short CLOSE_ROOM_CLOSED = 4005;
    /** The client stayed too far behind the snapshots for too long. */
    public static final short CLOSE_SLOW_CONSUMER = 4006;
    /** The seat token was genuine but has expired. */
    public static final short CLOSE_SEAT_EXPIRED = 4007;
    /** The seat token was genuine but has been used already. */
    public static final short CLOSE_SEAT_USED = 4008;
    /** Nothing was received from the client within the idle timeout (pongs count). */
    public static final short CLOSE_TIMEOUT = 4009;
    /** The client sent messages, chat lines or pings faster than its rate limit. */
    public static final short CLOSE_RATE_LIMITED = 4010;
    /** No valid JOIN arrived within the join deadline after the WebSocket opened (a drop: matchmake again). */
    public static final short CLOSE_JOIN_TIMEOUT = 4011;
    /** An operator removed the player from its room (the admin page's kick); do not reconnect. */
    public static final short CLOSE_KICKED = 4012;
    /**
     * Replaced by a newer login of the same identity: a second connection of the same verified
     * subject took this connection's seat over (same player, same entity); final for this
     * connection: do not reconnect.
     */
    public static final short CLOSE_REPLACED = 4013;

    private Protocol() {
    }

    /** The first byte of a frame carrying message {@code id}: Kryo's class-id varint. */
    public static int typeByte(int id) {
        return id + 2;
    }
}

package dev.tickcast.wire;

import java.util.List;

/**
 * The client-to-server messages and the rules a server applies to each before the room reads it
 * (docs/PROTOCOL.md sections 4, 4.2, 7 and 12.2): whether it may come before the join, whether a
 * spectator's is answered, and which rate limit it counts against. One table for every transport;
 * {@code CLIENT_MESSAGES} in sdk/protocol.js mirrors it entry for entry (its test reads this file).
 *
 * <pre>
 *   type      id  byte  before JOIN  spectators  bucket
 *   JOIN      14  0x10  yes          no          message
 *   INPUT     15  0x11  no           no          message
 *   PING      16  0x12  no           yes         message
 *   CHAT_SEND 17  0x13  no           no          chat
 *   GAME_SEND 18  0x14  no           no          game
 * </pre>
 *
 * A type byte in no entry is an unknown type (4000); an entry not allowed before the join closes
 * an unjoined client with 4001; after its JOIN a spectator's messages other than PING are ignored.
 */
public final class ClientMessages {
    /**
     * The rate limit a message takes a token from. Every client message takes one from the message
     * limit first; CHAT and GAME name a second limit it then takes one from as well.
     */
    public enum Bucket {
        /** The message limit only. */
        MESSAGE,
        /** The message limit, then the chat limit (a line over its rate is dropped with a notice; a flood closes). */
        CHAT,
        /** The message limit, then the game-message limit. */
        GAME
    }

    /**
     * One client message type.
     *
     * @param id         its Kryo registration id ({@link Protocol})
     * @param name       its name in docs/PROTOCOL.md
     * @param beforeJoin true if it may come before the join (JOIN only)
     * @param spectators true if a spectator's is answered; a spectator's other messages are ignored
     * @param bucket     the rate limit it counts against
     */
    public record Kind(int id, String name, boolean beforeJoin, boolean spectators, Bucket bucket) {
        /** The first byte of a frame of this type. */
        public int typeByte() {
            return Protocol.typeByte(id);
        }
    }

    /** JOIN: the only message before the join. */
    public static final Kind JOIN = new Kind(Protocol.JOIN, "JOIN", true, false, Bucket.MESSAGE);
    /** INPUT: waits in the session's inbox for the room's next step. */
    public static final Kind INPUT = new Kind(Protocol.INPUT, "INPUT", false, false, Bucket.MESSAGE);
    /** PING: answered with PONG, for spectators too. */
    public static final Kind PING = new Kind(Protocol.PING, "PING", false, true, Bucket.MESSAGE);
    /** CHAT_SEND: a chat line, under the chat limit. */
    public static final Kind CHAT_SEND = new Kind(Protocol.CHAT_SEND, "CHAT_SEND", false, false, Bucket.CHAT);
    /** GAME_SEND: a game message, under the game-message limit. */
    public static final Kind GAME_SEND = new Kind(Protocol.GAME_SEND, "GAME_SEND", false, false, Bucket.GAME);

    /** Every client message type, in id order. */
    public static final List<Kind> ALL = List.of(JOIN, INPUT, PING, CHAT_SEND, GAME_SEND);

    /** Type bytes are one byte: a varint below 128. */
    private static final Kind[] BY_TYPE_BYTE = new Kind[128];

    static {
        for (Kind kind : ALL) {
            BY_TYPE_BYTE[kind.typeByte()] = kind;
        }
    }

    private ClientMessages() {
    }

    /** The client message type whose frames start with {@code typeByte}, or null if none does (4000). */
    public static Kind byTypeByte(int typeByte) {
        return typeByte >= 0 && typeByte < BY_TYPE_BYTE.length ? BY_TYPE_BYTE[typeByte] : null;
    }
}

package dev.tickcast.game;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Wire;

/**
 * A game message being written: a type (0..255) and a payload of at most
 * {@link Protocol#MAX_GAME_PAYLOAD_BYTES} bytes, sent as one {@code GAME_MESSAGE} frame
 * (docs/PROTOCOL.md). Get one from {@link RoomContext#message(int)}, write the payload, then send:
 *
 * <pre>{@code
 * room.message(HIT).writeVarUInt(shooter).writeVarUInt(target).sendToAll();
 * }</pre>
 *
 * The writer is reused: each {@link RoomContext#message} call starts a new message and invalidates
 * the previous one. A payload over the limit is a bug in the game and throws
 * IllegalArgumentException when sent. Sends return how many players the message was queued for;
 * a player is skipped when it already got {@link Protocol#MAX_GAME_MESSAGES_PER_TICK} game
 * messages this tick (a runaway game must not flood its clients).
 */
public final class MessageWriter {
    /** Where a finished frame goes: the engine's side of the writer. */
    public interface Outbox {
        /**
         * Queues {@code frame[0, length)} for the listed players ({@code players == null}: every
         * seated player but {@code except}); returns how many it was queued for.
         */
        int deliver(int[] players, int count, int except, byte[] frame, int length);
    }

    private static final int HEADER_MAX = 3;

    private final Outbox outbox;
    private final Output out = new Output(HEADER_MAX + Protocol.MAX_GAME_PAYLOAD_BYTES + 64, -1);
    private final int[] one = new int[1];
    private int payloadStart;

    /** A writer that hands finished frames to {@code outbox}; created by the engine, one per room. */
    public MessageWriter(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Starts a message of {@code type}; called by the engine for {@link RoomContext#message}. */
    public MessageWriter begin(int type) {
        if (type < 0 || type > Protocol.MAX_GAME_MESSAGE_TYPE) {
            throw new IllegalArgumentException(
                    "game message type must be 0.." + Protocol.MAX_GAME_MESSAGE_TYPE + ": " + type);
        }
        out.reset();
        Wire.writeVarUInt(out, Protocol.typeByte(Protocol.GAME_MESSAGE));
        Wire.writeVarUInt(out, type);
        payloadStart = out.position();
        return this;
    }

    /** Appends one byte (0..255). */
    public MessageWriter writeByte(int value) {
        out.writeByte((byte) value);
        return this;
    }

    /** Appends a boolean as one byte, 0 or 1 ({@link InputReader#readBool}). */
    public MessageWriter writeBool(boolean value) {
        out.writeByte(value ? 1 : 0);
        return this;
    }

    /** Appends a zig-zag varint ({@link InputReader#readVarInt}). */
    public MessageWriter writeVarInt(int value) {
        out.writeVarInt(value, false);
        return this;
    }

    /** Appends an unsigned varint of a non-negative int ({@link InputReader#readVarUInt}). */
    public MessageWriter writeVarUInt(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("writeVarUInt takes a non-negative int: " + value);
        }
        Wire.writeVarUInt(out, value);
        return this;
    }

    /** Appends a string: a varint UTF-8 byte length, then the bytes ({@link InputReader#readString}). */
    public MessageWriter writeString(String value) {
        Wire.writeString(out, value == null ? "" : value);
        return this;
    }

    /** Appends raw bytes. */
    public MessageWriter writeBytes(byte[] bytes, int offset, int length) {
        out.writeBytes(bytes, offset, length);
        return this;
    }

    /** The payload length so far, in bytes. */
    public int payloadLength() {
        return out.position() - payloadStart;
    }

    /** Sends the message to one player; returns 1 if it was queued, 0 if not (gone, or over its limit). */
    public int sendTo(int playerId) {
        one[0] = playerId;
        return send(one, 1, -1);
    }

    /** Sends the message to the first {@code count} players of {@code playerIds}. */
    public int sendTo(int[] playerIds, int count) {
        return send(playerIds, count, -1);
    }

    /** Sends the message to every seated player. */
    public int sendToAll() {
        return send(null, 0, -1);
    }

    /** Sends the message to every seated player except {@code playerId} (for example the one who caused it). */
    public int broadcast(int exceptPlayerId) {
        return send(null, 0, exceptPlayerId);
    }

    private int send(int[] players, int count, int except) {
        if (payloadLength() > Protocol.MAX_GAME_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("game message payload of " + payloadLength() + " bytes is over "
                    + Protocol.MAX_GAME_PAYLOAD_BYTES);
        }
        return outbox.deliver(players, count, except, out.getBuffer(), out.position());
    }
}

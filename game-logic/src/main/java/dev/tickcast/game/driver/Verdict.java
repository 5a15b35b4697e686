package dev.tickcast.game.driver;

import dev.tickcast.wire.Protocol;

/**
 * What a {@link GameDriver} decided about one join, input or game message from a player. A refusal
 * carries the WebSocket close code a real room closes that player's connection with; its text is
 * {@link #reason()}, or for the two verdicts whose text depends on the call, {@link Admission#reason()}
 * ({@link #JOIN_REFUSED}) and {@link GameDriver#reason()} ({@link #MESSAGE_REFUSED}). The constants
 * are shared: returning one allocates nothing.
 * <table>
 * <caption>What each driver call may return</caption>
 * <tr><th>call</th><th>verdicts (close code)</th></tr>
 * <tr><td>{@link GameDriver#join}</td><td>ACCEPTED; ROOM_FULL (4005); JOIN_REFUSED (1008)</td></tr>
 * <tr><td>{@link GameDriver#input}</td><td>ACCEPTED; BAD_SEQUENCE, SEQUENCE_NOT_INCREASING,
 *     MALFORMED_INPUT (1007)</td></tr>
 * <tr><td>{@link GameDriver#message}</td><td>ACCEPTED; BAD_MESSAGE_TYPE, MESSAGE_REFUSED (1007);
 *     MESSAGE_TOO_BIG (1009)</td></tr>
 * <tr><td>any of them</td><td>FAILED (the game failed: the host closes the whole room with 1011,
 *     not this player alone); DISPOSED (the room is gone)</td></tr>
 * </table>
 */
public enum Verdict {
    /** Taken: the game got the join, input or message. Nothing to close (code 0). */
    ACCEPTED(0, null),
    /** Join: every seat is taken (4005, "room full"); the game was not asked. */
    ROOM_FULL(Protocol.CLOSE_ROOM_CLOSED, "room full"),
    /** Join: the game's {@code onJoinRequest} refused (1008, with the game's reason). */
    JOIN_REFUSED(Protocol.CLOSE_POLICY, null),
    /** Input: the sequence number could not be read (the host passes -1) or is negative (1007). */
    BAD_SEQUENCE(Protocol.CLOSE_INVALID_PAYLOAD, "bad input sequence"),
    /** Input: the sequence number is not above the seat's last accepted one (1007). */
    SEQUENCE_NOT_INCREASING(Protocol.CLOSE_INVALID_PAYLOAD, "input sequence not increasing"),
    /** Input: the game's {@code onInput} returned false (1007). */
    MALFORMED_INPUT(Protocol.CLOSE_INVALID_PAYLOAD, "malformed input payload"),
    /** Game message: the type is not 0..{@link Protocol#MAX_GAME_MESSAGE_TYPE}, or unreadable (-1) (1007). */
    BAD_MESSAGE_TYPE(Protocol.CLOSE_INVALID_PAYLOAD, "bad game message type"),
    /** Game message: the payload is over {@link Protocol#MAX_GAME_PAYLOAD_BYTES} bytes (1009). */
    MESSAGE_TOO_BIG(Protocol.CLOSE_TOO_BIG,
            "game message payload over " + Protocol.MAX_GAME_PAYLOAD_BYTES + " bytes"),
    /** Game message: the game's {@code onMessage} returned false (1007; the exact text names the type). */
    MESSAGE_REFUSED(Protocol.CLOSE_INVALID_PAYLOAD, "game message refused by the game"),
    /**
     * The game failed (now or earlier) and the call did not reach it; the host was told through
     * {@link RoomPort#onFault} and closes the whole room (1011), not this player alone.
     */
    FAILED(Protocol.CLOSE_INTERNAL_ERROR, "game error"),
    /** The driver was disposed and the call did not reach the game (4005, "room closed"). */
    DISPOSED(Protocol.CLOSE_ROOM_CLOSED, "room closed");

    private final short closeCode;
    private final String reason;

    Verdict(int closeCode, String reason) {
        this.closeCode = (short) closeCode;
        this.reason = reason;
    }

    /** True for {@link #ACCEPTED}. */
    public boolean accepted() {
        return this == ACCEPTED;
    }

    /** The close code for the player's connection (docs/PROTOCOL.md); 0 for {@link #ACCEPTED}. */
    public short closeCode() {
        return closeCode;
    }

    /**
     * The close reason when it does not depend on the call; null for {@link #ACCEPTED} and
     * {@link #JOIN_REFUSED}, a generic text for {@link #MESSAGE_REFUSED}.
     */
    public String reason() {
        return reason;
    }
}

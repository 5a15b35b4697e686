package dev.tickcast.wire;

/**
 * GAME_SEND (client to server): a game-defined message for the room's game. The server reads it
 * in place; this record is for clients and tests.
 *
 * @param type    the game's message type, 0..{@link Protocol#MAX_GAME_MESSAGE_TYPE}
 * @param view    the view stamp: what the client was drawing when it sent the message, 0 for none
 *                ({@link dev.tickcast.game.rewind.ViewStamp}, docs/PROTOCOL.md 7.6)
 * @param payload the game-defined bytes (at most {@link Protocol#MAX_GAME_PAYLOAD_BYTES})
 */
public record GameSendMessage(int type, int view, byte[] payload) {
}

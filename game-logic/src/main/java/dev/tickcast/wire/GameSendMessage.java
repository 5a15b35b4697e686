package dev.tickcast.wire;

/**
 * GAME_SEND (client to server): a game-defined message for the room's game. The server reads it
 * in place; this record is for clients and tests.
 *
 * @param type    the game's message type, 0..{@link Protocol#MAX_GAME_MESSAGE_TYPE}
 * @param payload the game-defined bytes (at most {@link Protocol#MAX_GAME_PAYLOAD_BYTES})
 */
public record GameSendMessage(int type, byte[] payload) {
}

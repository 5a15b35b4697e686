package dev.tickcast.wire;

/**
 * GAME_MESSAGE (server to client): a game-defined message from the room's game to one, several
 * or all of its players. The server writes it with {@link dev.tickcast.game.MessageWriter}; this
 * record is for clients and tests.
 *
 * @param type    the game's message type, 0..{@link Protocol#MAX_GAME_MESSAGE_TYPE}
 * @param payload the game-defined bytes (at most {@link Protocol#MAX_GAME_PAYLOAD_BYTES})
 */
public record GameMessage(int type, byte[] payload) {
}

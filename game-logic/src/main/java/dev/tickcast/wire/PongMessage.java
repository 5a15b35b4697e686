package dev.tickcast.wire;

/**
 * PONG (server to client): the answer to a PING.
 *
 * @param clientTime the PING's value
 * @param serverTick the room's tick when the PING was handled
 */
public record PongMessage(int clientTime, int serverTick) {
}

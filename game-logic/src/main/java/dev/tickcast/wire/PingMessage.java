package dev.tickcast.wire;

/**
 * PING (client to server): asks for a PONG echoing {@code clientTime}, to measure round-trip time.
 *
 * @param clientTime any non-negative int the client chooses, typically milliseconds mod 2^31
 */
public record PingMessage(int clientTime) {
}

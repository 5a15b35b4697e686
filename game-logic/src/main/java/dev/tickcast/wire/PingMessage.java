package dev.tickcast.wire;

/**
 * PING (client to server): asks for a PONG echoing {@code clientTime}, to measure round-trip time,
 * and declares the interpolation delay the client draws other entities with (docs/PROTOCOL.md 7.3).
 *
 * @param clientTime  any non-negative int the client chooses, typically milliseconds mod 2^31
 * @param viewDelayMs the client's interpolation delay in milliseconds (the server caps it); 0 for none or unknown
 */
public record PingMessage(int clientTime, int viewDelayMs) {
}

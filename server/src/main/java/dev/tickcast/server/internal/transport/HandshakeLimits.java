package dev.tickcast.server.internal.transport;

/**
 * The settings a {@link HandshakeGuard} uses, and only those (the engine builds them from the
 * server's options; docs/PROTOCOL.md 2 and 12.4).
 *
 * @param handshakesPerSecondPerAddress   the refill of one address's handshake bucket (429 past it)
 * @param handshakeBurstPerAddress        the size of one address's handshake bucket
 * @param maxConnections                  the most WebSockets of the process (503 past it)
 * @param maxConnectionsPerAddress        the most WebSockets of one address (429 past it)
 * @param maxPendingConnections           the most TCP connections that are not WebSockets, in all
 * @param maxPendingConnectionsPerAddress the most TCP connections that are not WebSockets, from one address
 * @param httpRequestTimeoutMs            the time a request body may take to arrive (for the log line)
 */
public record HandshakeLimits(double handshakesPerSecondPerAddress, int handshakeBurstPerAddress, int maxConnections,
                              int maxConnectionsPerAddress, int maxPendingConnections,
                              int maxPendingConnectionsPerAddress, long httpRequestTimeoutMs) {
}

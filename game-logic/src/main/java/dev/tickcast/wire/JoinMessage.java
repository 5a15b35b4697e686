package dev.tickcast.wire;

/**
 * JOIN (client to server): claims the seat a matchmaker reserved.
 *
 * @param version the protocol version the client speaks ({@link Protocol#VERSION})
 * @param token   the seat token from the matchmaker
 */
public record JoinMessage(int version, String token) {
}

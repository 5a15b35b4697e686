package dev.tickcast.server.match;

/**
 * A reserved seat, as the matchmaker answers {@code POST /matchmake/{game}}.
 *
 * @param roomId      the room the seat is in
 * @param token       the seat token to present in JOIN; single-use
 * @param game        the game name
 * @param expiresInMs how long the seat stays reserved if no JOIN claims it
 */
public record SeatGrant(String roomId, String token, String game, long expiresInMs) {
}

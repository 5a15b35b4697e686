package dev.tickcast.client;

/**
 * A seat reserved by the matchmaker.
 *
 * @param roomId      the room
 * @param token       the single-use seat token for JOIN
 * @param game        the game name
 * @param expiresInMs how long the reservation waits for JOIN
 */
public record Seat(String roomId, String token, String game, long expiresInMs) {
}

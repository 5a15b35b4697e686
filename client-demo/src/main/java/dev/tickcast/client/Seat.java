package dev.tickcast.client;

/**
 * A seat reserved by the matchmaker.
 *
 * @param roomId      the room
 * @param token       the single-use seat token for JOIN
 * @param game        the game name
 * @param expiresInMs    how long the reservation waits for JOIN
 * @param reconnectToken resumes the seat after a dropped connection (null if unknown)
 */
public record Seat(String roomId, String token, String game, long expiresInMs, String reconnectToken) {
    /** A seat without a reconnection token. */
    public Seat(String roomId, String token, String game, long expiresInMs) {
        this(roomId, token, game, expiresInMs, null);
    }
}

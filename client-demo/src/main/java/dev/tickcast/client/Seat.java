package dev.tickcast.client;

/**
 * A seat reserved by the matchmaker.
 *
 * @param roomId      the room
 * @param token       the single-use seat token for JOIN
 * @param game        the game name
 * @param expiresInMs    how long the reservation waits for JOIN
 * @param reconnectToken resumes the seat after a dropped connection (null if unknown)
 * @param url            the WebSocket URL of the node that hosts the room (ws://... or wss://...; null: the
 *                       server that was asked)
 */
public record Seat(String roomId, String token, String game, long expiresInMs, String reconnectToken, String url) {
    /** A seat without a reconnection token. */
    public Seat(String roomId, String token, String game, long expiresInMs) {
        this(roomId, token, game, expiresInMs, null, null);
    }

    /** A seat on the server that was asked. */
    public Seat(String roomId, String token, String game, long expiresInMs, String reconnectToken) {
        this(roomId, token, game, expiresInMs, reconnectToken, null);
    }

    /** The seat of a matchmaking answer ({@code roomId}, {@code token}, ..., {@code url}). */
    public static Seat fromJson(io.vertx.core.json.JsonObject json) {
        return new Seat(json.getString("roomId"), json.getString("token"), json.getString("game"),
                json.getLong("expiresInMs", 0L), json.getString("reconnectToken"), json.getString("url"));
    }
}

package dev.tickcast.server.internal.session;

import dev.tickcast.server.internal.room.ClientLink;

/**
 * What a {@link ClientSession} needs of the transport that carries it (a WebSocket, an HTTP
 * long-poll): the link the room writes to, a keep-alive ping, a close decided by the session, the
 * close code each side sent, and the violation log. Called on the transport's thread only (the
 * thread that calls the session).
 */
public interface ClientTransport {
    /** The outbound side the room writes to; its {@link ClientLink#closed()} is the session's too. */
    ClientLink link();

    /** Sends the transport's keep-alive ping (a WebSocket ping frame); the client's answer is {@link ClientSession.Frame#PONG}. */
    void ping();

    /**
     * True if the client answers {@link #ping()} with a pong (a WebSocket), so the session measures
     * the round trip from them; false if it does not (the HTTP binding: the round trip stays unknown).
     */
    default boolean measuresRoundTrip() {
        return false;
    }

    /** The session's smoothed round trip, in ms, after each sample: the transport makes it {@link ClientLink#rttMs()}. */
    default void roundTrip(int rttMs) {
    }

    /**
     * Closes the connection with {@code code}, on the session's decision (a violation, a deadline,
     * the server's shutdown); unlike a close by the room, it also frees what the connection holds
     * at once, without waiting for the client's close.
     */
    void close(short code, String reason);

    /** The close code the client sent, or -1 if it sent none (no close frame, a network error). */
    int clientCloseCode();

    /** The close code the server sent (by the session, the room or the transport itself), or 0 if none. */
    short serverCloseCode();

    /**
     * Logs a violation closed with {@code code}: the first of the connection is logged, later ones
     * only counted, so a flood on one connection writes one line.
     */
    void logViolation(short code, String reason);
}

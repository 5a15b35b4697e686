package dev.tickcast.bench.load;

import java.util.Locale;

/**
 * The carrier the bots use (the fixed names of docs/PROTOCOL.md section 2.1 and the metrics label):
 * a WebSocket, or the HTTP binding with a streaming or a long-polling downstream.
 */
public enum Transport {
    /** A WebSocket ({@code /ws}). */
    WEBSOCKET("websocket"),
    /** The HTTP binding with {@code GET /http/recv?mode=stream}. */
    HTTP_STREAM("http-stream"),
    /** The HTTP binding with {@code GET /http/recv?mode=poll}. */
    HTTP_POLL("http-poll");

    private final String wireName;

    Transport(String wireName) {
        this.wireName = wireName;
    }

    /** The fixed name: {@code websocket}, {@code http-stream} or {@code http-poll}. */
    public String wireName() {
        return wireName;
    }

    /** True for the two HTTP carriers. */
    public boolean http() {
        return this != WEBSOCKET;
    }

    /** The {@code mode} query value of {@code /http/recv}: {@code stream} or {@code poll}. */
    String recvMode() {
        return this == HTTP_POLL ? "poll" : "stream";
    }

    /** The transport named {@code name} (its fixed name, case-insensitive). */
    public static Transport parse(String name) {
        for (Transport t : values()) {
            if (t.wireName.equals(name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + name + "' (websocket, http-stream or http-poll)");
    }

    @Override
    public String toString() {
        return wireName;
    }
}

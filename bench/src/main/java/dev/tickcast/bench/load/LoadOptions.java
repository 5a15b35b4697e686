package dev.tickcast.bench.load;

/**
 * One arena run.
 *
 * @param host        server host (loopback)
 * @param port        server port
 * @param rooms       rooms to fill
 * @param players     players per room
 * @param seconds     length of the measured window
 * @param warmup      seconds of play before the window
 * @param snapshotHz  the snapshot rate the server sends (20 or 60), for the expected inter-arrival
 * @param seed        seed of the bots' choices
 * @param serverPid   the server process to read CPU and RSS from, or 0 for this process
 * @param decodeEvery one bot in this many, counted over all bots, decodes every snapshot (the others count bytes and arrivals)
 * @param transport   the bots' carrier: a WebSocket or the HTTP binding (streaming or long-polling)
 */
public record LoadOptions(String host, int port, int rooms, int players, int seconds, int warmup, int snapshotHz,
                          long seed, long serverPid, int decodeEvery, Transport transport) {
    /** A run over WebSockets. */
    public LoadOptions(String host, int port, int rooms, int players, int seconds, int warmup, int snapshotHz,
                       long seed, long serverPid, int decodeEvery) {
        this(host, port, rooms, players, seconds, warmup, snapshotHz, seed, serverPid, decodeEvery, Transport.WEBSOCKET);
    }

    /** The number of bots. */
    public int clients() {
        return rooms * players;
    }
}

package dev.tickcast.server;

/**
 * Server settings, parsed once at start.
 *
 * @param host               the address to listen on
 * @param port               the port (0 picks a free one)
 * @param eventLoops         event loops that accept sockets and host rooms
 * @param seatTimeoutMs      how long a reserved seat waits for its JOIN
 * @param writeQueueMaxBytes bytes that may wait to be written to one client before it skips snapshots
 * @param seed               the seed of the first room; room n uses seed + n
 * @param sendBufferBytes    the kernel send buffer of each client socket (0: the OS default, auto-tuned)
 */
public record ServerConfig(String host, int port, int eventLoops, long seatTimeoutMs, int writeQueueMaxBytes,
                           long seed, int sendBufferBytes) {
    /** Default port. */
    public static final int DEFAULT_PORT = 8080;

    /** The defaults: 0.0.0.0:8080, two loops per core, 10 s seats, 64 KiB write queues, seed 1. */
    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", DEFAULT_PORT, 2 * Runtime.getRuntime().availableProcessors(),
                10_000, 64 * 1024, 1, 0);
    }

    /** A copy listening on {@code h}:{@code p}. */
    public ServerConfig withAddress(String h, int p) {
        return new ServerConfig(h, p, eventLoops, seatTimeoutMs, writeQueueMaxBytes, seed, sendBufferBytes);
    }

    /** A copy with another seat timeout. */
    public ServerConfig withSeatTimeoutMs(long ms) {
        return new ServerConfig(host, port, eventLoops, ms, writeQueueMaxBytes, seed, sendBufferBytes);
    }

    /** A copy with another per-client write queue bound. */
    public ServerConfig withWriteQueueMaxBytes(int bytes) {
        return new ServerConfig(host, port, eventLoops, seatTimeoutMs, bytes, seed, sendBufferBytes);
    }

    /** A copy with another number of event loops. */
    public ServerConfig withEventLoops(int loops) {
        return new ServerConfig(host, port, loops, seatTimeoutMs, writeQueueMaxBytes, seed, sendBufferBytes);
    }

    /** A copy with another kernel send buffer per client socket. */
    public ServerConfig withSendBufferBytes(int bytes) {
        return new ServerConfig(host, port, eventLoops, seatTimeoutMs, writeQueueMaxBytes, seed, bytes);
    }
}

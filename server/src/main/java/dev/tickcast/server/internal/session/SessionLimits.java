package dev.tickcast.server.internal.session;

/**
 * The settings a client session and its transport use, and only those (the engine builds them from
 * the server's options): the rate limits of docs/PROTOCOL.md 12.2 (4010), the keep-alive of
 * section 2 (4009), the join deadline of section 4 (4011) and the bound on a client's write queue.
 *
 * @param messagesPerSecond     the message limit's refill: every message, client ping, unasked pong and continuation frame
 * @param messageBurst          the message limit's bucket size
 * @param chatPerSecond         the chat limit's refill (lines over it are dropped with a notice)
 * @param chatBurst             the chat limit's bucket size
 * @param gameMessagesPerSecond the GAME_SEND limit's refill
 * @param gameMessageBurst      the GAME_SEND limit's bucket size
 * @param idleTimeoutMs         a connection from which nothing arrives for this long is closed (4009)
 * @param joinDeadlineMs        a connection with no JOIN this long after it opened is closed (4011)
 * @param pingIntervalMs        the period of the transport's keep-alive ping
 * @param writeQueueMaxBytes    the most bytes that may wait to be written to one client
 */
public record SessionLimits(double messagesPerSecond, int messageBurst, double chatPerSecond, int chatBurst,
                            double gameMessagesPerSecond, int gameMessageBurst, long idleTimeoutMs,
                            long joinDeadlineMs, long pingIntervalMs, int writeQueueMaxBytes) {
    /** The longest period between two deadline checks. */
    private static final long MAX_CHECK_MS = 1_000;
    /** The shortest period of a timer (deadline checks and pings). */
    private static final long MIN_PERIOD_MS = 10;

    /**
     * How often a transport checks its sessions' deadlines ({@link ClientSession#checkDeadlines}):
     * at most a second, and a quarter of the shortest deadline, so that each fires close to its time.
     */
    public long deadlineCheckMs() {
        long shortest = Math.min(idleTimeoutMs, joinDeadlineMs) / 4;
        return Math.max(MIN_PERIOD_MS, Math.min(MAX_CHECK_MS, shortest));
    }

    /** How often a transport pings its sessions ({@link ClientSession#ping}): the ping interval, 10 ms at least. */
    public long pingPeriodMs() {
        return Math.max(MIN_PERIOD_MS, pingIntervalMs);
    }
}

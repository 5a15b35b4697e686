package dev.tickcast.bench.load;

/** The kinds of session the churn driver cycles through, in this order. */
public enum ChurnKind {
    /** Matchmake, upgrade, JOIN, WELCOME and snapshots, two INPUTs, then a clean close with 1000. */
    FULL("full"),
    /** Upgrade (every other one also matchmakes and joins first), then a TCP reset: no close frame. */
    RESET("reset"),
    /** Upgrade and never JOIN: the server closes with 4011 at the join deadline, or the bot leaves first. */
    NEVER_JOIN("neverJoin"),
    /** A request cut in its headers, then closed, or left until the server's HTTP idle timeout. */
    HALF_REQUEST("halfRequest"),
    /** Two GET /health on one keep-alive connection, then the client closes it. */
    KEEP_ALIVE("keepAlive");

    private final String label;

    ChurnKind(String label) {
        this.label = label;
    }

    /** The kind's name in the JSON and the text. */
    public String label() {
        return label;
    }
}

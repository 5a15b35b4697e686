package dev.tickcast.bench.load;

import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;

/**
 * Input-to-visible of one bot, whatever carries it: each input is timed from the instant it was
 * due until the first snapshot whose player row has {@code lastInputSeq} at or past it (the
 * arena's acknowledgement). Shared by the full-client {@code Bot} and the HTTP bots' {@code Visibility};
 * confined to the bot's event loop.
 */
final class InputAcks {
    private static final int SENT_RING = 1024;

    private final Metrics metrics;
    private final long[] dueNs = new long[SENT_RING];
    private int playerTable = -1;
    private int seqField = -1;
    private int lastAcked;
    private int lastSent;

    InputAcks(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Input {@code seq} was due at {@code dueNs}. */
    void sent(int seq, long dueNs) {
        this.dueNs[seq % SENT_RING] = dueNs;
        lastSent = seq;
    }

    /** A snapshot applied at {@code nowNs}: records the inputs of {@code entityId} it shows for the first time. */
    void seen(Snapshot state, int entityId, long nowNs) {
        if (entityId < 0 || (playerTable < 0 && !findPlayerTable(state))) {
            return;
        }
        TableSnapshot players = state.table(playerTable);
        int row = players.rowOf(entityId);
        if (row < 0) {
            return;
        }
        int acked = players.value(row, seqField);
        for (int seq = Math.max(lastAcked + 1, acked - SENT_RING + 1); seq <= acked && seq <= lastSent; seq++) {
            if (metrics.measuring) {
                metrics.inputToVisibleUs.recordValue(Math.max(0, (nowNs - dueNs[seq % SENT_RING]) / 1000));
            }
        }
        lastAcked = Math.max(lastAcked, acked);
    }

    private boolean findPlayerTable(Snapshot state) {
        for (int t = 0; t < state.tableCount(); t++) {
            if (state.table(t).schema().name().equals("player")) {
                playerTable = t;
                seqField = state.table(t).schema().fields().stream()
                        .filter(f -> f.name().equals("lastInputSeq")).findFirst().orElseThrow().index();
                return true;
            }
        }
        return false;
    }
}

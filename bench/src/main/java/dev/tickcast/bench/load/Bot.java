package dev.tickcast.bench.load;

import dev.tickcast.client.Seat;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;


/**
 * One arena bot (ARENA-SCENARIO.md) on the full Java client: one input in every 50 ms period, at an
 * instant of the period drawn per input from the bot's seed on a decoding bot (so its inputs meet the
 * server's tick at every phase) or once on a counting one, a new random direction about once a
 * second, sprint toggled rarely. Every bot counts bytes and snapshot arrivals; a sample bot also
 * decodes every snapshot to time input-to-visible from the instant each input was due (so a stalled
 * bot cannot hide its own delay). All its work runs on the context of its WebSocket.
 */
final class Bot {
    private final Vertx vertx;
    private final TickcastClient client;
    private final Metrics metrics;
    private final boolean decode;
    private final long expectedIntervalUs;
    private final BotBrain brain;
    private final DeltaDecoder header = new DeltaDecoder();
    private final InputAcks acks;
    private InputClock schedule;
    private long lastArrivalNs;
    private long timer = -1;
    /** Set by the caller's thread in {@link #stop}; a timer armed meanwhile then fires without sending. */
    private volatile boolean leaving;

    Bot(Vertx vertx, String host, int port, Metrics metrics, boolean decode, int snapshotHz, long seed) {
        this.vertx = vertx;
        this.client = new TickcastClient(vertx, host, port).decodeSnapshots(decode);
        this.metrics = metrics;
        this.decode = decode;
        this.expectedIntervalUs = 1_000_000L / snapshotHz;
        this.brain = new BotBrain(seed, decode);
        this.acks = new InputAcks(metrics);
        client.onRawSnapshot(this::onRaw);
        client.onClose((code, reason) -> onClose());
        if (decode) {
            client.onSnapshot(this::onState);
        }
    }

    /** Joins with the seat and starts playing: the first input in the period that begins then. */
    Future<Void> start(Seat seat) {
        return client.join(seat).onSuccess(v -> {
            schedule = new InputClock(brain, System.nanoTime());
            if (!leaving) {
                scheduleInput();
            }
        });
    }

    /** Arms the timer of the next input (an instant of the next period drawn for it, see {@link InputClock}). */
    private void scheduleInput() {
        long delayMs = schedule.plan(System.nanoTime());
        long due = schedule.dueNs();
        timer = vertx.setTimer(delayMs, id -> {
            if (!leaving) {
                sendInput(due);
                scheduleInput();
            }
        });
    }

    /** Stops playing and leaves normally. */
    Future<Void> stop() {
        leaving = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return client.close();
    }

    private void sendInput(long dueNs) {
        int direction = brain.next();
        long sentBefore = client.bytesSent();
        acks.sent(client.sendInput(new byte[] {(byte) direction}), dueNs);
        if (metrics.measuring) {
            metrics.upBytes.add(client.bytesSent() - sentBefore);
        }
    }

    private void onRaw(Buffer message) {
        long now = System.nanoTime();
        byte[] bytes = message.getBytes(0, Math.min(message.length(), 16));
        boolean full = header.readHeader(bytes, 0, bytes.length) == DeltaDecoder.OK && header.full();
        if (full) {
            metrics.fullSnapshotBytes.recordValue(message.length());
        }
        if (metrics.measuring) {
            metrics.downBytes.add(message.length());
            metrics.snapshots.increment();
            metrics.snapshotBytes.recordValue(message.length());
            if (lastArrivalNs != 0) {
                metrics.interArrivalUs.recordValueWithExpectedInterval((now - lastArrivalNs) / 1000, expectedIntervalUs);
            }
        }
        lastArrivalNs = now;
    }

    private void onState(Snapshot state) {
        acks.seen(state, client.welcome().entityId(), System.nanoTime());
    }

    private void onClose() {
        if (!leaving) {
            metrics.disconnects.increment();
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    boolean decodes() {
        return decode;
    }
}

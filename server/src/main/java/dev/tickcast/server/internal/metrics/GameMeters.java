package dev.tickcast.server.internal.metrics;

import dev.tickcast.game.GameSpec;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The meters of one game, shared by all its rooms (the only label is the game's name, so the
 * cardinality is the number of hosted games). Rooms add to the adders once per step from their
 * own threads ({@link RoomMeters}); the registry reads them at scrape time.
 */
final class GameMeters {
    /** Tick-time histogram buckets, as fractions of the tick period. */
    private static final double[] BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4};

    final Timer tick;
    final LongAdder lateSteps = new LongAdder();
    final LongAdder droppedTicks = new LongAdder();
    final LongAdder players = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder rooms = new LongAdder();
    final LongAdder snapshotBytes = new LongAdder();
    final LongAdder snapshotsSent = new LongAdder();
    final LongAdder fullSnapshots = new LongAdder();
    final LongAdder snapshotsSkipped = new LongAdder();
    final LongAdder slowConsumersClosed = new LongAdder();
    final LongAdder broadcasts = new LongAdder();
    final LongAdder encodes = new LongAdder();
    final LongAdder encodeNs = new LongAdder();
    final LongAdder inputsAccepted = new LongAdder();
    final LongAdder inputsRefused = new LongAdder();
    final LongAdder gameMessagesAccepted = new LongAdder();
    final LongAdder gameMessagesRefused = new LongAdder();
    final LongAdder reconnections = new LongAdder();
    private final List<Meter> meters = new ArrayList<>();

    GameMeters(MeterRegistry registry, GameSpec spec) {
        Tags game = Tags.of("game", spec.name());
        long periodNs = 1_000_000_000L / spec.tickHz();
        Duration[] slo = new Duration[BUCKETS.length];
        for (int i = 0; i < BUCKETS.length; i++) {
            slo[i] = Duration.ofNanos(Math.max(1, (long) (BUCKETS[i] * periodNs)));
        }
        tick = Timer.builder("tickcast.tick.duration").description("Time of one tick: step, snapshot and broadcast")
                .tags(game).serviceLevelObjectives(slo).register(registry);
        meters.add(tick);
        counter(registry, "tickcast.ticks.late", "Steps run late, back to back, to catch up", game, lateSteps);
        counter(registry, "tickcast.ticks.dropped", "Ticks dropped: the room was more than 5 steps behind", game,
                droppedTicks);
        gauge(registry, "tickcast.players.connected", "Seated players with a live connection", game, players);
        gauge(registry, "tickcast.players.dropped", "Seated players whose connection dropped, waiting to resume",
                game, dropped);
        gauge(registry, "tickcast.rooms.open", "Open rooms", game, rooms);
        counter(registry, "tickcast.snapshot.bytes", "Bytes of snapshots written to clients", game, snapshotBytes);
        counter(registry, "tickcast.snapshots.sent", "Snapshots written to clients", game, snapshotsSent);
        counter(registry, "tickcast.snapshots.full", "Full snapshots (keyframes) written to clients", game,
                fullSnapshots);
        counter(registry, "tickcast.snapshots.skipped", "Snapshots skipped for a full write queue", game,
                snapshotsSkipped);
        counter(registry, "tickcast.slow.consumers.closed", "Clients closed for staying behind (4006)", game,
                slowConsumersClosed);
        counter(registry, "tickcast.broadcasts", "Snapshot broadcasts (encodes per broadcast: encodes / broadcasts)",
                game, broadcasts);
        counter(registry, "tickcast.snapshot.encodes", "Snapshot encodes (one per distinct baseline per broadcast)",
                game, encodes);
        meters.add(FunctionTimer.builder("tickcast.snapshot.encode", encodeNs, n -> encodes.sum(), LongAdder::sum,
                TimeUnit.NANOSECONDS).description("Time spent encoding snapshots").tags(game).register(registry));
        Tags accepted = game.and("result", "accepted");
        Tags refused = game.and("result", "refused");
        counter(registry, "tickcast.inputs", "INPUT messages by result", accepted, inputsAccepted);
        counter(registry, "tickcast.inputs", "INPUT messages by result", refused, inputsRefused);
        counter(registry, "tickcast.game.messages", "GAME_SEND messages by result", accepted, gameMessagesAccepted);
        counter(registry, "tickcast.game.messages", "GAME_SEND messages by result", refused, gameMessagesRefused);
        counter(registry, "tickcast.reconnections", "Dropped players that resumed their seat", game, reconnections);
    }

    private void counter(MeterRegistry registry, String name, String description, Tags tags, LongAdder adder) {
        meters.add(FunctionCounter.builder(name, adder, LongAdder::sum).description(description).tags(tags)
                .register(registry));
    }

    private void gauge(MeterRegistry registry, String name, String description, Tags tags, LongAdder adder) {
        meters.add(Gauge.builder(name, adder, LongAdder::sum).description(description).tags(tags).register(registry));
    }

    /** Removes this game's meters from {@code registry} (the server stops). */
    void remove(MeterRegistry registry) {
        meters.forEach(registry::remove);
    }
}

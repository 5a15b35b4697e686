package dev.tickcast.server.internal.room;

import dev.tickcast.game.rewind.LagCompensation;
import dev.tickcast.server.internal.record.Recordings;

import java.util.function.LongSupplier;

/**
 * The server-wide settings every room follows.
 *
 * @param nanoClock             the room's one clock: its StepClock, the drop grace, the slow-consumer timeout
 *                              (System::nanoTime, or a test clock)
 * @param slowConsumerTimeoutMs how long a client may be unable to take snapshots before it is closed (4006)
 * @param reconnectGraceMs      how long a dropped player keeps its seat and entity
 * @param observer              sees every captured snapshot ({@link SnapshotObserver#NONE} for none)
 * @param metrics               makes each room's metrics ({@link RoomMetrics.Factory#NONE} for none)
 * @param lag                   the limits of lag compensation ({@link LagCompensation#DEFAULT})
 * @param recordings            which rooms record, and where ({@link Recordings#OFF} for none)
 */
public record RoomSettings(LongSupplier nanoClock, long slowConsumerTimeoutMs, long reconnectGraceMs,
                           SnapshotObserver observer, RoomMetrics.Factory metrics, LagCompensation lag,
                           Recordings recordings) {
    /** Settings without recordings. */
    public RoomSettings(LongSupplier nanoClock, long slowConsumerTimeoutMs, long reconnectGraceMs,
                        SnapshotObserver observer, RoomMetrics.Factory metrics, LagCompensation lag) {
        this(nanoClock, slowConsumerTimeoutMs, reconnectGraceMs, observer, metrics, lag, Recordings.OFF);
    }

    /** Settings with the default limits of lag compensation. */
    public RoomSettings(LongSupplier nanoClock, long slowConsumerTimeoutMs, long reconnectGraceMs,
                        SnapshotObserver observer, RoomMetrics.Factory metrics) {
        this(nanoClock, slowConsumerTimeoutMs, reconnectGraceMs, observer, metrics, LagCompensation.DEFAULT);
    }

    /** Settings without metrics. */
    public RoomSettings(LongSupplier nanoClock, long slowConsumerTimeoutMs, long reconnectGraceMs,
                        SnapshotObserver observer) {
        this(nanoClock, slowConsumerTimeoutMs, reconnectGraceMs, observer, RoomMetrics.Factory.NONE);
    }

    /** Settings without a snapshot observer. */
    public RoomSettings(LongSupplier nanoClock, long slowConsumerTimeoutMs, long reconnectGraceMs) {
        this(nanoClock, slowConsumerTimeoutMs, reconnectGraceMs, SnapshotObserver.NONE);
    }
}

package dev.tickcast.server.room;

import java.util.function.LongSupplier;

/**
 * The server-wide settings every room follows.
 *
 * @param nanoClock             the clock of the tick driver and of the limits (System::nanoTime, or a test clock)
 * @param slowConsumerTimeoutMs how long a client may be unable to take snapshots before it is closed (4006)
 * @param reconnectGraceMs      how long a dropped player keeps its seat and entity
 */
public record RoomSettings(LongSupplier nanoClock, long slowConsumerTimeoutMs, long reconnectGraceMs) {
}

/**
 * The server's public API: {@link dev.tickcast.server.TickcastVerticle} and
 * {@link dev.tickcast.server.TickcastOptions} to run it (the command line is
 * {@link dev.tickcast.server.ServerMain}), {@link dev.tickcast.server.Tickcast} for a plug-in's routes and
 * games, {@link dev.tickcast.server.TickcastExtension} for its verticles,
 * {@link dev.tickcast.server.RoomEvents} for the event bus and {@link dev.tickcast.server.TickcastMetrics}
 * for the metrics. The engine behind it ({@code dev.tickcast.server.internal}) is not an API.
 */
package dev.tickcast.server;

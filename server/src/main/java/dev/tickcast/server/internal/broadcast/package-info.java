/**
 * The delayed broadcast over HTTP (docs/PROTOCOL.md, "Delayed broadcast"): a recording room's
 * fragments published D ms after the recorder finishes them ({@link dev.tickcast.server.internal.broadcast.Broadcast}),
 * the broadcasts by id with their eviction ({@link dev.tickcast.server.internal.broadcast.Broadcasts}), and the
 * signed expiring links of private rooms ({@link dev.tickcast.server.internal.broadcast.LinkSigner}). The routes are
 * in {@code internal.http}; the recorder that feeds a broadcast is in {@code internal.room}.
 */
package dev.tickcast.server.internal.broadcast;

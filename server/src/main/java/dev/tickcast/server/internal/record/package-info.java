/**
 * Recordings on disk: where a recording room's archive goes ({@link dev.tickcast.server.internal.record.Recordings})
 * and the writer that puts its fragments there off the event loop
 * ({@link dev.tickcast.server.internal.record.ArchiveSink}). The room's side, the recorder that cuts
 * the fragments, is in {@code internal.room}.
 */
package dev.tickcast.server.internal.record;

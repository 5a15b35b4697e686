package dev.tickcast.server.internal.room;

import java.util.concurrent.Executor;

/**
 * The thread that owns a client's connection, as a writer-affinity handle: a room batches its
 * writes per writer loop and hands each batch over as one task. Implementations compare equal
 * when they stand for the same thread, so a transport may wrap its own loop type in a small value.
 */
public interface WriterLoop extends Executor {
    /** True if the calling thread is this loop (a write can be made at once). */
    boolean inLoop();
}

package dev.tickcast.server.internal.transport.http;

import com.esotericsoftware.kryo.Kryo;
import dev.tickcast.server.internal.room.WriterLoop;
import dev.tickcast.server.internal.transport.NettyWriterLoop;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One event loop as the home of HTTP sessions: its context, its Kryo, and the sessions that live
 * there, which its server verticle's timers check ({@link #checkDeadlines}, {@link #ping}) and
 * its shutdown closes ({@link #closeAll}). Every method but {@link #execute} runs on the loop.
 */
public final class HttpLoop {
    private final Context context;
    private final Kryo kryo;
    private final WriterLoop writer;
    private final Set<HttpSession> sessions = new HashSet<>();

    HttpLoop(Context context, Kryo kryo) {
        this.context = context;
        this.kryo = kryo;
        this.writer = new NettyWriterLoop(((ContextInternal) context).nettyEventLoop());
    }

    /** Runs {@code task} on the loop, in the context (from any thread). */
    void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    Kryo kryo() {
        return kryo;
    }

    WriterLoop writer() {
        return writer;
    }

    void add(HttpSession s) {
        sessions.add(s);
    }

    void remove(HttpSession s) {
        sessions.remove(s);
    }

    /** The join deadlines, idle timeouts and response timers of the loop's sessions. */
    public void checkDeadlines(long nowNs) {
        for (HttpSession s : List.copyOf(sessions)) {
            s.checkDeadlines(nowNs);
        }
    }

    /** The keep-alive of the loop's sessions, every ping interval. */
    public void ping() {
        for (HttpSession s : List.copyOf(sessions)) {
            s.ping();
        }
    }

    /** Closes every session of the loop, joined or not, with {@code code} (the server's shutdown: 1001). */
    public void closeAll(short code, String reason) {
        for (HttpSession s : List.copyOf(sessions)) {
            s.close(code, reason);
        }
    }

    /** Sessions living here (tests). */
    public int size() {
        return sessions.size();
    }
}

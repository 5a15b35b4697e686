package dev.tickcast.server.internal.session;

import dev.tickcast.server.internal.net.TokenBucket;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.Messages;
import io.vertx.core.buffer.Buffer;

/**
 * A connection's chat limits, as chat users expect them: a line over the chat rate is dropped and
 * the sender told so (at most one system line a second); only a flood far past the rate closes
 * the connection. The flood rule is PROTOCOL.md's, exactly: more than {@link #floodLines} lines
 * (dropped ones included) within any {@link #FLOOD_WINDOW_NS 5 s} close it, i.e. the 21st line
 * whose 20 predecessors all came less than 5 s before it (by default). It is kept as a ring of the
 * last {@code floodLines} line times, so a line costs no allocation. The session's thread only.
 */
final class ChatLimit {
    /** What to do with a chat line. */
    enum Verdict { SEND, DROP, FLOOD }

    /** The system line (a CHAT with an empty name) telling a fast typist that a line was dropped. */
    static final Buffer NOTICE = notice("chat: you are typing too fast; that line was not sent");
    /** The flood window of PROTOCOL.md section 7.4. */
    static final long FLOOD_WINDOW_NS = 5_000_000_000L;
    private static final long NOTICE_EVERY_NS = 1_000_000_000L;
    private static final int FLOOD_FACTOR = 4;
    /** A bound on the ring for absurd chat settings (the message limit closes such floods anyway). */
    private static final int MAX_FLOOD_LINES = 1024;

    private final TokenBucket lines;
    /** The times of the last {@code times.length} lines; {@code next} is the oldest once the ring is full. */
    private final long[] times;
    private int next;
    private int count;
    private long lastNoticeNs;

    /** Limits of {@code perSecond} lines a second, {@code burst} at once, from {@code nowNs}. */
    ChatLimit(double perSecond, int burst, long nowNs) {
        lines = new TokenBucket(perSecond, burst, nowNs);
        times = new long[floodLines(perSecond, burst)];
        lastNoticeNs = nowNs - NOTICE_EVERY_NS;
    }

    /**
     * The most lines a connection may send in 5 s: four times the burst, or twice what the chat rate
     * allows in 5 s, whichever is more (20 by default), so that a client keeping to the rate is
     * never closed.
     */
    static int floodLines(double perSecond, int burst) {
        long most = Math.max((long) FLOOD_FACTOR * burst, (long) Math.ceil(2 * perSecond * FLOOD_WINDOW_NS / 1e9));
        return (int) Math.max(1, Math.min(MAX_FLOOD_LINES, most));
    }

    Verdict take(long nowNs) {
        if (flood(nowNs)) {
            return Verdict.FLOOD;
        }
        return lines.take(nowNs) ? Verdict.SEND : Verdict.DROP;
    }

    /** Records a line at {@code nowNs}; true if it is one more than the window allows. */
    private boolean flood(long nowNs) {
        boolean over = count == times.length && nowNs - times[next] < FLOOD_WINDOW_NS;
        times[next] = nowNs;
        next = next + 1 == times.length ? 0 : next + 1;
        if (count < times.length) {
            count++;
        }
        return over;
    }

    /** True (and counted) if a notice may be sent now. */
    boolean noticeDue(long nowNs) {
        if (nowNs - lastNoticeNs < NOTICE_EVERY_NS) {
            return false;
        }
        lastNoticeNs = nowNs;
        return true;
    }

    private static Buffer notice(String text) {
        Output out = new Output(256, -1);
        Messages.write(Messages.newKryo(), out, ChatMessage.system(text));
        return Buffer.buffer(out.toBytes());
    }
}

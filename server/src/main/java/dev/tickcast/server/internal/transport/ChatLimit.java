package dev.tickcast.server.internal.transport;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.server.TickcastOptions;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.Messages;
import io.vertx.core.buffer.Buffer;

/**
 * A connection's chat limits, as chat users expect them: a line over the chat rate is dropped and
 * the sender told so (at most one system line a second); only a flood far past the rate (more
 * than four times the burst in a few seconds) closes the connection. Connection thread only.
 */
final class ChatLimit {
    /** What to do with a chat line. */
    enum Verdict { SEND, DROP, FLOOD }

    /** The system line (a CHAT with an empty name) telling a fast typist that a line was dropped. */
    static final Buffer NOTICE = notice("chat: you are typing too fast; that line was not sent");
    private static final long NOTICE_EVERY_NS = 1_000_000_000L;
    private static final int FLOOD_FACTOR = 4;

    private final TokenBucket lines;
    private final TokenBucket flood;
    private long lastNoticeNs;

    ChatLimit(TickcastOptions config, long nowNs) {
        lines = new TokenBucket(config.chatPerSecond(), config.chatBurst(), nowNs);
        flood = new TokenBucket(config.chatPerSecond() * FLOOD_FACTOR / 2, config.chatBurst() * FLOOD_FACTOR, nowNs);
        lastNoticeNs = nowNs - NOTICE_EVERY_NS;
    }

    Verdict take(long nowNs) {
        if (!flood.take(nowNs)) {
            return Verdict.FLOOD;
        }
        return lines.take(nowNs) ? Verdict.SEND : Verdict.DROP;
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

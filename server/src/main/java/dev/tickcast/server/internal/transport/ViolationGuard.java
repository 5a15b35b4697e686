package dev.tickcast.server.internal.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;

import java.util.concurrent.TimeUnit;

/**
 * Answers a frame the WebSocket decoder refuses (too big: 1009, malformed: 1002) with a close frame
 * that reaches the client. Vert.x closes the channel at once on a decoder error, dropping a close
 * frame written in the same read; this handler, placed in front of Vert.x's, writes and flushes the
 * close frame itself, lets the decoder (now discarding) drain the input, and closes shortly after,
 * so the client gets the code instead of a reset.
 */
final class ViolationGuard extends ChannelInboundHandlerAdapter {
    private static final long LINGER_MS = 200;

    private final WebSocketLink link;
    private boolean closing;

    ViolationGuard(WebSocketLink link) {
        this.link = link;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof CorruptedWebSocketFrameException corrupted)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        if (closing) {
            link.logViolation((short) corrupted.closeStatus().code(), cause.getMessage());
            return;
        }
        closing = true;
        WebSocketCloseStatus status = corrupted.closeStatus();
        link.logViolation((short) status.code(), cause.getMessage());
        link.closedByServer((short) status.code());
        ctx.writeAndFlush(new CloseWebSocketFrame(status))
                .addListener(f -> ctx.executor().schedule(() -> ctx.close(), LINGER_MS, TimeUnit.MILLISECONDS));
    }
}

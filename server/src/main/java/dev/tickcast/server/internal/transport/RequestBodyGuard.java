package dev.tickcast.server.internal.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Bounds the time an HTTP/1.x request body takes to arrive, between the HTTP codec and Vert.x's
 * handler of one connection. A request that announces a body ({@code Content-Length} above 0 or
 * chunked) must have sent all of it within the timeout from its start, else the connection is
 * closed, after a 408 if nothing was answered yet. A request answered before its body has arrived
 * (a 404 for a {@code POST} with a huge {@code Content-Length}) closes the connection after the
 * answer instead of waiting for the body. Vert.x itself would keep such a connection open as long as
 * the client trickles its body, and the HTTP idle timeout never fires while bytes keep coming.
 *
 * <p>The connection removes it when it becomes a WebSocket. Runs on the connection's event loop.
 */
public final class RequestBodyGuard extends ChannelDuplexHandler {
    /** Its name in the pipeline. */
    public static final String NAME = "tickcast-request-body-guard";

    private final long timeoutMs;
    private final Runnable onTimeout;
    /** Requests read whose response has not ended (more than one when pipelined). */
    private int unanswered;
    /** The last request read announced a body that has not fully arrived. */
    private boolean bodyPending;
    /** A response head was written for the last request read. */
    private boolean answered;
    private ScheduledFuture<?> deadline;

    /** Closes connections whose request body takes longer than {@code timeoutMs}; {@code onTimeout} logs it. */
    public RequestBodyGuard(long timeoutMs, Runnable onTimeout) {
        this.timeoutMs = timeoutMs;
        this.onTimeout = onTimeout;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // state first: Vert.x's handler may answer within fireChannelRead
        if (msg instanceof HttpRequest request) {
            cancelDeadline();
            unanswered++;
            answered = false;
            bodyPending = !(msg instanceof LastHttpContent) && announcesBody(request);
            if (bodyPending) {
                deadline = ctx.executor().schedule(() -> expire(ctx), timeoutMs, TimeUnit.MILLISECONDS);
            }
        } else if (msg instanceof LastHttpContent && bodyPending) {
            bodyPending = false;
            cancelDeadline();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        boolean forPendingBody = bodyPending && unanswered == 1;
        if (msg instanceof HttpResponse response) {
            if (response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL) {
                ctx.write(msg, promise); // 100 Continue, 101 Switching Protocols: not an answer
                return;
            }
            if (forPendingBody) {
                answered = true;
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        if (msg instanceof LastHttpContent) {
            unanswered = Math.max(0, unanswered - 1);
            if (forPendingBody) {
                cancelDeadline();
                ctx.write(msg, promise.unvoid()).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelDeadline();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancelDeadline();
    }

    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (!bodyPending || !ctx.channel().isActive()) {
            return;
        }
        onTimeout.run();
        if (answered || unanswered != 1) {
            ctx.close(); // an answer (or an earlier pipelined one) is under way: a 408 would garble it
            return;
        }
        FullHttpResponse timeout = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_TIMEOUT,
                Unpooled.EMPTY_BUFFER);
        timeout.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(timeout).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean announcesBody(HttpRequest request) {
        try {
            return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        } catch (NumberFormatException malformed) {
            return false; // the decoder has refused the request already
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}

package dev.tickcast.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * One HTTP/1.1 keep-alive connection of a bot, on a bare Netty channel: one request at a time, the
 * response read by {@link HttpResponseParser}. It connects when a request finds it closed (at first,
 * after {@code Connection: close}, after a cut), and counts every byte it reads from and writes to
 * the socket (request and status lines, headers, chunk framing, bodies) into {@link Metrics}. A
 * response cut before its end is reported to the {@link Exchange} as broken. Bot's event loop only.
 */
final class HttpConn {
    /** Opens a TCP connection to the server on the bot's event loop with {@code handler}. */
    @FunctionalInterface
    interface Connector {
        /** Connects. */
        ChannelFuture connect(ChannelHandler handler);
    }

    /** The owner's side of each request. */
    interface Exchange extends HttpResponseParser.Listener {
        /** The connection broke (or could not be made) before the response ended. */
        void broken(String why);
    }

    private final Connector connector;
    private final Metrics metrics;
    private final Exchange exchange;
    private Channel channel;
    private Reader reader;
    private ByteBuf waiting;
    private boolean inFlight;
    private boolean closeAfter;
    private boolean shut;

    HttpConn(Connector connector, Metrics metrics, Exchange exchange) {
        this.connector = connector;
        this.metrics = metrics;
        this.exchange = exchange;
    }

    /** Sends {@code request} (whole: head and body; released once written) and reads its response. */
    void request(ByteBuf request) {
        if (shut) {
            request.release();
            return;
        }
        inFlight = true;
        if (channel != null && channel.isActive() && reader.parser.idle()) {
            write(request);
            return;
        }
        dropChannel();
        waiting = request;
        reader = new Reader();
        Reader mine = reader;
        connector.connect(reader).addListener((ChannelFuture f) -> {
            if (!f.isSuccess() && reader == mine) {
                fail("connect: " + f.cause());
            }
        });
    }

    /** True while a request waits for its response. */
    boolean inFlight() {
        return inFlight;
    }

    /** Closes the connection for good; later requests are dropped. Returns the close's future, if open. */
    ChannelFuture shut() {
        shut = true;
        release();
        Channel ch = channel;
        channel = null;
        reader = null;
        return ch == null ? null : ch.close();
    }

    private void write(ByteBuf request) {
        if (metrics.measuring) {
            metrics.wireUpBytes.add(request.readableBytes());
        }
        channel.writeAndFlush(request, channel.voidPromise());
    }

    private void dropChannel() {
        if (channel != null) {
            Channel ch = channel;
            channel = null;
            reader = null;
            ch.close();
        }
    }

    private void fail(String why) {
        release();
        dropChannel();
        if (inFlight && !shut) {
            inFlight = false;
            exchange.broken(why);
        }
    }

    private void release() {
        if (waiting != null) {
            waiting.release();
            waiting = null;
        }
    }

    /** The handler of one channel; stale once a newer channel replaced it. */
    private final class Reader extends ByteToMessageDecoder implements HttpResponseParser.Listener {
        final HttpResponseParser parser = new HttpResponseParser(this);

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (reader == this && !shut) {
                channel = ctx.channel();
                closeAfter = false;
                ByteBuf request = waiting;
                waiting = null;
                write(request);
            } else {
                ctx.close();
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (metrics.measuring && msg instanceof ByteBuf b) {
                metrics.wireDownBytes.add(b.readableBytes());
            }
            super.channelRead(ctx, msg);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (reader != this) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (!parser.parse(in)) {
                fail("malformed response: " + parser.error());
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            super.channelInactive(ctx);
            if (reader != this) {
                return;
            }
            boolean untilClose = parser.untilClose();
            channel = null;
            reader = null;
            if (untilClose) {
                end();
            } else if (inFlight) {
                fail("connection closed before the response ended");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        public void head(int status, String session, boolean connectionClose) {
            closeAfter = connectionClose;
            exchange.head(status, session, connectionClose);
        }

        @Override
        public void body(ByteBuf in, int index, int length) {
            exchange.body(in, index, length);
        }

        @Override
        public void end() {
            inFlight = false;
            if (closeAfter) {
                dropChannel();
            }
            exchange.end();
        }
    }
}

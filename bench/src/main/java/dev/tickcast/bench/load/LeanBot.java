package dev.tickcast.bench.load;

import dev.tickcast.wire.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Promise;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * One load-generator client on a bare Netty channel: the WebSocket handshake written by hand, then
 * frames parsed in place with no per-message object (RFC 6455 section 5.2). It sends a pre-encoded
 * JOIN, then one INPUT when its {@link InputWheel} slot comes round, and counts what arrives into
 * {@link Metrics}. It does not decode snapshots, unless it is given a {@link Visibility} (Arena-Wide's
 * checking bots), which then decodes every one. All its work runs on its channel's event loop.
 */
final class LeanBot extends ByteToMessageDecoder implements InputWheel.Member {
    private static final int INPUT = Protocol.typeByte(Protocol.INPUT);
    private static final int PING = Protocol.typeByte(Protocol.PING);
    private static final int GAME_SEND = Protocol.typeByte(Protocol.GAME_SEND);
    private static final int GAME_MESSAGE = Protocol.typeByte(Protocol.GAME_MESSAGE);
    private static final byte[] END_OF_HEADERS = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Metrics metrics;
    private final BotBrain brain;
    private final byte[] upgrade;
    private final byte[] join;
    private final Promise<Void> opened;
    private final ArrivalCounter counter;
    private final Visibility visibility;
    private final Shooter shooter;
    private IntSupplier viewStamp = () -> 0;
    private Channel channel;
    private boolean open;
    private boolean leaving;
    private int seq;

    LeanBot(Metrics metrics, BotBrain brain, byte[] upgrade, byte[] join, Promise<Void> opened, int snapshotHz,
            Visibility visibility, Shooter shooter) {
        this.metrics = metrics;
        this.visibility = visibility;
        this.shooter = shooter;
        this.brain = brain;
        this.upgrade = upgrade;
        this.join = join;
        this.opened = opened;
        this.counter = new ArrivalCounter(metrics, snapshotHz);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        channel = ctx.channel();
        ctx.writeAndFlush(ctx.alloc().buffer(upgrade.length).writeBytes(upgrade), ctx.voidPromise());
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
        if (!open && !handshake(ctx, in)) {
            return;
        }
        while (open && frame(ctx, in)) {
            // one whole frame consumed per turn
        }
    }

    private boolean handshake(ChannelHandlerContext ctx, ByteBuf in) {
        int end = indexOf(in, END_OF_HEADERS);
        if (end < 0) {
            return false;
        }
        String status = in.toString(in.readerIndex(), Math.min(12, end - in.readerIndex()), StandardCharsets.US_ASCII);
        in.readerIndex(end + END_OF_HEADERS.length);
        if (!status.startsWith("HTTP/1.1 101")) {
            opened.tryFailure(new IllegalStateException("handshake refused: " + status));
            ctx.close();
            return false;
        }
        open = true;
        if (join != null) {
            send(join, 0, join.length, 0x2);
        }
        opened.trySuccess(null);
        if (shooter != null) {
            shooter.start(this, ctx.channel().eventLoop());
        }
        return true;
    }

    private boolean frame(ChannelHandlerContext ctx, ByteBuf in) {
        int readable = in.readableBytes();
        if (readable < 2) {
            return false;
        }
        int at = in.readerIndex();
        int b0 = in.getUnsignedByte(at);
        int length = in.getUnsignedByte(at + 1) & 0x7F;
        int headerBytes = 2;
        if (length == 126) {
            if (readable < 4) {
                return false;
            }
            length = in.getUnsignedShort(at + 2);
            headerBytes = 4;
        } else if (length == 127) {
            if (readable < 10) {
                return false;
            }
            length = (int) Math.min(Integer.MAX_VALUE, in.getLong(at + 2));
            headerBytes = 10;
        }
        if (readable < headerBytes + length) {
            return false;
        }
        onFrame(ctx, in, b0 & 0x0F, at + headerBytes, length);
        in.readerIndex(at + headerBytes + length);
        return true;
    }

    private void onFrame(ChannelHandlerContext ctx, ByteBuf in, int opcode, int start, int length) {
        switch (opcode) {
            case 0x2, 0x0 -> onBinary(in, start, length);
            case 0x9 -> pong(in, start, length);
            case 0x8 -> {
                open = false;
                ctx.close();
            }
            default -> {
                // text and pong frames: nothing to do
            }
        }
    }

    private void onBinary(ByteBuf in, int start, int length) {
        long now = System.nanoTime();
        counter.arrived(in, start, length, now);
        if (visibility != null && length > 0 && !visibility.message(in, start, length, now)) {
            // a protocol error for a client (PROTOCOL.md 12.1): it disconnects, and the run counts it
            org.slf4j.LoggerFactory.getLogger(LeanBot.class).warn("checking bot: {}", visibility.error());
            channel.close();
        }
        if (shooter != null && length > 0 && in.getUnsignedByte(start) == GAME_MESSAGE) {
            shooter.message(in, start, length);
        }
    }

    private void pong(ByteBuf in, int start, int length) {
        byte[] payload = new byte[length];
        in.getBytes(start, payload);
        send(payload, 0, length, 0xA);
    }

    /** Sends the next INPUT; called by the wheel on this bot's event loop. */
    @Override
    public void sendInput() {
        if (!open || channel == null) {
            return;
        }
        int direction = brain.next();
        int s = ++seq;
        int view = viewStamp.getAsInt();
        int body = 1 + varIntSize(s) + varIntSize(view) + 1;
        ByteBuf buf = channel.alloc().buffer(6 + body);
        buf.writeByte(0x82).writeByte(0x80 | body).writeInt(0);
        if (metrics.measuring) {
            metrics.wireUpBytes.add(6 + body);
        }
        buf.writeByte(INPUT);
        writeVarUInt(buf, s);
        writeVarUInt(buf, view); // the view stamp, 0 = none (docs/PROTOCOL.md 7.6)
        buf.writeByte(direction);
        channel.writeAndFlush(buf, channel.voidPromise());
        if (visibility != null) {
            visibility.sent(s, System.nanoTime());
        }
        if (metrics.measuring) {
            metrics.upBytes.add(body);
        }
    }

    /**
     * What the bot's INPUTs are stamped with from now on (the view it draws, issue 21); by default
     * none (0). The declared delay goes with {@link #sendPing}.
     */
    void viewSource(IntSupplier stamp) {
        this.viewStamp = stamp;
    }

    /** Sends a GAME_SEND of {@code type} stamped {@code view}; on this bot's event loop. */
    void sendGame(int type, int view, byte[] payload) {
        if (open && channel != null) {
            byte[] message = new byte[1 + varIntSize(type) + varIntSize(view) + payload.length];
            ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(message).writerIndex(0);
            b.writeByte(GAME_SEND);
            writeVarUInt(b, type);
            writeVarUInt(b, view);
            b.writeBytes(payload);
            send(message, 0, message.length, 0x2);
        }
    }

    /** Sends a PING with {@code clientTime} and the declared view delay (PROTOCOL.md 7.3); on this bot's event loop. */
    void sendPing(int clientTime, int viewDelayMs) {
        if (open && channel != null) {
            byte[] message = new byte[1 + varIntSize(clientTime) + varIntSize(viewDelayMs)];
            ByteBuf b = io.netty.buffer.Unpooled.wrappedBuffer(message).writerIndex(0);
            b.writeByte(PING);
            writeVarUInt(b, clientTime);
            writeVarUInt(b, viewDelayMs);
            send(message, 0, message.length, 0x2);
        }
    }

    /** The slot of the next input in its period (see {@link BotBrain#phase()}). */
    @Override
    public int nextSlot() {
        return brain.phase();
    }

    /** Leaves normally: a close frame with 1000. */
    void leave() {
        leaving = true;
        if (shooter != null) {
            shooter.stop();
        }
        if (open && channel != null) {
            byte[] code = {(byte) (Protocol.CLOSE_NORMAL >> 8), (byte) Protocol.CLOSE_NORMAL};
            send(code, 0, 2, 0x8);
            open = false;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        open = false;
        if (shooter != null) {
            shooter.stop();
        }
        opened.tryFailure(new IllegalStateException("closed before the handshake"));
        if (!leaving) {
            metrics.disconnects.increment();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** A masked frame from the client (the mask key is zero: the server only checks the mask bit). */
    private void send(byte[] payload, int offset, int length, int opcode) {
        ByteBuf buf = channel.alloc().buffer(length + 14);
        buf.writeByte(0x80 | opcode);
        if (length < 126) {
            buf.writeByte(0x80 | length);
        } else {
            buf.writeByte(0x80 | 126).writeShort(length);
        }
        buf.writeInt(0).writeBytes(payload, offset, length);
        if (metrics.measuring) {
            metrics.wireUpBytes.add(buf.readableBytes());
        }
        channel.writeAndFlush(buf, channel.voidPromise());
    }

    private static int indexOf(ByteBuf in, byte[] needle) {
        int last = in.writerIndex() - needle.length;
        for (int i = in.readerIndex(); i <= last; i++) {
            int j = 0;
            while (j < needle.length && in.getByte(i + j) == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }

    private static int varIntSize(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    private static void writeVarUInt(ByteBuf buf, int v) {
        while ((v & ~0x7F) != 0) {
            buf.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf.writeByte(v);
    }
}

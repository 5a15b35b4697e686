package dev.tickcast.bench.load;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import io.vertx.core.Future;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cheap side of the load generator: {@link LeanBot}s on bare Netty event loops (native epoll
 * when available, else NIO), one {@link InputWheel} per loop. A bot here costs a fraction of a
 * Vert.x WebSocket client, so that bots on one core can drive a server on the other to its
 * capacity (issue "get to the transport floor").
 */
public final class LeanFleet implements AutoCloseable {
    /** The start of its event loops' thread names (at most 15 characters: the kernel's comm keeps no more). */
    static final String THREAD_PREFIX = "tc-bot-loop";
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private final Map<EventLoop, InputWheel> wheels = new IdentityHashMap<>();
    private final List<LeanBot> bots = new ArrayList<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<HttpBot> httpBots = new ArrayList<>();
    private final Kryo kryo = Messages.newKryo();
    private final int sourceAddresses;
    private int nextSource;

    /** A fleet on {@code loops} event loops, every bot from 127.0.0.1 (chosen by the system). */
    public LeanFleet(int loops) {
        this(loops, 1);
    }

    /**
     * A fleet on {@code loops} event loops whose bots bind, in turn, to 127.0.0.1 .. 127.0.0.N
     * ({@code sourceAddresses} = N; 1 leaves the choice to the system), so that a server's per-address
     * limits see N addresses.
     */
    public LeanFleet(int loops, int sourceAddresses) {
        if (sourceAddresses < 1 || sourceAddresses > 254) {
            throw new IllegalArgumentException("source addresses: 1..254");
        }
        this.sourceAddresses = sourceAddresses;
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(loops, new io.netty.util.concurrent.DefaultThreadFactory(THREAD_PREFIX), io);
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        for (EventExecutor e : group) {
            wheels.put((EventLoop) e, new InputWheel((EventLoop) e));
        }
    }

    /** The transport in use: "epoll" or "nio". */
    public String transport() {
        return channelType == EpollSocketChannel.class ? "epoll" : "nio";
    }

    /**
     * Connects one bot to {@code ws://host:port/path}, sends JOIN with {@code token} (none if null),
     * and starts its inputs once the socket is open (each at its one phase of the 50 ms period: it only counts).
     */
    Future<Void> connect(String host, int port, String path, String token, Metrics metrics, long seed, int snapshotHz) {
        return connect(host, port, path, token, metrics, seed, snapshotHz, null);
    }

    /**
     * As {@link #connect(String, int, String, String, Metrics, long, int)}; a bot given a
     * {@code visibility} decodes every snapshot into it and draws each input's instant afresh.
     */
    Future<Void> connect(String host, int port, String path, String token, Metrics metrics, long seed, int snapshotHz,
                         Visibility visibility) {
        return connect(host, port, path, token, metrics, seed, snapshotHz, visibility, null);
    }

    /**
     * As {@link #connect(String, int, String, String, Metrics, long, int, Visibility)}; a bot given a
     * {@code shooter} (whose Visibility feeds it) stamps its messages with its view and shoots.
     */
    Future<Void> connect(String host, int port, String path, String token, Metrics metrics, long seed, int snapshotHz,
                         Visibility visibility, Shooter shooter) {
        EventLoop loop = group.next();
        Promise<Void> opened = loop.newPromise();
        BotBrain brain = new BotBrain(seed, visibility != null);
        LeanBot bot = new LeanBot(metrics, brain, upgrade(host, port, path), token == null ? null : join(token),
                opened, snapshotHz, visibility, shooter);
        synchronized (bots) {
            bots.add(bot);
        }
        metrics.wireBots.incrementAndGet();
        HttpConn.Connector connector = connector(loop, host, port, nextSource());
        connector.connect(bot).addListener(f -> {
            if (f.isSuccess()) {
                synchronized (channels) {
                    channels.add(((io.netty.channel.ChannelFuture) f).channel());
                }
            } else {
                opened.tryFailure(f.cause());
            }
        });
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        opened.addListener(f -> {
            if (f.isSuccess()) {
                wheels.get(loop).add(bot);
                done.complete();
            } else {
                done.fail(f.cause());
            }
        });
        return done.future();
    }

    /**
     * Opens one bot over the HTTP binding at {@code host:port} ({@code transport} names the downstream
     * mode) and JOINs with {@code token}; it decodes every snapshot and measures input-to-visible if
     * {@code decode}. Starts its inputs once {@code open} is answered (each at an instant of its period drawn
     * per input if it decodes, else at its one phase).
     */
    Future<Void> connectHttp(Transport transport, String host, int port, String token, Metrics metrics, long seed,
                             int snapshotHz, boolean decode) {
        EventLoop loop = group.next();
        BotBrain brain = new BotBrain(seed, decode);
        HttpBot bot = new HttpBot(transport, loop, connector(loop, host, port, nextSource()), host + ":" + port,
                join(token), metrics, brain, snapshotHz, decode ? new Visibility(metrics) : null);
        synchronized (httpBots) {
            httpBots.add(bot);
        }
        metrics.wireBots.incrementAndGet();
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        bot.opened().addListener(f -> {
            if (f.isSuccess()) {
                wheels.get(loop).add(bot);
                done.complete();
            } else {
                done.fail(f.cause());
            }
        });
        loop.execute(bot::start);
        return done.future();
    }

    private HttpConn.Connector connector(EventLoop loop, String host, int port, String source) {
        return handler -> {
            Bootstrap b = new Bootstrap().group(loop).channel(channelType).option(ChannelOption.TCP_NODELAY, true)
                    .handler(handler);
            return source == null ? b.connect(host, port)
                    : b.connect(new InetSocketAddress(host, port), new InetSocketAddress(source, 0));
        };
    }

    /** The next source address, or null for the system's choice. */
    private synchronized String nextSource() {
        if (sourceAddresses == 1) {
            return null;
        }
        nextSource = (nextSource + 1) % sourceAddresses;
        return "127.0.0." + (1 + nextSource);
    }

    /** Every bot sends a normal close; waits up to {@code timeoutMs} for the sockets to close. */
    public void leaveAll(long timeoutMs) throws InterruptedException {
        wheels.values().forEach(InputWheel::stop);
        leaveHttp(timeoutMs);
        List<LeanBot> all;
        synchronized (bots) {
            all = new ArrayList<>(bots);
        }
        List<Channel> open;
        synchronized (channels) {
            open = new ArrayList<>(channels);
        }
        for (int i = 0; i < open.size(); i++) {
            Channel ch = open.get(i);
            LeanBot bot = ch.pipeline().get(LeanBot.class);
            if (bot != null) {
                ch.eventLoop().execute(bot::leave);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (Channel ch : open) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !ch.closeFuture().await(TimeUnit.NANOSECONDS.toMillis(left) + 1)) {
                ch.close();
            }
        }
        synchronized (bots) {
            bots.removeAll(all);
        }
        synchronized (channels) {
            channels.removeAll(open);
        }
    }

    private void leaveHttp(long timeoutMs) throws InterruptedException {
        List<HttpBot> all;
        synchronized (httpBots) {
            all = new ArrayList<>(httpBots);
            httpBots.clear();
        }
        for (HttpBot bot : all) {
            bot.loop().execute(bot::leave);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        for (HttpBot bot : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !bot.done().await(TimeUnit.NANOSECONDS.toMillis(left) + 1)) {
                bot.loop().execute(bot::abort);
            }
        }
    }

    /** Bots connected and not yet left. */
    public int size() {
        synchronized (bots) {
            synchronized (httpBots) {
                return bots.size() + httpBots.size();
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private byte[] join(String token) {
        Output out = new Output(256, Protocol.MAX_CLIENT_MESSAGE_BYTES);
        synchronized (kryo) {
            Messages.write(kryo, out, new JoinMessage(Protocol.VERSION, token));
        }
        return out.toBytes();
    }

    private static byte[] upgrade(String host, int port, String path) {
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + Protocol.SUBPROTOCOL + "\r\n\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.tickcast.bench.load;

import dev.tickcast.wire.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Promise;

import java.nio.charset.StandardCharsets;

/**
 * One arena bot over the HTTP binding (docs/PROTOCOL.md section 2.1), on two keep-alive connections:
 * {@code POST /http/open} with the JOIN, then the downstream ({@code GET /http/recv}, streaming or
 * long-polling, asked again as soon as a response ends) on one and the upstream ({@code POST
 * /http/send}: one in flight, the inputs due meanwhile batched into the next) on the other. Every
 * request carries {@code Tickcast-Ack}; a cut request is asked again (the acknowledgement and the
 * upstream numbering make that safe), up to {@link #MAX_RETRIES} times in a row. Messages go to an
 * {@link ArrivalCounter} and, on a decoding bot, to {@link Visibility}. Its event loop only.
 */
final class HttpBot implements InputWheel.Member {
    private static final int INPUT = Protocol.typeByte(Protocol.INPUT);
    private static final int MAX_RETRIES = 5;
    private static final String RECORDS = "application/vnd.tickcast.records";

    private final Transport transport;
    private final Metrics metrics;
    private final BotBrain brain;
    private final ArrivalCounter counter;
    private final Visibility visibility;
    private final String host;
    private final EventLoop loop;
    private final Promise<Void> opened;
    private final Promise<Void> done;
    private final HttpConn up;
    private final HttpConn down;
    private final RecordReader records;
    private final ByteBuf pending = Unpooled.buffer(256);
    private ByteBuf joinBody;
    private ByteBuf inFlightBody;
    private String session;
    private int pendingCount;
    private int nextUpNumber = 2;
    private int seq;
    private int lastTaken;
    private int upStatus;
    private int downStatus;
    private int upRetries;
    private int downRetries;
    private boolean open;
    private boolean leaving;
    private boolean closeSent;
    private boolean finished;

    /**
     * A bot that will join with {@code join} (a JOIN message) on {@code hostPort} over {@code transport};
     * {@code visibility} is null on a bot that only counts.
     */
    HttpBot(Transport transport, EventLoop loop, HttpConn.Connector connector, String hostPort, byte[] join,
            Metrics metrics, BotBrain brain, int snapshotHz, Visibility visibility) {
        this.transport = transport;
        this.metrics = metrics;
        this.brain = brain;
        this.counter = new ArrivalCounter(metrics, snapshotHz);
        this.visibility = visibility;
        this.host = hostPort;
        this.loop = loop;
        this.opened = loop.newPromise();
        this.done = loop.newPromise();
        this.up = new HttpConn(connector, metrics, new Up());
        this.down = new HttpConn(connector, metrics, new Down());
        this.records = new RecordReader(new Taker());
        this.joinBody = Unpooled.buffer(join.length + 8);
        HttpRecords.writeSeq(joinBody, 1);
        HttpRecords.writeMessage(joinBody, join, 0, join.length);
    }

    /** Succeeds when {@code open} was answered 200 (the downstream is then asked). */
    Promise<Void> opened() {
        return opened;
    }

    /** The bot's event loop. */
    EventLoop loop() {
        return loop;
    }

    /** Succeeds when the bot has ended: left, dropped or refused. */
    Promise<Void> done() {
        return done;
    }

    /** Sends {@code POST /http/open} with the JOIN. */
    void start() {
        ByteBuf req = head("POST", "/http/open", false, joinBody.readableBytes());
        up.request(req.writeBytes(joinBody));
        joinBody.release();
        joinBody = null;
    }

    /** Queues the next INPUT and sends it now, or with the next batch if a send is in flight. */
    @Override
    public void sendInput() {
        if (!open || leaving) {
            return;
        }
        int s = ++seq;
        int body = 1 + HttpRecords.varUIntSize(s) + 1 + 1;
        pending.writeByte(HttpRecords.MESSAGE);
        HttpRecords.writeVarUInt(pending, body);
        pending.writeByte(INPUT);
        HttpRecords.writeVarUInt(pending, s);
        pending.writeByte(0); // view 0: no view stamp (docs/PROTOCOL.md 7.6)
        pending.writeByte(brain.next());
        pendingCount++;
        nextUpNumber++;
        if (visibility != null) {
            visibility.sent(s, System.nanoTime());
        }
        if (metrics.measuring) {
            metrics.upBytes.add(body);
        }
        if (!up.inFlight()) {
            flush();
        }
    }

    /** The slot of the next input in its period (see {@link BotBrain#phase()}). */
    @Override
    public int nextSlot() {
        return brain.phase();
    }

    /** Leaves normally: a CLOSE record with 1000 in the next send. */
    void leave() {
        leaving = true;
        if (!open) {
            finish(true);
        } else if (!up.inFlight()) {
            flush();
        }
    }

    /** Ends at once, whatever is in flight (the end of a bounded leave). */
    void abort() {
        finish(true);
    }

    private void flush() {
        ByteBuf body = Unpooled.buffer(pending.readableBytes() + 16);
        HttpRecords.writeSeq(body, nextUpNumber - pendingCount);
        body.writeBytes(pending);
        if (leaving) {
            HttpRecords.writeClose(body, Protocol.CLOSE_NORMAL, "bye");
            closeSent = true;
        }
        pending.clear();
        pendingCount = 0;
        inFlightBody = body;
        send();
    }

    private void send() {
        ByteBuf req = head("POST", "/http/send", true, inFlightBody.readableBytes());
        up.request(req.writeBytes(inFlightBody, inFlightBody.readerIndex(), inFlightBody.readableBytes()));
    }

    private void recv() {
        down.request(head("GET", "/http/recv?mode=" + transport.recvMode(), true, -1));
    }

    /** A request's head (and room for its body); {@code bodyLength} -1 for none. */
    private ByteBuf head(String method, String path, boolean withSession, int bodyLength) {
        StringBuilder h = new StringBuilder(200).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\n");
        if (withSession) {
            h.append("Tickcast-Session: ").append(session).append("\r\nTickcast-Ack: ").append(lastTaken).append("\r\n");
        }
        if (bodyLength >= 0) {
            h.append("Content-Type: ").append(RECORDS).append("\r\nContent-Length: ").append(bodyLength).append("\r\n");
        }
        h.append("\r\n");
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(h.length() + Math.max(0, bodyLength));
        buf.writeCharSequence(h, StandardCharsets.US_ASCII);
        return buf;
    }

    private void finish(boolean normal) {
        if (finished) {
            return;
        }
        finished = true;
        open = false;
        if (!normal && !leaving) {
            metrics.disconnects.increment();
        }
        opened.tryFailure(new IllegalStateException("ended before it opened"));
        up.shut();
        down.shut();
        if (inFlightBody != null) {
            inFlightBody.release();
            inFlightBody = null;
        }
        if (joinBody != null) {
            joinBody.release();
            joinBody = null;
        }
        done.trySuccess(null);
    }

    private static boolean validSession(String s) {
        return s != null && s.length() == 32 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** The upstream connection: open, then the sends. */
    private final class Up implements HttpConn.Exchange {
        @Override
        public void head(int status, String sessionId, boolean connectionClose) {
            upStatus = status;
            if (!open && status == 200) {
                session = sessionId;
            }
        }

        @Override
        public void body(io.netty.buffer.ByteBuf in, int index, int length) {
            // a 410's body holds the CLOSE record; the 410 alone ends the session
        }

        @Override
        public void end() {
            if (finished) {
                return;
            }
            if (!open) {
                if (upStatus == 200 && validSession(session)) {
                    open = true;
                    recv();
                    opened.trySuccess(null);
                } else {
                    opened.tryFailure(new IllegalStateException("open: HTTP " + upStatus + ", session " + session));
                    finish(false);
                }
            } else if (upStatus == 204) {
                upRetries = 0;
                inFlightBody.release();
                inFlightBody = null;
                if (closeSent) {
                    finish(true);
                } else if (pendingCount > 0 || leaving) {
                    flush();
                }
            } else {
                finish(false);
            }
        }

        @Override
        public void broken(String why) {
            if (finished) {
                return;
            }
            if (!open || ++upRetries > MAX_RETRIES) {
                opened.tryFailure(new IllegalStateException(why));
                finish(false);
            } else {
                send();
            }
        }
    }

    /** The downstream connection: recv after recv. */
    private final class Down implements HttpConn.Exchange {
        @Override
        public void head(int status, String sessionId, boolean connectionClose) {
            downStatus = status;
            records.begin();
        }

        @Override
        public void body(ByteBuf in, int index, int length) {
            if (!finished && downStatus == 200 && !records.feed(in, index, length)) {
                finish(false);
            }
        }

        @Override
        public void end() {
            records.end();
            if (finished) {
                return;
            }
            if (downStatus != 200) {
                finish(false);
                return;
            }
            downRetries = 0;
            recv();
        }

        @Override
        public void broken(String why) {
            if (!finished && ++downRetries <= MAX_RETRIES) {
                recv();
            } else {
                finish(false);
            }
        }
    }

    /** The records of the downstream: each MESSAGE once, in order. */
    private final class Taker implements RecordReader.Handler {
        @Override
        public void message(int number, ByteBuf buf, int index, int length) {
            if (finished || number <= lastTaken) {
                return;
            }
            lastTaken = number;
            long now = System.nanoTime();
            counter.arrived(buf, index, length, now);
            if (visibility != null && !visibility.message(buf, index, length, now)) {
                finish(false);
            }
        }

        @Override
        public void close(int code, String reason) {
            finish(leaving || code == Protocol.CLOSE_NORMAL);
        }
    }
}

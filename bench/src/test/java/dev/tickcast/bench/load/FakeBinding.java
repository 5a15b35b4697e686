package dev.tickcast.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the server's side of the HTTP binding, one session, for the bots' tests: open,
 * recv (stream or poll) and send as PROTOCOL.md 2.1 has them, with made-up SNAPSHOT messages pushed
 * on {@link #push()}. It can cut its first recv response in the middle of a record. Records what the
 * bot sent. Every method is synchronized: handlers and the test thread share it.
 */
final class FakeBinding implements AutoCloseable {
    static final String SESSION = "00112233445566778899aabbccddeeff";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<byte[]> down = new ArrayList<>();
    private final List<String> upMessages = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int cutsLeft;
    private HttpServerResponse held;
    private boolean heldPoll;
    private int acked;
    private int upTaken;
    private boolean left;

    FakeBinding(boolean cutFirst) throws Exception {
        this.cutsLeft = cutFirst ? 1 : 0;
        this.server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    /** Makes one more downstream message (a SNAPSHOT type byte and a body) and writes it to a held recv. */
    synchronized void push() {
        byte[] message = {0x22, (byte) down.size(), 1, 2, 3};
        down.add(message);
        if (held != null) {
            ByteBuf records = Unpooled.buffer();
            HttpRecords.writeMessage(records, message, 0, message.length);
            held.write(Buffer.buffer(ByteBufUtil.getBytes(records)));
            if (heldPoll) {
                held.end();
                held = null;
            }
        }
    }

    synchronized int pushed() {
        return down.size();
    }

    synchronized int acked() {
        return acked;
    }

    synchronized boolean left() {
        return left;
    }

    /** The messages the bot sent, in the order taken, as "number:hex". */
    synchronized List<String> upMessages() {
        return new ArrayList<>(upMessages);
    }

    synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> answer(req, body.getBytes()));
    }

    private synchronized void answer(HttpServerRequest req, byte[] body) {
        String path = req.path();
        if (!path.equals("/http/open") && !SESSION.equals(req.getHeader("Tickcast-Session"))) {
            problems.add(path + " without the session");
        }
        if (!path.equals("/http/open")) {
            acked = Math.max(acked, Integer.parseInt(req.getHeader("Tickcast-Ack")));
        }
        switch (path) {
            case "/http/open" -> {
                takeUp(body);
                req.response().putHeader("Tickcast-Session", SESSION).end();
            }
            case "/http/send" -> {
                takeUp(body);
                req.response().setStatusCode(204).end();
            }
            case "/http/recv" -> recv(req, "poll".equals(req.getParam("mode")));
            default -> req.response().setStatusCode(404).end();
        }
    }

    private void recv(HttpServerRequest req, boolean poll) {
        if (held != null) {
            held.end();
        }
        HttpServerResponse resp = req.response().setChunked(true).putHeader("Content-Type", "application/vnd.tickcast.records");
        ByteBuf records = Unpooled.buffer();
        HttpRecords.writeSeq(records, acked + 1);
        for (int n = acked + 1; n <= down.size(); n++) {
            byte[] m = down.get(n - 1);
            HttpRecords.writeMessage(records, m, 0, m.length);
        }
        if (cutsLeft > 0 && down.size() > acked + 1) {
            cutsLeft--;
            records.writerIndex(records.writerIndex() - 2);
            resp.write(Buffer.buffer(ByteBufUtil.getBytes(records)));
            req.connection().close();
            return;
        }
        resp.write(Buffer.buffer(ByteBufUtil.getBytes(records)));
        if (poll && down.size() > acked) {
            resp.end();
        } else {
            held = resp;
            heldPoll = poll;
        }
    }

    private void takeUp(byte[] body) {
        RecordReader reader = new RecordReader(new RecordReader.Handler() {
            @Override
            public void message(int number, ByteBuf buf, int index, int length) {
                if (number > upTaken + 1) {
                    problems.add("a gap upstream: " + number + " after " + upTaken);
                }
                if (number > upTaken) {
                    upTaken = number;
                    upMessages.add(number + ":" + ByteBufUtil.hexDump(buf, index, length));
                }
            }

            @Override
            public void close(int code, String reason) {
                left = code == 1000;
            }
        });
        reader.begin();
        if (body.length > 0 && !reader.feed(Unpooled.wrappedBuffer(body), 0, body.length)) {
            problems.add("malformed upstream body: " + reader.error());
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

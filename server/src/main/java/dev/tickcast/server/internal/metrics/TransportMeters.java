package dev.tickcast.server.internal.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The sessions and bytes of one carrier, under the fixed label {@code transport}
 * ({@link #TRANSPORTS}): sessions opened ({@code tickcast_sessions_opened_total}), open now
 * ({@code tickcast_sessions_active}), and the bytes of messages (WebSocket) or records (HTTP
 * bodies, without the HTTP heads) sent and received ({@code tickcast_transport_sent_bytes_total},
 * {@code tickcast_transport_received_bytes_total}). Counting is a {@link LongAdder} increment,
 * from any thread; the registry reads the adders when it is scraped.
 */
public final class TransportMeters {
    /** The WebSocket carrier. */
    public static final String WEBSOCKET = "websocket";
    /** The HTTP binding, streaming. */
    public static final String HTTP_STREAM = "http-stream";
    /** The HTTP binding, long-polling. */
    public static final String HTTP_POLL = "http-poll";
    /** Every value of the {@code transport} label. */
    public static final List<String> TRANSPORTS = List.of(WEBSOCKET, HTTP_STREAM, HTTP_POLL);

    private final LongAdder opened = new LongAdder();
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();

    TransportMeters() {
    }

    /** A session of this carrier opened. */
    public void opened() {
        opened.increment();
        active.incrementAndGet();
    }

    /** A session counted by {@link #opened()} ended. */
    public void closed() {
        active.decrementAndGet();
    }

    /** The bytes sent on this carrier (add to it). */
    public LongAdder sent() {
        return sent;
    }

    /** The bytes received on this carrier (add to it). */
    public LongAdder received() {
        return received;
    }

    /** Sessions of this carrier open now. */
    public int active() {
        return active.get();
    }

    /** Registers the meters of {@code transport} in {@code registry}; adds them to {@code meters}. */
    void register(MeterRegistry registry, String transport, List<Meter> meters) {
        meters.add(FunctionCounter.builder("tickcast.sessions.opened", opened, LongAdder::sum).tag("transport", transport)
                .description("Client sessions opened, by carrier (an HTTP session counts at its first recv)")
                .register(registry));
        meters.add(Gauge.builder("tickcast.sessions.active", active, AtomicInteger::get).tag("transport", transport)
                .description("Client sessions open, by carrier").register(registry));
        meters.add(FunctionCounter.builder("tickcast.transport.sent", sent, LongAdder::sum)
                .tag("transport", transport).baseUnit("bytes")
                .description("Bytes of messages (WebSocket) or records (HTTP bodies) sent to clients, by carrier")
                .register(registry));
        meters.add(FunctionCounter.builder("tickcast.transport.received", received, LongAdder::sum)
                .tag("transport", transport).baseUnit("bytes")
                .description("Bytes of messages (WebSocket) or records (HTTP bodies) received from clients, by carrier")
                .register(registry));
    }
}

package dev.tickcast.server;

import io.vertx.core.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The socket transport named on the command line, or NIO when that one is not available here. */
final class Transports {
    private static final Logger LOG = LoggerFactory.getLogger(Transports.class);

    private Transports() {
    }

    /** {@code epoll}, {@code io_uring} or {@code nio}; anything else is a configuration error. */
    static Transport choose(String name) {
        Transport wanted = switch (name) {
            case "epoll" -> Transport.EPOLL;
            case "io_uring" -> Transport.IO_URING;
            case "nio" -> Transport.NIO;
            default -> throw new IllegalArgumentException("--transport must be epoll, io_uring or nio, not " + name);
        };
        if (wanted != Transport.NIO && !wanted.available()) {
            LOG.warn("transport {} is not available here ({}); using NIO", name, wanted.unavailabilityCause());
            return Transport.NIO;
        }
        return wanted;
    }
}

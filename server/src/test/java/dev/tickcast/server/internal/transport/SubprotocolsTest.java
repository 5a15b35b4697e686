package dev.tickcast.server.internal.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubprotocolsTest {
    private static final String P = "tickcast.v1";

    @Test
    void shouldFindTheProtocolInAListWithBlanks() {
        assertTrue(Subprotocols.offers("tickcast.v1", P));
        assertTrue(Subprotocols.offers("a, tickcast.v1", P));
        assertTrue(Subprotocols.offers("a ,\ttickcast.v1\t, b", P));
        assertTrue(Subprotocols.offers(",,tickcast.v1,", P));
        assertFalse(Subprotocols.offers("tickcast.v10", P));
        assertFalse(Subprotocols.offers("tickcast.v1x, a", P));
        assertFalse(Subprotocols.offers("tickcast. v1", P));
        assertFalse(Subprotocols.offers("", P));
        assertFalse(Subprotocols.offers(null, P));
    }

    @Test
    void shouldRefuseAHeaderOverTheBoundBeforeReadingIt() {
        String atBound = " ".repeat(Subprotocols.MAX_HEADER_CHARS - P.length()) + P;
        assertTrue(Subprotocols.offers(atBound, P));
        assertFalse(Subprotocols.offers(" " + atBound, P));
        assertFalse(Subprotocols.offers("a, " + " ".repeat(7_900) + P, P));
    }
}

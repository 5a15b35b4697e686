package dev.tickcast.server.internal.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ConnectionLedgerTest {

    @Test
    void shouldCountEachConnectionOnceWhateverTheOrderOfItsHooks() {
        ConnectionLedger ledger = new ConnectionLedger(3, 2);
        for (int i = 0; i < 1_000; i++) {
            ConnectionLedger.Entry upgradedThenClosed = ledger.open("a").entry();
            upgradedThenClosed.upgraded();
            upgradedThenClosed.upgraded();
            upgradedThenClosed.closed();
            upgradedThenClosed.closed();
            ConnectionLedger.Entry closedThenUpgraded = ledger.open("a").entry();
            closedThenUpgraded.closed();
            closedThenUpgraded.upgraded();
            ledger.open("b").entry().closed();
        }
        assertEquals(0, ledger.pending());
        assertEquals(0, ledger.webSockets());
        assertEquals(0, ledger.pending("a"));
    }

    @Test
    void shouldBoundPendingConnectionsInAllAndPerAddress() {
        ConnectionLedger ledger = new ConnectionLedger(3, 2);
        ConnectionLedger.Entry a1 = ledger.open("a").entry();
        assertNotNull(ledger.open("a").entry());
        assertEquals(ConnectionLedger.Refusal.PER_ADDRESS, ledger.open("a").refusal());
        assertNotNull(ledger.open("b").entry());
        assertEquals(ConnectionLedger.Refusal.TOTAL, ledger.open("c").refusal());
        a1.upgraded();
        assertEquals(2, ledger.pending());
        assertEquals(1, ledger.webSockets());
        assertNotNull(ledger.open("a").entry(), "a WebSocket frees its pending place");
        assertEquals(ConnectionLedger.Refusal.TOTAL, ledger.open("c").refusal());
    }

    @Test
    void shouldBoundATrustedProxysConnectionsInAllOnly() {
        ConnectionLedger ledger = new ConnectionLedger(3, 1);
        ConnectionLedger.Entry first = ledger.open("proxy", true).entry();
        assertNotNull(ledger.open("proxy", true).entry());
        assertNotNull(ledger.open("proxy", true).entry());
        assertEquals(ConnectionLedger.Refusal.TOTAL, ledger.open("proxy", true).refusal());
        first.closed();
        assertNotNull(ledger.open("a").entry());
        assertEquals(3, ledger.pending());
        assertEquals(1, ledger.pending("a"));
    }

    @Test
    void shouldCountACarrierOfHttpSessionsAsNeitherPendingNorWebSocket() {
        ConnectionLedger ledger = new ConnectionLedger(3, 1);
        ConnectionLedger.Entry carrier = ledger.open("a").entry();
        assertEquals(ConnectionLedger.Refusal.PER_ADDRESS, ledger.open("a").refusal());
        carrier.carry();
        carrier.carry(); // a second session on the same keep-alive connection
        assertEquals(0, ledger.pending("a"));
        assertEquals(1, ledger.carriers());
        assertNotNull(ledger.open("a").entry(), "a carrier frees its pending place");
        carrier.release();
        assertEquals(1, ledger.carriers(), "one session still uses it");
        carrier.release();
        assertEquals(0, ledger.carriers());
        assertEquals(2, ledger.pending("a"), "pending again, above the bound as it is open");
        carrier.release();
        carrier.closed();
        carrier.carry();
        assertEquals(1, ledger.pending());
        assertEquals(0, ledger.carriers());
        assertEquals(0, ledger.webSockets());
    }
}

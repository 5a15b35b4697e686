package dev.tickcast.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The churn verdict's rules and the Prometheus gauge parsing they rely on (no server). */
class ChurnVerdictTest {

    @Test
    void shouldSumEverySeriesOfAGaugeAndIgnoreLongerNames() {
        String exposition = """
                # HELP tickcast_connections_pending Connections that are not WebSockets
                # TYPE tickcast_connections_pending gauge
                tickcast_connections_pending{loop="0"} 3.0
                tickcast_connections_pending{loop="1"} 2.0
                tickcast_connections_pending_max 99.0
                tickcast_connections_open 40
                """;
        assertEquals(5.0, ServerProbe.sum(exposition, ServerProbe.PENDING));
        assertEquals(40.0, ServerProbe.sum(exposition, ServerProbe.OPEN));
        assertEquals(-1.0, ServerProbe.sum("vertx_http_server_active_connections 3.0\n", ServerProbe.PENDING),
                "absent: -1");
    }

    @Test
    void shouldFailGrowthBeyondTheToleranceOnly() {
        ChurnVerdict v = new ChurnVerdict();
        v.growth("fds", 62, 70, ChurnVerdict.FD_TOLERANCE, "");
        assertTrue(v.ok(), "baseline + tolerance passes");
        v.growth("tcp", 32, 37, ChurnVerdict.TCP_TOLERANCE, "");
        assertFalse(v.ok(), "one more than baseline + tolerance fails");
        assertEquals("tcp", v.checks().get(1).name());
        assertFalse(v.checks().get(1).ok());
    }

    @Test
    void shouldReportAFigureMissingOnBothSidesWithoutFailingButFailOneLostOnOneSide() {
        ChurnVerdict missing = new ChurnVerdict();
        missing.growth("pending connections", -1, -1, ChurnVerdict.CONNECTION_TOLERANCE, "");
        assertTrue(missing.ok());
        assertTrue(missing.checks().get(0).detail().startsWith("missing"));

        ChurnVerdict lost = new ChurnVerdict();
        lost.growth("pending connections", 0, -1, ChurnVerdict.CONNECTION_TOLERANCE, "");
        assertFalse(lost.ok(), "readable before the churn, not after (a server that stopped answering)");
    }

    @Test
    void shouldFailOnAFailedCondition() {
        ChurnVerdict v = new ChurnVerdict();
        v.condition("new player", true, "played");
        v.condition("dropped ticks", false, "3 ticks dropped");
        assertFalse(v.ok());
        assertFalse(v.json().getBoolean("ok"));
        assertEquals(2, v.json().getJsonArray("checks").size());
    }
}

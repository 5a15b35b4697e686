package dev.tickcast.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EncodeProbeTest {
    @Test
    void sumsAPrometheusCounterOverItsLabels() {
        String body = "# HELP tickcast_broadcasts_total x\n"
                + "tickcast_broadcasts_total{game=\"arena\"} 10.0\n"
                + "tickcast_broadcasts_total{game=\"tanks\"} 5.0\n"
                + "tickcast_broadcasts_totally 99\n"
                + "tickcast_broadcasts_total 1\n";
        assertEquals(16.0, EncodeProbe.sum(body, "tickcast_broadcasts_total"));
    }
}

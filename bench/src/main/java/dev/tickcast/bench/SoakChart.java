package dev.tickcast.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * The panels of a soak run over time: memory, CPU, snapshot inter-arrival p99, ticks per room, and
 * when the samples carry them, the server's connections and the churn sessions.
 */
final class SoakChart {
    private static final int W = 560;
    private static final int H = 340;
    private static final int TITLE = 30;

    private SoakChart() {
    }

    static void draw(JsonObject run, Path target) throws java.io.IOException {
        JsonObject summary = run.getJsonObject("summary");
        JsonArray samples = run.getJsonArray("samples");
        boolean embedded = summary.getBoolean("embedded", false);
        boolean connections = !samples.isEmpty() && samples.getJsonObject(0).containsKey("connections");
        BufferedImage image = new BufferedImage(2 * W, (connections ? 3 : 2) * H + TITLE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(String.format(Locale.ROOT, "soak: %d clients (%d rooms x %d), %s, %.0f s; disconnects %d, dropped ticks %d",
                summary.getInteger("clients"), summary.getInteger("rooms"), summary.getInteger("playersPerRoom"),
                embedded ? "embedded (server + bots in one process)" : "external server", summary.getDouble("seconds"),
                summary.getLong("disconnects"), summary.getLong("droppedTicks")), 10, 20);
        panel("Server memory", "MiB", samples, new String[] {"RSS", "heap after GC"},
                new Function[] {s -> ((JsonObject) s).getDouble("serverRssMiB"), s -> ((JsonObject) s).getDouble("heapAfterGcMiB")},
                -1).draw(g, new Rectangle2D.Double(0, TITLE, W, H));
        panel("CPU seconds per second", "s/s", samples,
                new String[] {embedded ? "process (server + bots)" : "server", "load generator"},
                new Function[] {s -> ((JsonObject) s).getDouble("serverCpuPerSec"), s -> ((JsonObject) s).getDouble("loadCpuPerSec")},
                -1).draw(g, new Rectangle2D.Double(W, TITLE, W, H));
        panel("Snapshot inter-arrival p99 per interval (line: 75 ms)", "ms", samples, new String[] {"p99"},
                new Function[] {s -> ((JsonObject) s).getJsonObject("interArrivalMs").getDouble("p99")},
                75).draw(g, new Rectangle2D.Double(0, TITLE + H, W, H));
        panel("Ticks per second per room (line: 57)", "ticks/s", samples, new String[] {"ticks/s"},
                new Function[] {s -> ((JsonObject) s).getDouble("ticksPerSecPerRoom")},
                57).draw(g, new Rectangle2D.Double(W, TITLE + H, W, H));
        if (connections) {
            panel("Server connections", "count", samples, new String[] {"pending (gauge)", "open (gauge)",
                "OS TCP on the port", "file descriptors"},
                    new Function[] {s -> connection(s, "pending"), s -> connection(s, "open"),
                        s -> connection(s, "tcpHeld"), s -> connection(s, "fds")},
                    -1).draw(g, new Rectangle2D.Double(0, TITLE + 2 * H, W, H));
            panel("Churn sessions completed (cumulative)", "sessions", samples, new String[] {"completed", "failed"},
                    new Function[] {SoakChart::churned, s -> number(((JsonObject) s).getValue("churnFailed"))},
                    -1).draw(g, new Rectangle2D.Double(W, TITLE + 2 * H, W, H));
        }
        g.dispose();
        ImageIO.write(image, "png", target.toFile());
    }

    private static Double connection(Object sample, String field) {
        return number(((JsonObject) sample).getJsonObject("connections").getValue(field));
    }

    private static Double churned(Object sample) {
        JsonObject perKind = ((JsonObject) sample).getJsonObject("churnCompleted");
        if (perKind == null) {
            return null;
        }
        double sum = 0;
        for (String kind : perKind.fieldNames()) {
            sum += perKind.getLong(kind);
        }
        return sum;
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    @SuppressWarnings("unchecked")
    private static JFreeChart panel(String title, String unit, JsonArray samples, String[] names,
                                    Function[] values, double limit) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < names.length; i++) {
            XYSeries series = new XYSeries(names[i]);
            for (Object o : samples) {
                Double v = (Double) values[i].apply(o);
                if (v != null) {
                    series.add(((JsonObject) o).getDouble("seconds") / 60.0, v);
                }
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "minutes", unit, data, PlotOrientation.VERTICAL,
                true, false, false);
        if (limit > 0) {
            ValueMarker marker = new ValueMarker(limit, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            chart.getXYPlot().addRangeMarker(marker);
        }
        return chart;
    }
}

package dev.tickcast.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code tickcast-bench chart}: draws bench/results/capacity.png from the capacity runs' JSON and
 * Colyseus' committed figures, with JFreeChart. Left: capacity per snapshot rate, Tickcast beside
 * Colyseus. Right: server CPU per client-second against clients at every step. With
 * {@code --soak FILE.json} it draws a soak run instead (FILE.png).
 */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = "Draws the capacity chart (PNG) from capacity-20hz.json, capacity-60hz.json and colyseus-0.18.json, "
                + "or with --soak the chart of a soak run's JSON.")
final class ChartCommand implements Callable<Integer> {
    private static final int W = 560;
    private static final int H = 380;

    @Option(names = "--results", description = "The results folder. Default: ${DEFAULT-VALUE}.")
    Path results = Path.of("bench/results");

    @Option(names = "--out", description = "The PNG to write. Default: RESULTS/capacity.png, or the soak file with .png.")
    Path out;

    @Option(names = "--soak", description = "Draw this soak run (tickcast-bench soak --json) instead of the capacity chart.")
    Path soak;

    @Override
    public Integer call() throws Exception {
        if (soak != null) {
            Path target = out == null ? Path.of(soak.toString().replaceAll("\\.json$", "") + ".png") : out;
            SoakChart.draw(new JsonObject(Files.readString(soak)), target);
            System.out.println("wrote " + target);
            return 0;
        }
        JsonObject colyseus = read("colyseus-0.18.json");
        JsonObject hz20 = read("capacity-20hz.json");
        JsonObject hz60 = read("capacity-60hz.json");
        BufferedImage image = new BufferedImage(2 * W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        capacity(hz20, hz60, colyseus).draw(g, new Rectangle2D.Double(0, 0, W, H));
        cpu(hz20, hz60, colyseus).draw(g, new Rectangle2D.Double(W, 0, W, H));
        g.dispose();
        Path target = out == null ? results.resolve("capacity.png") : out;
        ImageIO.write(image, "png", target.toFile());
        System.out.println("wrote " + target);
        return 0;
    }

    private JsonObject read(String name) throws Exception {
        return new JsonObject(Files.readString(results.resolve(name)));
    }

    private static JFreeChart capacity(JsonObject hz20, JsonObject hz60, JsonObject colyseus) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        JsonObject pinned = colyseus.getJsonObject("pinned").getJsonObject("capacity");
        data.addValue(hz20.getInteger("capacity"), "Tickcast", "20 Hz snapshots");
        data.addValue(pinned.getInteger("20"), "Colyseus 0.18", "20 Hz snapshots");
        data.addValue(hz60.getInteger("capacity"), "Tickcast", "60 Hz snapshots");
        data.addValue(pinned.getInteger("60"), "Colyseus 0.18", "60 Hz snapshots");
        return ChartFactory.createBarChart("Capacity on one pinned server core (clients)", null, "clients", data,
                PlotOrientation.VERTICAL, true, false, false);
    }

    private static JFreeChart cpu(JsonObject hz20, JsonObject hz60, JsonObject colyseus) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(steps("Tickcast, 20 Hz", hz20.getJsonArray("steps")));
        data.addSeries(steps("Tickcast, 60 Hz", hz60.getJsonArray("steps")));
        XYSeries floor = new XYSeries("bare-transport floor, 20 Hz");
        for (Object o : hz20.getJsonArray("steps")) {
            JsonObject step = (JsonObject) o;
            if (step.containsKey("floor")) {
                floor.add(step.getInteger("clients"), step.getJsonObject("floor").getDouble("serverCpuMsPerClientPerSec"));
            }
        }
        if (floor.getItemCount() > 0) {
            data.addSeries(floor);
        }
        XYSeries c = new XYSeries("Colyseus 0.18, 20 Hz");
        JsonObject cpu = colyseus.getJsonObject("pinned").getJsonObject("serverCpuMsPerClientPerSec");
        for (String clients : cpu.fieldNames()) {
            c.add(Integer.parseInt(clients), cpu.getDouble(clients));
        }
        data.addSeries(c);
        return ChartFactory.createXYLineChart("Server CPU per client-second", "clients", "ms / client / s", data,
                PlotOrientation.VERTICAL, true, false, false);
    }

    private static XYSeries steps(String name, JsonArray steps) {
        XYSeries s = new XYSeries(name);
        for (Object o : steps) {
            JsonObject step = (JsonObject) o;
            s.add(step.getInteger("clients"), step.getDouble("serverCpuMsPerClientPerSec"));
        }
        return s;
    }
}

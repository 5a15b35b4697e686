package dev.tickcast.bench;

import dev.tickcast.bench.load.HeapProbe;
import dev.tickcast.bench.load.MemoryRun;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code memory}: the server's memory per connected client, at increasing client counts. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Measures the server with 0 clients, then with each count of arena bots (rooms of 16, "
                + "cumulative steps) after they played PLAY-SECONDS: heap after a full GC, NIO direct buffers and "
                + "RSS, as deltas from the baseline in KB per client. Against --url it needs --server-pid and a "
                + "server JVM of the same user (the heap is read through the Attach API). --embedded measures "
                + "server and bots together.")
final class MemoryCommand implements Callable<Integer> {
    @CommandLine.Mixin
    BenchMain.Target target = new BenchMain.Target();

    @Option(names = "--clients", split = ",", description = "Client counts, increasing. Default: 1000,2000,4000.")
    List<Integer> clients = List.of(1000, 2000, 4000);

    @Option(names = "--play-seconds", description = "Seconds of play before each measurement. "
            + "Default: ${DEFAULT-VALUE}.")
    int playSeconds = 10;

    @Option(names = "--json", description = "Also write the result as JSON to this file (after every step).")
    Path json;

    private void write(JsonObject result) {
        if (json == null) {
            return;
        }
        try {
            Files.writeString(json, result.encodePrettily() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Integer call() throws Exception {
        try (BenchMain.Harness h = BenchMain.Harness.open(target); HeapProbe heap = HeapProbe.open(h.serverPid())) {
            if (!heap.available()) {
                System.err.println("heap unavailable: " + heap.source() + " (give --server-pid of a local JVM)");
                return 2;
            }
            int[] steps = clients.stream().mapToInt(Integer::intValue).sorted().toArray();
            new MemoryRun(h.bots(), h.options(1, 16, playSeconds, 0), heap).run(steps, playSeconds, System.out,
                    this::write);
            return 0;
        }
    }
}

package dev.tickcast.bench;

import dev.tickcast.bench.load.ArenaLoad;
import dev.tickcast.bench.load.HeapProbe;
import dev.tickcast.bench.load.SoakResult;
import dev.tickcast.bench.load.SoakRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code soak}: the arena scenario for a long time, sampled at a fixed interval; exit code 1 when a
 * bot was disconnected or a room dropped a tick. The JSON is rewritten after every sample, so a run
 * cut short still leaves its samples.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Plays the arena scenario (v1.1) with ROOMS x PLAYERS bots for SECONDS and records, every "
                + "SAMPLE-SECONDS: the server's RSS and heap after its last GC, server and load generator CPU, "
                + "disconnects, dropped ticks (GET /rooms) and the interval's p99 snapshot inter-arrival. "
                + "Exit code 1 if any bot was disconnected or any room dropped a tick, 2 on a usage error. "
                + "Chart: tickcast-bench chart --soak FILE.json")
final class SoakCommand implements Callable<Integer> {
    @CommandLine.Mixin
    BenchMain.Target target = new BenchMain.Target();

    @Option(names = "--rooms", description = "Rooms. Default: ${DEFAULT-VALUE}.")
    int rooms = 4;

    @Option(names = "--players", description = "Players per room. Default: ${DEFAULT-VALUE}.")
    int players = 16;

    @Option(names = "--seconds", description = "Measured seconds. Default: ${DEFAULT-VALUE}.")
    int seconds = 600;

    @Option(names = "--sample-seconds", description = "Sample interval. Default: ${DEFAULT-VALUE}.")
    int sampleSeconds = 5;

    @Option(names = "--warmup", description = "Seconds of play after the join, before the first sample. "
            + "Default: ${DEFAULT-VALUE}.")
    int warmup = 5;

    @Option(names = "--json", description = "Write the summary and the samples as JSON to this file "
            + "(after every sample).")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (!target.embedded && target.serverPid <= 0) {
            System.err.println("soak --url needs --server-pid (the server's RSS, CPU and heap are the point)");
            return 2;
        }
        try (BenchMain.Harness h = BenchMain.Harness.open(target); HeapProbe heap = HeapProbe.open(h.serverPid())) {
            ArenaLoad load = new ArenaLoad(h.bots(), h.fleet(), h.options(rooms, players, seconds, warmup));
            boolean[] first = {true};
            SoakResult result = new SoakRun(load, heap, h.serverPid(), seconds, sampleSeconds, warmup).run(r -> {
                if (first[0]) {
                    r.printHeader(System.out);
                    first[0] = false;
                }
                r.printLast(System.out);
                write(r);
            });
            result.printSummary(System.out);
            write(result);
            return result.ok() ? 0 : 1;
        }
    }

    private void write(SoakResult result) {
        if (json == null) {
            return;
        }
        try {
            Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
            Files.writeString(tmp, result.json().encodePrettily() + "\n");
            Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

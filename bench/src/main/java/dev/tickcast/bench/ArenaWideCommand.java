package dev.tickcast.bench;

import dev.tickcast.bench.load.Transport;
import dev.tickcast.bench.load.WideLoad;
import dev.tickcast.bench.load.WideResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;

/** {@code tickcast-bench arena-wide}: ARENA-WIDE-SCENARIO.md, one room of N players of the game "arena-wide". */
@Command(name = "arena-wide", mixinStandardHelpOptions = true,
        description = "Plays the Arena-Wide scenario: one room of PLAYERS bots of the game arena-wide (an external server "
                + "must register it and have the load-test limits). Reports the arena's figures, over-send, missed "
                + "entities (checked against a whole-world spectator: give the server's --admin-token), the first "
                + "state's bytes, the room's snapshot build time and the capacity rule.")
final class ArenaWideCommand implements Callable<Integer> {
    @CommandLine.Mixin
    BenchMain.Target target = new BenchMain.Target();

    @Option(names = "--players", description = "Players in the room (100, 250, 500, 1000). Default: ${DEFAULT-VALUE}.")
    int players = 100;

    @Option(names = "--seconds", description = "Measured seconds. Default: ${DEFAULT-VALUE}.")
    int seconds = 20;

    @Option(names = "--warmup", description = "Seconds of play before measuring. Default: ${DEFAULT-VALUE}.")
    int warmup = 5;

    @Option(names = "--checking-bots", description = "Bots that decode every snapshot, check their view and measure "
            + "input-to-visible (all when PLAYERS is smaller); the others read headers only. Default: ${DEFAULT-VALUE}.")
    int checkingBots = 16;

    @Option(names = "--admin-token", description = "The external server's admin token: the whole-world spectator "
            + "(for missed) and snapshotBuildMs come from its admin API. Without it they are null. --embedded makes one.")
    String adminToken;

    @Option(names = "--no-check", description = "No whole-world spectator (whose own whole-world encode the server "
            + "then skips): overSend and missed are null. By default the room is watched to count them.")
    boolean noCheck;

    @Option(names = "--check-radius", description = "The R the check holds the views to: the scenario's 600 by default; "
            + "a larger one counts what lies beyond the guarantee (a control that the check finds misses). "
            + "Default: ${DEFAULT-VALUE}.")
    double checkRadius = dev.tickcast.games.arenawide.ArenaWideGame.VIEW_RADIUS;

    @Option(names = "--json", description = "Also write the result as JSON to this file.")
    Path json;

    @Option(names = "--shoot", description = "Plays with latency and shoots (lag compensation, issue 21): every bot "
            + "decodes (it needs its own interpolated view, and the others are its targets), connects through an "
            + "in-process delay (--delay-ms, --jitter-ms, each way: pings and pongs too), stamps its messages with what "
            + "its interpolator draws and every 2 s fires arena-wide's weapon at the nearest other player it draws. "
            + "Adds shots, hits, hitRate, clampedShots, rewindNsMean/P99 to the report.")
    boolean shoot;

    @Option(names = "--delay-ms", description = "With --shoot: the one-way delay of every bot's connection, ms. "
            + "Default: ${DEFAULT-VALUE}.")
    int delayMs = 50;

    @Option(names = "--jitter-ms", description = "With --shoot: the jitter bound, uniform in [-J, +J] ms, never "
            + "reordering. Default: ${DEFAULT-VALUE}.")
    int jitterMs = 10;

    @Option(names = "--no-rewind", description = "With --shoot: shots are tested in the present world (mode 0), "
            + "the control; by default in the world as the shooter saw it (mode 1).")
    boolean noRewind;

    @Override
    public Integer call() throws Exception {
        if (target.transport != Transport.WEBSOCKET || target.fullClients) {
            throw new CommandLine.ParameterException(new CommandLine(this), "arena-wide runs on lean WebSocket bots only");
        }
        String token = adminToken;
        if (target.embedded) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
        }
        if (shoot && (jitterMs < 0 || jitterMs > delayMs)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--jitter-ms must be in [0, --delay-ms]");
        }
        try (BenchMain.Harness h = BenchMain.Harness.open(target, token)) {
            WideResult result = new WideLoad(h.bots(), h.fleet(), h.options(1, players, seconds, warmup),
                    noCheck ? null : token, shoot ? players : checkingBots, checkRadius,
                    shoot ? new WideLoad.Shoot(delayMs, jitterMs, !noRewind) : null).run();
            result.print(System.out);
            if (json != null) {
                Files.writeString(json, result.json().encodePrettily() + "\n");
            }
            return 0;
        }
    }
}

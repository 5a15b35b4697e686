package dev.tickcast.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import static dev.tickcast.server.Checks.atLeast;
import static dev.tickcast.server.Checks.between;

/**
 * The settings table, part five: recordings (docs/OPERATIONS.md, "Recordings"). A room of a game
 * that records ({@code GameSpec.record(true)}, or named by {@link #RECORD}) writes its match to one
 * archive file in {@link #RECORDINGS_DIR}, and broadcasts it over HTTP after {@link #BROADCAST_DELAY_MS}
 * (docs/OPERATIONS.md, "Delayed broadcast"). Part of {@link Settings#ALL}.
 */
public final class RecordSettings {
    /** The games whose rooms record, besides those whose spec says so. */
    public static final Setting<List<String>> RECORD = Setting.of("record", SettingKind.STRINGS, List.<String>of())
            .flag("--record").label("GAME").defaultText("the games whose spec records").example(List.of("arena"))
            .doc("Record every room of this game (repeatable): one archive file per room in --recordings-dir.");
    /** Where archive files go. */
    public static final Setting<String> RECORDINGS_DIR = Setting.of("recordingsDir", SettingKind.STRING, "recordings")
            .flag("--recordings-dir").label("DIR").example("/var/lib/tickcast/recordings")
            .doc("The folder of the recordings (one ID.tcrec file per recorded room), made if missing; relative to the working folder.");
    /** The disk the recordings may use. */
    public static final Setting<Long> RECORDINGS_MAX_BYTES = Setting.of("recordingsMaxBytes", SettingKind.LONG,
                    1L << 30).flag("--recordings-max-bytes").unit("bytes").check(atLeast(1))
            .doc("The bytes the recordings may use in total: past it the oldest finished ones are deleted.");
    /** How long a finished recording stays. */
    public static final Setting<Integer> RECORDINGS_MAX_AGE_HOURS = Setting.of("recordingsMaxAgeHours",
                    SettingKind.INT, 0).flag("--recordings-max-age-hours").label("H").unit("h").check(atLeast(0))
            .defaultText("0 (no limit)")
            .doc("How long a finished recording stays (by the time it was finished); 0: until the disk budget needs room.");
    /** The length of a fragment. */
    public static final Setting<Integer> RECORDING_FRAGMENT_SECONDS = Setting.of("recordingFragmentSeconds",
                    SettingKind.INT, 4).flag("--recording-fragment-seconds").label("S").unit("s").check(between(1, 60))
            .doc("The length of a recording's fragments (1..60 s, a whole number of snapshots): each starts with a "
                    + "full snapshot, so a replay seeks to one and a crash loses at most one.");

    /** The delay of the broadcast of recording rooms whose spec does not set one. */
    public static final Setting<Integer> BROADCAST_DELAY_MS = Setting.of("broadcastDelayMs", SettingKind.INT, 10_000)
            .flag("--broadcast-delay-ms").unit("ms").check(between(0, 3_600_000))
            .doc("The delay of a recording room's broadcast over HTTP (/broadcasts/BID/sync), unless its game's spec "
                    + "sets one: no byte served describes a tick younger than this; 0 is live.");
    /** The key that signs private rooms' broadcast links. */
    public static final Setting<String> BROADCAST_SECRET = Setting.of("broadcastSecret", SettingKind.STRING, null)
            .flag("--broadcast-secret").label("SECRET").env("TICKCAST_BROADCAST_SECRET")
            .defaultText("a random key per process").normalize(Checks::emptyIsNone).check(minBytes(32))
            .example("the-broadcast-secret-0123456789abcdef")
            .doc("The key (32 bytes or more) that signs the links of private rooms' broadcasts (?exp=E&sig=S); the same "
                    + "on every process that must accept the same links. Prefer TICKCAST_BROADCAST_SECRET: a flag shows in ps.");
    /** How long the links the server makes stay good. */
    public static final Setting<Integer> BROADCAST_LINK_SECONDS = Setting.of("broadcastLinkSeconds", SettingKind.INT,
                    3600).flag("--broadcast-link-seconds").label("S").unit("s").check(between(1, 31_536_000))
            .doc("How long a private room's signed broadcast link made by the server (admin page, extensions) stays good.");

    /** The settings of this part, in table order. */
    public static final List<Setting<?>> ALL = List.of(RECORD, RECORDINGS_DIR, RECORDINGS_MAX_BYTES,
            RECORDINGS_MAX_AGE_HOURS, RECORDING_FRAGMENT_SECONDS, BROADCAST_DELAY_MS, BROADCAST_SECRET,
            BROADCAST_LINK_SECONDS);

    private RecordSettings() {
    }

    private static Function<String, String> minBytes(int min) {
        return v -> {
            int bytes = v.getBytes(StandardCharsets.UTF_8).length;
            return bytes < min ? "must be " + min + " bytes or more, not " + bytes : null;
        };
    }
}

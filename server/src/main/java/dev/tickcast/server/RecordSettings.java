package dev.tickcast.server;

import java.util.List;

import static dev.tickcast.server.Checks.atLeast;
import static dev.tickcast.server.Checks.between;

/**
 * The settings table, part five: recordings (docs/OPERATIONS.md, "Recordings"). A room of a game
 * that records ({@code GameSpec.record(true)}, or named by {@link #RECORD}) writes its match to one
 * archive file in {@link #RECORDINGS_DIR}. Part of {@link Settings#ALL}.
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

    /** The settings of this part, in table order. */
    public static final List<Setting<?>> ALL = List.of(RECORD, RECORDINGS_DIR, RECORDINGS_MAX_BYTES,
            RECORDINGS_MAX_AGE_HOURS, RECORDING_FRAGMENT_SECONDS);

    private RecordSettings() {
    }
}

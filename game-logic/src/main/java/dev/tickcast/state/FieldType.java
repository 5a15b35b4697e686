package dev.tickcast.state;

/**
 * The value type of a synchronised field. The ordinal is the wire code in the schema message
 * (docs/PROTOCOL.md, "Schema"), so the order of the constants is part of the protocol.
 */
public enum FieldType {
    /** A 32-bit signed integer. */
    INT,
    /** A boolean; a change costs no payload bits (the change bit means "flipped"). */
    BOOL,
    /** A UTF-8 string; the default value is the empty string. */
    STRING,
    /** A float sent as a fixed-point integer: {@code round(value * scale)}. */
    QFLOAT;

    private static final FieldType[] VALUES = values();

    /** Returns the type with the given wire code, or null if the code is unknown. */
    public static FieldType ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}

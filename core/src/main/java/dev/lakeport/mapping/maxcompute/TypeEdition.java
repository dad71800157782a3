package dev.lakeport.mapping.maxcompute;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;

/**
 * The type system a MaxCompute project speaks, from its flags: {@code odps.sql.type.system.odps2} (V2.0 types: small
 * integers, FLOAT, VARCHAR, CHAR, BINARY, DATE, TIMESTAMP, complex types), {@code odps.sql.decimal.odps2} (DECIMAL(p,
 * s) with p ≤ 38, s ≤ 18 instead of the fixed DECIMAL(54,18)) and {@code odps.sql.hive.compatible} (V2.0 types with
 * Hive's semantics, the new DECIMAL included).
 */
public record TypeEdition(boolean odps2, boolean decimal2, boolean hiveCompatible) {
    public static final String ODPS2 = "odps.sql.type.system.odps2";
    public static final String DECIMAL2 = "odps.sql.decimal.odps2";
    public static final String HIVE_COMPATIBLE = "odps.sql.hive.compatible";

    /** A V1.0 project: BIGINT, DOUBLE, DECIMAL, STRING, DATETIME, BOOLEAN. */
    public static final TypeEdition V1 = new TypeEdition(false, false, false);

    /** A V2.0 project with the new DECIMAL. */
    public static final TypeEdition V2 = new TypeEdition(true, true, false);

    /** A Hive-compatible project. */
    public static final TypeEdition HIVE = new TypeEdition(true, true, true);

    /** The edition of a project with these properties (absent flags are off, as on a new V1.0 project). */
    public static TypeEdition of(Map<String, String> projectProperties) {
        requireNonNull(projectProperties, "projectProperties is null");
        boolean hive = flag(projectProperties, HIVE_COMPATIBLE);
        boolean odps2 = hive || flag(projectProperties, ODPS2);
        boolean decimal2 = hive || flag(projectProperties, DECIMAL2) || flag(projectProperties, ODPS2);
        return new TypeEdition(odps2, decimal2, hive);
    }

    /** The flag that lets V2.0 types in, as a user would set it. */
    String v2Flag() {
        return hiveCompatible ? HIVE_COMPATIBLE + "=true" : ODPS2 + "=" + odps2;
    }

    String decimalFlag() {
        return hiveCompatible ? HIVE_COMPATIBLE + "=true" : (odps2 ? ODPS2 + "=true" : DECIMAL2 + "=" + decimal2);
    }

    private static boolean flag(Map<String, String> properties, String key) {
        String v = properties.get(key);
        return v != null && v.strip().toLowerCase(Locale.ROOT).equals("true");
    }
}

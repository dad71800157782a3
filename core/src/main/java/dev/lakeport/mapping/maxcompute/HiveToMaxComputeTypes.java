package dev.lakeport.mapping.maxcompute;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Hive column types as a MaxCompute project of a given {@link TypeEdition} holds them (the documented Hive → MaxCompute
 * mapping that MaxCompute Migration Service uses): the type to create, the flag or rule that decided it, or why the
 * project cannot hold the type at all. Complex types are mapped element by element, so a STRUCT with one field the
 * project cannot hold cannot be held either, and the reason names that field.
 */
public final class HiveToMaxComputeTypes {
    /** Types a partition key may have in a V2.0 project; a V1.0 project takes STRING only. */
    static final Set<String> PARTITION_KEY_TYPES =
            Set.of("STRING", "VARCHAR", "CHAR", "TINYINT", "SMALLINT", "INT", "BIGINT");

    static final int MAX_DECIMAL_PRECISION = 38;
    static final int MAX_DECIMAL_SCALE = 18;

    /** Where a type stands: a column, or a partition key (with its narrower list of types). */
    public enum Role {
        COLUMN,
        PARTITION_KEY
    }

    /**
     * One type's outcome: the MaxCompute type and what decided it, or empty with the reason it cannot be held.
     *
     * @param because the flag or rule that decided the type, or why it cannot be held
     */
    public record Result(String hiveType, Optional<String> maxComputeType, String because) {
        public Result {
            requireNonNull(hiveType, "hiveType is null");
            requireNonNull(maxComputeType, "maxComputeType is null");
            requireNonNull(because, "because is null");
        }

        public boolean held() {
            return maxComputeType.isPresent();
        }
    }

    private final TypeEdition edition;
    private final boolean hive3Timestamps;

    /**
     * @param hive3Timestamps whether the source is Hive 3 or later, whose TIMESTAMP has no time zone (TIMESTAMP_NTZ)
     */
    public HiveToMaxComputeTypes(TypeEdition edition, boolean hive3Timestamps) {
        this.edition = requireNonNull(edition, "edition is null");
        this.hive3Timestamps = hive3Timestamps;
    }

    /** The MaxCompute type for the Hive type {@code hiveType} (as a metastore writes it) in {@code role}. */
    public Result map(String hiveType, Role role) {
        requireNonNull(hiveType, "hiveType is null");
        requireNonNull(role, "role is null");
        HiveType parsed;
        try {
            parsed = HiveType.parse(hiveType);
        } catch (IllegalArgumentException e) {
            return new Result(hiveType, Optional.empty(), "not a Hive type: " + e.getMessage());
        }
        Result column = column(hiveType, parsed);
        if (role == Role.COLUMN || column.maxComputeType().isEmpty()) {
            return column;
        }
        String type = column.maxComputeType().get();
        String base = type.replaceFirst("\\(.*$", "");
        if (!edition.odps2() && !base.equals("STRING")) {
            return new Result(hiveType, Optional.of("STRING"), "a V1.0 project's partition keys are STRING only");
        }
        if (!PARTITION_KEY_TYPES.contains(base)) {
            return new Result(
                    hiveType, Optional.of("STRING"), "a partition key cannot be " + base + ": it becomes STRING");
        }
        return column;
    }

    private Result column(String text, HiveType type) {
        List<String> reasons = new ArrayList<>();
        Optional<String> mapped = map(type, reasons, "");
        return new Result(text, mapped, String.join("; ", reasons));
    }

    private Optional<String> map(HiveType type, List<String> reasons, String where) {
        String at = where.isEmpty() ? "" : where + ": ";
        if (type instanceof HiveType.Primitive p) {
            return primitive(p, reasons, at);
        }
        if (type instanceof HiveType.Union) {
            reasons.add(at + "UNIONTYPE cannot be held in MaxCompute");
            return Optional.empty();
        }
        if (!edition.odps2()) {
            reasons.add(at + type.name().toUpperCase(Locale.ROOT) + " needs " + TypeEdition.ODPS2 + "=true");
            return Optional.empty();
        }
        if (type instanceof HiveType.Array a) {
            return map(a.element(), reasons, where + "[]").map(e -> "ARRAY<" + e + ">");
        }
        if (type instanceof HiveType.MapType m) {
            Optional<String> k = map(m.key(), reasons, where + "{key}");
            Optional<String> v = map(m.value(), reasons, where + "{value}");
            return k.isPresent() && v.isPresent()
                    ? Optional.of("MAP<" + k.get() + "," + v.get() + ">")
                    : Optional.empty();
        }
        HiveType.Struct s = (HiveType.Struct) type;
        List<String> fields = new ArrayList<>();
        boolean all = true;
        for (HiveType.Field f : s.fields()) {
            Optional<String> t = map(f.type(), reasons, where.isEmpty() ? f.name() : where + "." + f.name());
            all &= t.isPresent();
            t.ifPresent(x -> fields.add(f.name() + ":" + x));
        }
        return all ? Optional.of("STRUCT<" + String.join(",", fields) + ">") : Optional.empty();
    }

    private Optional<String> primitive(HiveType.Primitive p, List<String> reasons, String at) {
        String v2 = edition.v2Flag();
        switch (p.name()) {
            case "boolean", "bigint", "double", "string" -> {
                reasons.add(at + "the same in every edition");
                return Optional.of(p.name().toUpperCase(Locale.ROOT));
            }
            case "tinyint", "smallint", "int", "float" -> {
                String same = p.name().toUpperCase(Locale.ROOT);
                if (edition.odps2()) {
                    reasons.add(at + v2);
                    return Optional.of(same);
                }
                String wide = p.name().equals("float") ? "DOUBLE" : "BIGINT";
                reasons.add(at + v2 + ": " + same + " widened to " + wide);
                return Optional.of(wide);
            }
            case "varchar" -> {
                if (edition.odps2()) {
                    reasons.add(at + v2);
                    return Optional.of("VARCHAR(" + p.parameters().get(0) + ")");
                }
                reasons.add(at + v2 + ": VARCHAR becomes STRING");
                return Optional.of("STRING");
            }
            case "char" -> {
                reasons.add(at + "CHAR becomes STRING (MaxCompute pads no values)");
                return Optional.of("STRING");
            }
            case "binary" -> {
                if (edition.odps2()) {
                    reasons.add(at + v2);
                    return Optional.of("BINARY");
                }
                reasons.add(at + "BINARY needs " + TypeEdition.ODPS2 + "=true");
                return Optional.empty();
            }
            case "date" -> {
                if (edition.odps2()) {
                    reasons.add(at + v2);
                    return Optional.of("DATE");
                }
                reasons.add(at + v2 + ": DATE becomes DATETIME");
                return Optional.of("DATETIME");
            }
            case "timestamp" -> {
                if (!edition.odps2()) {
                    reasons.add(at + "TIMESTAMP needs " + TypeEdition.ODPS2 + "=true");
                    return Optional.empty();
                }
                if (hive3Timestamps) {
                    reasons.add(at + v2 + "; Hive 3's TIMESTAMP has no time zone: TIMESTAMP_NTZ");
                    return Optional.of("TIMESTAMP_NTZ");
                }
                reasons.add(at + v2);
                return Optional.of("TIMESTAMP");
            }
            case "decimal" -> {
                int precision = p.parameters().isEmpty() ? 10 : p.parameters().get(0);
                int scale = p.parameters().size() < 2 ? 0 : p.parameters().get(1);
                if (scale > MAX_DECIMAL_SCALE) {
                    reasons.add(at + "DECIMAL(" + precision + "," + scale + ") cannot be held: MaxCompute's scale is at"
                            + " most " + MAX_DECIMAL_SCALE);
                    return Optional.empty();
                }
                if (!edition.decimal2()) {
                    reasons.add(at + edition.decimalFlag() + ": the old DECIMAL (54,18)");
                    return Optional.of("DECIMAL");
                }
                if (precision > MAX_DECIMAL_PRECISION) {
                    reasons.add(at + "DECIMAL(" + precision + "," + scale + ") cannot be held: precision at most "
                            + MAX_DECIMAL_PRECISION);
                    return Optional.empty();
                }
                reasons.add(at + edition.decimalFlag());
                return Optional.of("DECIMAL(" + precision + "," + scale + ")");
            }
            default -> {
                reasons.add(at + p.name().toUpperCase(Locale.ROOT) + " has no MaxCompute type");
                return Optional.empty();
            }
        }
    }
}

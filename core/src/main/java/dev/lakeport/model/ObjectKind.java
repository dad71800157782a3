package dev.lakeport.model;

import java.util.Locale;

/** The kinds of catalog object; {@link #itemType()} is the word the result log uses. */
public enum ObjectKind {
    DATABASE,
    TABLE,
    PARTITION,
    FUNCTION;

    public String itemType() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ObjectKind fromItemType(String itemType) {
        return valueOf(itemType.trim().toUpperCase(Locale.ROOT));
    }
}

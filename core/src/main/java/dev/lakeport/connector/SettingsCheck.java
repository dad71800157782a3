package dev.lakeport.connector;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass over settings that collects every problem, each naming its key, instead of stopping at the first: the
 * configuration loader and every connector's {@link CatalogConnector#check} read their keys through one of these, so
 * a value is judged the same way wherever it is written. Blank values and unreplaced {@code <placeholders>} count as
 * unset.
 */
public final class SettingsCheck {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]*>");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?");

    private final Map<String, String> settings;
    private final List<SettingProblem> problems = new ArrayList<>();

    public SettingsCheck(Map<String, String> settings) {
        this.settings = new TreeMap<>(requireNonNull(settings, "settings is null"));
    }

    /** A check over plain values and revealed credentials (the check stays in memory; nothing is written). */
    public static SettingsCheck of(ConnectorSettings settings) {
        Map<String, String> all = new TreeMap<>(settings.values());
        settings.secrets().forEach((k, v) -> all.put(k, v.reveal()));
        return new SettingsCheck(all);
    }

    /** Whether the text is a {@code <placeholder>} left from a template. */
    public static boolean isPlaceholder(String text) {
        return PLACEHOLDER.matcher(text.trim()).matches();
    }

    /** A duration as a configuration writes it ({@code 500ms}, {@code 20s}, {@code 2m}, {@code 1h}, ISO-8601). */
    public static Optional<Duration> parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                return Optional.of(Duration.parse(t.toUpperCase(Locale.ROOT)));
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis =
                switch (unit) {
                    case "ms" -> n;
                    case "m", "min" -> n * 60_000;
                    case "h" -> n * 3_600_000;
                    default -> n * 1000;
                };
        if (millis > Long.MAX_VALUE / 2) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    /** The raw value, trimmed; blank when unset. */
    public String get(String key) {
        String v = settings.get(key);
        return v == null ? "" : v.trim();
    }

    /** Blank counts as unset: the seed tells users to leave keys blank. */
    public Optional<String> optional(String key) {
        String v = get(key);
        if (v.isEmpty() || PLACEHOLDER.matcher(v).matches()) {
            return Optional.empty();
        }
        return Optional.of(v);
    }

    /** The value, or null after recording "missing; set it to {@code what}". */
    public String required(String key, String what) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            if (!PLACEHOLDER.matcher(get(key)).matches()) {
                error(key, "missing; set it to " + what);
            }
            return null;
        }
        return v.get();
    }

    public boolean bool(String key, boolean fallback) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        String s = v.get().toLowerCase(Locale.ROOT);
        if (s.equals("true")) {
            return true;
        }
        if (s.equals("false")) {
            return false;
        }
        error(key, "'" + v.get() + "' is not a boolean; use true or false");
        return fallback;
    }

    public int integer(String key, int fallback, int min, int max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                error(key, "must be between " + min + " and " + max + ", got " + n);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            error(key, "'" + v.get() + "' is not a whole number between " + min + " and " + max);
            return fallback;
        }
    }

    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        Optional<String> v = optional(key);
        if (v.isEmpty()) {
            return fallback;
        }
        Optional<Duration> d = parseDuration(v.get());
        if (d.isEmpty()) {
            error(key, "'" + v.get() + "' is not a duration; write e.g. 500ms, 20s, 2m or 1h");
            return fallback;
        }
        if (d.get().compareTo(min) < 0 || d.get().compareTo(max) > 0) {
            error(key, "must be between " + formatDuration(min) + " and " + formatDuration(max) + ", got " + v.get());
            return fallback;
        }
        return d.get();
    }

    /** A duration as a configuration writes it: the largest whole unit, e.g. {@code 20s}, {@code 2m}. */
    public static String formatDuration(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    public Optional<URI> httpUri(String key, String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                error(key, "'" + text + "' is not an http:// or https:// URI");
                return Optional.empty();
            }
            if (uri.getHost() == null) {
                error(key, "'" + text + "' has no host name");
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            error(key, "'" + text + "' is not a URI: " + e.getReason() + " at position " + e.getIndex());
            return Optional.empty();
        }
    }

    public Optional<Path> path(String key, String text) {
        try {
            return Optional.of(Path.of(text));
        } catch (InvalidPathException e) {
            error(key, "'" + text + "' is not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }

    public void noWhitespace(String key, String value) {
        if (value.chars().anyMatch(Character::isWhitespace)) {
            error(key, "contains a space; copy the key id again");
        }
    }

    public void error(String key, String problem) {
        problems.add(new SettingProblem(key, problem, true));
    }

    public void warn(String key, String problem) {
        problems.add(new SettingProblem(key, problem, false));
    }

    public List<SettingProblem> problems() {
        return List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(SettingProblem::error);
    }

    /**
     * Gives {@code value} back when no setting was wrong.
     *
     * @throws IllegalArgumentException naming the first wrong setting ({@code key: problem})
     */
    public <T> T orThrow(T value) {
        problems.stream().filter(SettingProblem::error).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException(p.toString());
        });
        return value;
    }
}

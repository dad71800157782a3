package dev.lakeport.plan.tasks;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local times of day in which a job's tasks may start, e.g. 22:00-06:00 (crossing midnight). A task that started
 * inside the window runs to its end; only starting waits for the window.
 */
public record TimeWindow(LocalTime start, LocalTime end) {
    private static final Pattern TEXT = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("H:mm");

    public TimeWindow {
        requireNonNull(start, "start is null");
        requireNonNull(end, "end is null");
        if (start.equals(end)) {
            throw new IllegalArgumentException("a window from " + start + " to " + end + " is empty");
        }
    }

    /**
     * Parses {@code HH:mm-HH:mm}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static TimeWindow parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a window of local times like 22:00-06:00");
        }
        try {
            return new TimeWindow(LocalTime.parse(m.group(1), HH_MM), LocalTime.parse(m.group(2), HH_MM));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected times of day from 00:00 to 23:59, like 22:00-06:00");
        }
    }

    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    /** Whether a task may start at {@code time}: from the start (inclusive) to the end (exclusive). */
    public boolean contains(LocalTime time) {
        requireNonNull(time, "time is null");
        if (crossesMidnight()) {
            return !time.isBefore(start) || time.isBefore(end);
        }
        return !time.isBefore(start) && time.isBefore(end);
    }

    /** How long from {@code now} until the window is open: zero inside it. */
    public Duration untilOpen(ZonedDateTime now) {
        requireNonNull(now, "now is null");
        if (contains(now.toLocalTime())) {
            return Duration.ZERO;
        }
        ZonedDateTime opens = now.with(start);
        if (!opens.isAfter(now)) {
            opens = opens.plusDays(1);
        }
        return Duration.between(now, opens);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}

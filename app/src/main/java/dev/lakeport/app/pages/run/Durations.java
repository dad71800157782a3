package dev.lakeport.app.pages.run;

import dev.lakeport.app.i18n.Messages;
import java.time.Duration;

/** Durations and ETAs as people read them: "12 s", "3 min 05 s", "1 h 02 min". */
public final class Durations {
    private Durations() {}

    public static String format(Duration duration, Messages messages) {
        long seconds = Math.max(0, (duration.toMillis() + 999) / 1000);
        if (seconds < 60) {
            return messages.get("run.duration.seconds", seconds);
        }
        if (seconds < 3600) {
            return messages.get("run.duration.minutes", seconds / 60, String.format("%02d", seconds % 60));
        }
        return messages.get("run.duration.hours", seconds / 3600, String.format("%02d", (seconds % 3600) / 60));
    }
}

package dev.lakeport.plan.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobSpecTest {
    private static final JobSelection SALES = JobSelection.databases("sales");

    @Test
    void withoutSettingsAJobTakesTheDefaults() {
        JobSpec spec = JobSpec.fromSettings(SALES, Map.of("other.key", "anything"));
        assertThat(spec.mode()).isEqualTo(JobMode.BOTH);
        assertThat(spec.maxPartitionsPerTask()).isEqualTo(50);
        assertThat(spec.maxBytesPerTask()).isEqualTo(5L * 1024 * 1024 * 1024);
        assertThat(spec.maxConcurrentTasks()).isEqualTo(20);
        assertThat(spec.window()).isEmpty();
        assertThat(spec).isEqualTo(JobSpec.of(SALES));
    }

    @Test
    void settingsAreReadWithSizesInUnitsAndAWindowAcrossMidnight() {
        JobSpec spec = JobSpec.fromSettings(
                SALES,
                Map.of(
                        "job.task.maxPartitions", "10",
                        "job.task.maxBytes", "512MB",
                        "job.maxConcurrentTasks", " 4 ",
                        "job.window", "22:00-06:00",
                        "job.mode", "Metadata"));
        assertThat(spec.maxPartitionsPerTask()).isEqualTo(10);
        assertThat(spec.maxBytesPerTask()).isEqualTo(512L * 1024 * 1024);
        assertThat(spec.maxConcurrentTasks()).isEqualTo(4);
        assertThat(spec.window()).contains(new TimeWindow(LocalTime.of(22, 0), LocalTime.of(6, 0)));
        assertThat(spec.mode()).isEqualTo(JobMode.METADATA);
        assertThat(JobSpec.fromSettings(SALES, spec.toSettings())).isEqualTo(spec);
        assertThat(JobSpec.fromSettings(SALES, Map.of("job.task.maxBytes", "5GB"))
                        .maxBytesPerTask())
                .isEqualTo(5L << 30);
        assertThat(JobSpec.fromSettings(SALES, Map.of("job.task.maxBytes", "1048576"))
                        .maxBytesPerTask())
                .isEqualTo(1L << 20);
    }

    @Test
    void everyBadSettingIsNamedWithItsValue() {
        assertThatThrownBy(() -> JobSpec.fromSettings(
                        SALES,
                        Map.of(
                                "job.task.maxPartitions", "0",
                                "job.task.maxBytes", "5 gigs",
                                "job.maxConcurrentTasks", "many",
                                "job.window", "22:00-24:30",
                                "job.mode", "schema")))
                .isInstanceOfSatisfying(JobSettingsException.class, e -> assertThat(e.problems())
                        .extracting(JobSettingsException.Problem::key, JobSettingsException.Problem::value)
                        .containsExactlyInAnyOrder(
                                tuple("job.task.maxPartitions", "0"),
                                tuple("job.task.maxBytes", "5 gigs"),
                                tuple("job.maxConcurrentTasks", "many"),
                                tuple("job.window", "22:00-24:30"),
                                tuple("job.mode", "schema")))
                .hasMessageContaining("5 problems")
                .hasMessageContaining("job.task.maxPartitions: '0' is not a whole number from 1")
                .hasMessageContaining("job.task.maxBytes: '5 gigs' is not a size")
                .hasMessageContaining("job.mode: 'schema' is not one of metadata, data, both")
                .hasMessageContaining("job.window: '22:00-24:30'");
        assertThatThrownBy(() -> JobSpec.fromSettings(SALES, Map.of("job.window", "06:00-06:00")))
                .hasMessageContaining("job.window: '06:00-06:00'")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> JobSpec.fromSettings(SALES, Map.of("job.task.maxBytes", "0MB")))
                .hasMessageContaining("job.task.maxBytes: '0MB'");
        assertThatThrownBy(() -> JobSpec.fromSettings(SALES, Map.of("job.task.maxBytes", "99999999999TB")))
                .hasMessageContaining("job.task.maxBytes: '99999999999TB'");
    }

    @Test
    void aWindowAcrossMidnightIsOpenLateAndEarlyAndSaysWhenItOpens() {
        TimeWindow night = TimeWindow.parse("22:00-06:00");
        assertThat(night.contains(LocalTime.of(23, 30))).isTrue();
        assertThat(night.contains(LocalTime.of(2, 0))).isTrue();
        assertThat(night.contains(LocalTime.of(6, 0))).isFalse();
        assertThat(night.contains(LocalTime.of(12, 0))).isFalse();
        ZonedDateTime noon = ZonedDateTime.of(2026, 12, 7, 12, 0, 0, 0, ZoneId.of("Europe/Berlin"));
        assertThat(night.untilOpen(noon)).isEqualTo(Duration.ofHours(10));
        assertThat(night.untilOpen(noon.withHour(23))).isZero();

        TimeWindow office = TimeWindow.parse("9:00 - 17:30");
        assertThat(office.contains(LocalTime.of(17, 29))).isTrue();
        assertThat(office.untilOpen(noon.withHour(18))).isEqualTo(Duration.ofHours(15));
        assertThat(Optional.of(office).map(TimeWindow::toString)).contains("09:00-17:30");
    }
}

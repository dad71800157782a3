package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobArgsTest {
    @Test
    void theSeedsSingleArgumentAndTheLaunchersOptionsAreRead() {
        assertThat(JobArgs.parse(new String[] {"oss://bucket/path/application.properties"}))
                .isEqualTo(new JobArgs(
                        Optional.of("oss://bucket/path/application.properties"), Optional.empty(), Optional.empty()));
        assertThat(JobArgs.parse(new String[] {"--run-id", "r-1", "--settings-base64", "YT1i"}))
                .isEqualTo(new JobArgs(Optional.empty(), Optional.of("YT1i"), Optional.of("r-1")));
    }

    @Test
    void badArgumentsSayWhatIsWrongAndHowToCallTheJob() {
        assertThatThrownBy(() -> JobArgs.parse(new String[] {}))
                .hasMessageContaining("no settings given")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> JobArgs.parse(new String[] {"a.properties", "--settings-base64", "YT1i"}))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> JobArgs.parse(new String[] {"a.properties", "b.properties"}))
                .hasMessageContaining("more than one settings path");
        assertThatThrownBy(() -> JobArgs.parse(new String[] {"a.properties", "--run-id"}))
                .hasMessageContaining("--run-id needs a value");
        assertThatThrownBy(() -> JobArgs.parse(new String[] {"a.properties", "--run-id", "../etc"}))
                .hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> JobArgs.parse(new String[] {"a.properties", "--verbose"}))
                .hasMessageContaining("unknown option --verbose");
    }
}

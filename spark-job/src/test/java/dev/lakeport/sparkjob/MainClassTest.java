package dev.lakeport.sparkjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.launch.JobConf;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/** The launchers submit the job by its route-neutral name; submit commands written for the old name still run. */
class MainClassTest {
    @Test
    void theLaunchersSubmitTheMigrationJob() {
        assertThat(JobConf.MAIN_CLASS).isEqualTo(MigrationJob.class.getName());
    }

    @Test
    void theOldMainClassIsStillAMainClass() throws Exception {
        Method main = Class.forName("dev.lakeport.sparkjob.GlueToDlfJob").getMethod("main", String[].class);
        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
        assertThat(main.getDeclaringClass().isAnnotationPresent(Deprecated.class))
                .isTrue();
    }
}

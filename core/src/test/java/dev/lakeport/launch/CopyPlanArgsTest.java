package dev.lakeport.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A copy plan passed inline to the Spark job: read back as it was, and refused over one argument's bound. */
class CopyPlanArgsTest {

    @Test
    void aPlanTravelsInlineAsGzipAndBase64AndComesBackTheSame() {
        String plan = "{\"jobId\":1,\"tasks\":[" + "{\"taskId\":1,\"x\":\"abc\"},".repeat(2_000) + "{}]}";

        List<String> args = CopyPlanArgs.inline(plan);

        assertThat(args.get(0)).isEqualTo("--plan-base64");
        assertThat(args.get(1).length()).as("a repetitive plan compresses well").isLessThan(plan.length() / 10);
        assertThat(new String(CopyPlanArgs.decode(args.get(1)), StandardCharsets.UTF_8))
                .isEqualTo(plan);
        assertThat(CopyPlanArgs.location("oss://bucket/plans/job-1.json"))
                .containsExactly("--plan", "oss://bucket/plans/job-1.json");
    }

    @Test
    void aPlanTooLargeForOneArgumentIsRefusedWithItsSizeAndWhatToDoInstead() {
        // random text does not compress: 150,000 characters of it stay over 120 KiB after gzip and Base64
        Random random = new Random(7);
        StringBuilder plan = new StringBuilder("{\"jobId\":1,\"noise\":\"");
        for (int i = 0; i < 150_000; i++) {
            plan.append((char) ('!' + random.nextInt(90)));
        }
        plan.append("\"}");

        assertThatThrownBy(() -> CopyPlanArgs.inline(plan.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the copy plan is too large to pass inline: ")
                .hasMessageContaining("over the 122,880 one argument may carry")
                .hasMessageContaining("(--plan)")
                .hasMessageContaining("oss://");
        assertThatThrownBy(() -> CopyPlanArgs.decode("H4sI!!"))
                .hasMessageStartingWith("--plan-base64 is not valid Base64");
        assertThatThrownBy(() -> CopyPlanArgs.decode("aGVsbG8="))
                .hasMessageStartingWith("--plan-base64 is not a gzip-compressed copy plan");
    }
}

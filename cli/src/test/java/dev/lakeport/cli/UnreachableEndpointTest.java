package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server the user named that does not answer is the user's setting or network, not a defect of Lakeport: the
 * message names the URL, asks for no bug report, and the exit code is 4 (unreachable).
 */
class UnreachableEndpointTest {
    @TempDir
    Path dir;

    @Test
    void submitToAnUnreachableLivyNamesItsUrlAndExitsFour() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Path config = dir.resolve("application.properties");
        Files.writeString(
                config,
                """
                aws.region=eu-central-1
                aliyun.region=eu-central-1
                aliyun.endpoint=127.0.0.1:9
                location.convertMap={}
                lakeport.aws.endpoint=http://127.0.0.1:9
                lakeport.aliyun.protocol=HTTP
                """);
        Path jar = Files.writeString(dir.resolve("job.jar"), "not a real jar: Livy is never reached");
        String url = "http://127.0.0.1:" + closedPort;

        CliRunner.Result result = CliRunner.run(
                "submit",
                "--config",
                config.toString(),
                "--target",
                "livy",
                "--livy-url",
                url,
                "--job-jar",
                jar.toString(),
                "--job-jar-uri",
                "hdfs:///lakeport/lakeport-spark-job.jar");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCode.CATALOG_UNAVAILABLE);
        assertThat(result.err()).contains("Livy at " + url + " is unreachable").contains("check the Livy URL you gave");
        assertThat(result.all()).doesNotContain("internal error").doesNotContain("bug report");
    }

    @Test
    void aConnectionRefusedAnywhereIsAnUnreachableServerNotAnInternalError() {
        StringWriter err = new StringWriter();
        RuntimeException failure = new IllegalStateException(
                "calling http://catalog.example:8080", new ConnectException("Connection refused"));

        int code = ErrorReporter.report(failure, new PrintWriter(err, true));

        assertThat(code).isEqualTo(ExitCode.CATALOG_UNAVAILABLE);
        assertThat(err.toString())
                .contains("http://catalog.example:8080")
                .contains("Connection refused")
                .doesNotContain("internal error");
    }
}

package dev.lakeport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.ErrorCode;
import dev.lakeport.load.LoadSummary.LoadFailure;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A load that could not read everything exits with the code the README promises for the catalog's answer. */
class LoadExitCodeTest {
    private static LoadFailure failure(ErrorCode code) {
        return new LoadFailure("sales.orders", code + ": the catalog's answer", Optional.of(code));
    }

    @Test
    void throttlingAnd5xxAreACatalogUnavailable() {
        assertThat(ExitCode.ofLoadFailures(List.of(failure(ErrorCode.THROTTLED))))
                .isEqualTo(ExitCode.CATALOG_UNAVAILABLE)
                .isEqualTo(4);
        assertThat(ExitCode.ofLoadFailures(List.of(failure(ErrorCode.UNAVAILABLE), failure(ErrorCode.NETWORK))))
                .isEqualTo(4);
    }

    @Test
    void credentialsAndPermissionAreACatalogRefusal() {
        assertThat(ExitCode.ofLoadFailures(List.of(failure(ErrorCode.INVALID_CREDENTIALS))))
                .isEqualTo(ExitCode.CATALOG_REFUSED)
                .isEqualTo(3);
        // the user must act on a refusal, even when other calls were throttled
        assertThat(ExitCode.ofLoadFailures(List.of(failure(ErrorCode.THROTTLED), failure(ErrorCode.ACCESS_DENIED))))
                .isEqualTo(3);
    }

    @Test
    void otherFailuresAreItemsFailed() {
        assertThat(ExitCode.ofLoadFailures(List.of(failure(ErrorCode.INVALID_INPUT))))
                .isEqualTo(ExitCode.ITEMS_FAILED);
        assertThat(ExitCode.ofLoadFailures(List.of(new LoadFailure("x", "?")))).isEqualTo(1);
    }
}

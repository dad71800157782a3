package dev.lakeport.connector.dlf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DLF's and the API gateway's codes, each mapped to what the user is told and whether it is retried. */
class DlfErrorsTest {
    @ParameterizedTest
    @CsvSource({
        "NoSuchObject, 200, NOT_FOUND",
        "AlreadyExists, 200, ALREADY_EXISTS",
        "InvalidInput, 200, INVALID_INPUT",
        "InvalidObject, 200, INVALID_INPUT",
        "Throttling, 400, THROTTLED",
        "Throttling.User, 400, THROTTLED",
        "Throttling.Api, 429, THROTTLED",
        "InternalError, 500, UNAVAILABLE",
        "ServiceUnavailable, 503, UNAVAILABLE",
        "SomethingNew, 502, UNAVAILABLE",
        "InvalidAccessKeyId.NotFound, 404, INVALID_CREDENTIALS",
        "InvalidAccessKeyId.Inactive, 400, INVALID_CREDENTIALS",
        "SignatureDoesNotMatch, 400, INVALID_CREDENTIALS",
        "Forbidden.RAM, 403, ACCESS_DENIED",
        "NoPermission, 403, ACCESS_DENIED",
        "SomethingNew, 400, REMOTE_REJECTED",
    })
    void vendorCodesMapByMeaning(String vendorCode, int status, ErrorCode expected) {
        assertThat(DlfErrors.codeFor(vendorCode, status)).isEqualTo(expected);
    }
}

package dev.lakeport.connector.maxcompute;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.OdpsException;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class MaxComputeErrorsTest {
    private static final String ENDPOINT = "https://service.cn-hangzhou.maxcompute.aliyun.com/api";

    private static OdpsException answer(int status, String code, String message) {
        OdpsException e = new OdpsException(code, message);
        e.setStatus(status);
        return e;
    }

    private static ConnectorException map(Throwable e) {
        return MaxComputeErrors.map("read table", "proj_a.orders", ENDPOINT, e);
    }

    @Test
    void answersBecomeCodesWithTheObjectAndEndpointNamed() {
        assertThat(map(new NoSuchObjectException("ODPS-0130131:Table not found"))
                        .code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(map(new OdpsException("ODPS-0110061: Failed to run ddltask - Table proj_a.orders already exists"))
                        .code())
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(map(answer(401, "InvalidAccessKeyId", "The access key id does not exist."))
                        .code())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(map(answer(403, "SignatureNotMatch", "signature mismatch")).code())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(map(answer(403, "AccessDenied", "ODPS-0420095: Access Denied"))
                        .code())
                .isEqualTo(ErrorCode.ACCESS_DENIED);
        assertThat(map(answer(429, "ServerBusy", "Request rate exceeded.")).code())
                .isEqualTo(ErrorCode.THROTTLED);
        assertThat(map(answer(503, "ServiceUnavailable", "busy")).code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(map(new OdpsException("ODPS-0130161:[1,8] Parse exception - invalid token"))
                        .code())
                .isEqualTo(ErrorCode.INVALID_INPUT);

        ConnectorException e = map(answer(403, "AccessDenied", "ODPS-0420095: Access Denied"));
        assertThat(e.getMessage())
                .contains("read table proj_a.orders")
                .contains(ENDPOINT)
                .contains("Access Denied");
        assertThat(e.vendorCode()).contains("AccessDenied");
    }

    @Test
    void networkFailuresAreTransient() {
        ConnectorException timeout =
                map(new OdpsException("request failed", new IOException(new SocketTimeoutException("Read timed out"))));
        assertThat(timeout.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(timeout.isTransient()).isTrue();
        ConnectorException refused =
                map(new OdpsException("request failed", new java.net.ConnectException("Connection refused")));
        assertThat(refused.code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(refused.getMessage()).contains("unreachable at " + ENDPOINT);
    }
}

package dev.lakeport.connector.dlf;

import com.aliyun.tea.TeaException;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Turns what the DLF SDK reports into {@link ConnectorException}s. Messages name the operation, the object and the
 * server's answer ({@code DLF GetTable sales.orders failed: HTTP 200 NoSuchObject: ...}; business errors come as HTTP
 * 200 with {@code Success=false}) and are never empty; they never carry credentials: the SDK's own messages are not
 * repeated when they could hold request details, only the service's Code and Message.
 */
final class DlfErrors {
    private DlfErrors() {}

    /** A 200 can still be a failure: DLF reports business errors as {@code Success=false}. */
    static void check(String operation, String object, Boolean success, String code, String message) {
        if (Boolean.TRUE.equals(success)) {
            return;
        }
        String vendorCode = code == null || code.isEmpty() ? "Unknown" : code;
        throw new ConnectorException(
                codeFor(vendorCode, 200),
                vendorCode,
                prefix(operation, object) + "HTTP 200 " + vendorCode + ": "
                        + (message == null || message.isBlank() ? "(no message)" : message),
                null);
    }

    static ConnectorException translate(String operation, String object, String endpoint, Throwable error) {
        if (error instanceof ConnectorException ce) {
            return ce;
        }
        Throwable network = networkCause(error);
        if (network instanceof SocketTimeoutException || network instanceof InterruptedIOException) {
            return new ConnectorException(
                    ErrorCode.TIMEOUT,
                    null,
                    prefix(operation, object) + "no answer from " + endpoint + " in time (" + network.getMessage()
                            + ")",
                    error);
        }
        if (network != null) {
            return new ConnectorException(
                    ErrorCode.NETWORK,
                    null,
                    prefix(operation, object) + "cannot reach " + endpoint + ": "
                            + network.getClass().getSimpleName()
                            + (network.getMessage() == null ? "" : " " + network.getMessage()),
                    error);
        }
        TeaException tea = teaException(error);
        if (tea != null && tea.getCode() != null) {
            String vendorCode = tea.getCode();
            int status = tea.getStatusCode() == null ? 0 : tea.getStatusCode();
            return new ConnectorException(
                    codeFor(vendorCode, status),
                    vendorCode,
                    prefix(operation, object) + (status > 0 ? "HTTP " + status + " " : "") + vendorCode + ": "
                            + serviceMessage(tea),
                    error);
        }
        Throwable io = ioCause(error);
        if (io != null) {
            // The connection broke after the request went out (reset, closed without an answer): the call may or may
            // not have been applied, and repeating it is how the executor finds out.
            return new ConnectorException(
                    ErrorCode.NETWORK,
                    null,
                    prefix(operation, object) + "the connection to " + endpoint + " broke without an answer ("
                            + io.getClass().getSimpleName()
                            + (io.getMessage() == null ? "" : ": " + io.getMessage()) + ")",
                    error);
        }
        return new ConnectorException(
                ErrorCode.INTERNAL,
                null,
                prefix(operation, object) + "unexpected failure: "
                        + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage()),
                error);
    }

    /** DLF's codes and the API gateway's common codes, by meaning. */
    static ErrorCode codeFor(String vendorCode, int httpStatus) {
        if (vendorCode.startsWith("InvalidAccessKeyId")
                || vendorCode.startsWith("SignatureDoesNotMatch")
                || vendorCode.startsWith("InvalidSecurityToken")
                || vendorCode.startsWith("IncompleteSignature")) {
            return ErrorCode.INVALID_CREDENTIALS;
        }
        if (vendorCode.startsWith("Forbidden")
                || vendorCode.startsWith("NoPermission")
                || vendorCode.startsWith("AccessDenied")) {
            return ErrorCode.ACCESS_DENIED;
        }
        if (vendorCode.startsWith("Throttling")) {
            return ErrorCode.THROTTLED;
        }
        switch (vendorCode) {
            case "NoSuchObject":
                return ErrorCode.NOT_FOUND;
            case "AlreadyExists":
                return ErrorCode.ALREADY_EXISTS;
            case "InvalidInput":
            case "InvalidObject":
            case "InvalidOperation":
            case "InvalidParameter":
            case "MissingParameter":
                return ErrorCode.INVALID_INPUT;
            case "InternalError":
            case "ServiceUnavailable":
                return ErrorCode.UNAVAILABLE;
            default:
                break;
        }
        if (httpStatus >= 500) {
            return ErrorCode.UNAVAILABLE;
        }
        if (httpStatus == 429) {
            return ErrorCode.THROTTLED;
        }
        // An unknown refusal: not retried, and not blamed on our code.
        return ErrorCode.REMOTE_REJECTED;
    }

    private static String prefix(String operation, String object) {
        return "DLF " + operation + (object == null || object.isEmpty() ? "" : " " + object) + " failed: ";
    }

    private static Throwable ioCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException && !(t instanceof com.fasterxml.jackson.core.JacksonException)) {
                return t;
            }
        }
        return null;
    }

    private static String serviceMessage(TeaException tea) {
        Map<String, Object> data = tea.getData();
        if (data != null) {
            Object m = data.get("Message");
            if (m == null) {
                m = data.get("message");
            }
            if (m != null && !m.toString().isBlank()) {
                return m.toString();
            }
        }
        return "(no message)";
    }

    private static TeaException teaException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TeaException te && te.getCode() != null) {
                return te;
            }
        }
        return null;
    }

    private static Throwable networkCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException
                    || t instanceof PortUnreachableException
                    || t instanceof SocketTimeoutException
                    || t instanceof InterruptedIOException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}

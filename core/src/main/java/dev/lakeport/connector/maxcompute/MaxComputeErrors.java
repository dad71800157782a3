package dev.lakeport.connector.maxcompute;

import com.aliyun.odps.NoSuchObjectException;
import com.aliyun.odps.OdpsException;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The one place where the SDK's exceptions become {@link ConnectorException}s. Messages name the call, the object, the
 * endpoint and MaxCompute's answer ({@code MaxCompute create table proj_a.orders at https://... failed: ODPS-0110061:
 * ... already exists}); the SDK's messages carry no credentials, and none are added.
 */
final class MaxComputeErrors {
    private MaxComputeErrors() {}

    static ConnectorException map(String operation, String object, String endpoint, Throwable error) {
        if (error instanceof ConnectorException ce) {
            return ce;
        }
        Throwable e = unwrap(error);
        String prefix = "MaxCompute " + operation + (object == null || object.isEmpty() ? "" : " " + object) + " at "
                + endpoint + " failed: ";
        String vendor = e instanceof OdpsException oe && oe.getErrorCode() != null
                ? oe.getErrorCode()
                : e.getClass().getSimpleName();
        String message = message(e);
        ErrorCode code = codeFor(e);
        return switch (code) {
            case NETWORK, TIMEOUT, UNAVAILABLE -> {
                if (hasCause(e, IOException.class)) {
                    yield new ConnectorException(
                            code,
                            vendor,
                            prefix + "MaxCompute is unreachable at " + endpoint + " (" + rootMessage(e) + ")",
                            error);
                }
                yield new ConnectorException(code, vendor, prefix + message, error);
            }
            case INVALID_CREDENTIALS -> new ConnectorException(
                    code,
                    vendor,
                    prefix + "the AccessKey was refused (check maxcompute.accessKeyId and maxcompute.accessKeySecret): "
                            + message,
                    error);
            case ACCESS_DENIED -> new ConnectorException(
                    code, vendor, prefix + "the AccessKey may not do this: " + message, error);
            default -> new ConnectorException(code, vendor, prefix + message, error);
        };
    }

    static ErrorCode codeFor(Throwable error) {
        Throwable e = unwrap(error);
        String text =
                (message(e) + " " + (e instanceof OdpsException oe ? oe.getErrorCode() : "")).toLowerCase(Locale.ROOT);
        Integer status = e instanceof OdpsException oe ? oe.getStatus() : null;
        if (text.contains("already exist")) {
            return ErrorCode.ALREADY_EXISTS;
        }
        if (text.contains("invalidaccesskeyid")
                || text.contains("signaturenotmatch")
                || text.contains("invalidsignature")
                || text.contains("invalid signature")
                || text.contains("access key id does not exist")
                || status != null && status == 401) {
            return ErrorCode.INVALID_CREDENTIALS;
        }
        if (text.contains("accessdenied") || text.contains("access denied") || status != null && status == 403) {
            return ErrorCode.ACCESS_DENIED;
        }
        // after credentials: "The access key id does not exist" is not a missing object
        if (e instanceof NoSuchObjectException
                || text.contains("nosuchobject")
                || text.contains("not found")
                || text.contains("does not exist")
                || text.contains("doesn't exist")) {
            return ErrorCode.NOT_FOUND;
        }
        if (status != null && status == 429 || text.contains("serverbusy") || text.contains("throttl")) {
            return ErrorCode.THROTTLED;
        }
        if (status != null && status >= 500) {
            return ErrorCode.UNAVAILABLE;
        }
        if (hasCause(e, SocketTimeoutException.class)) {
            return ErrorCode.TIMEOUT;
        }
        if (hasCause(e, ConnectException.class)
                || hasCause(e, UnknownHostException.class)
                || hasCause(e, NoRouteToHostException.class)) {
            return ErrorCode.NETWORK;
        }
        if (hasCause(e, IOException.class)) {
            return ErrorCode.NETWORK;
        }
        if (e instanceof OdpsException) {
            return text.contains("parse exception") || text.contains("semantic analysis")
                    ? ErrorCode.INVALID_INPUT
                    : ErrorCode.REMOTE_REJECTED;
        }
        return ErrorCode.INTERNAL;
    }

    /** The SDK's lazy getters wrap an {@link OdpsException} in a {@code ReloadException}. */
    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (!(e instanceof OdpsException)
                && e.getCause() != null
                && e.getCause() != e
                && e.getClass().getName().startsWith("com.aliyun.odps")) {
            e = e.getCause();
        }
        return e;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : e.getMessage().trim();
    }

    static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}

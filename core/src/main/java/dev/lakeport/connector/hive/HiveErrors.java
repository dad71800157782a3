package dev.lakeport.connector.hive;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.net.SocketTimeoutException;
import java.util.Locale;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.InvalidInputException;
import org.apache.hadoop.hive.metastore.api.InvalidObjectException;
import org.apache.hadoop.hive.metastore.api.InvalidOperationException;
import org.apache.hadoop.hive.metastore.api.InvalidPartitionException;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.hadoop.hive.metastore.api.UnknownDBException;
import org.apache.hadoop.hive.metastore.api.UnknownPartitionException;
import org.apache.hadoop.hive.metastore.api.UnknownTableException;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.transport.TTransportException;

/**
 * The one place where the metastore's Thrift exceptions become {@link ConnectorException}s. Messages name the call,
 * the object, the metastore and its answer ({@code Hive get_database sales at thrift://h1:9083 failed:
 * NoSuchObjectException: ...}).
 */
final class HiveErrors {
    private HiveErrors() {}

    static ConnectorException map(String operation, String object, String uri, Throwable error) {
        if (error instanceof ConnectorException ce) {
            return ce;
        }
        String prefix = "Hive " + operation + (object == null || object.isEmpty() ? "" : " " + object) + " at " + uri
                + " failed: ";
        String vendor = error.getClass().getSimpleName();
        String message = error.getMessage() == null || error.getMessage().isBlank()
                ? "(no message)"
                : error.getMessage().trim();
        ErrorCode code = codeFor(error, message);
        if (error instanceof TTransportException) {
            if (code == ErrorCode.TIMEOUT) {
                return new ConnectorException(code, vendor, prefix + "no answer from " + uri + " in time", error);
            }
            return new ConnectorException(
                    code, vendor, prefix + "connection to " + uri + " failed: " + rootMessage(error), error);
        }
        if (error instanceof TApplicationException app && app.getType() == TApplicationException.UNKNOWN_METHOD) {
            return new ConnectorException(
                    ErrorCode.REMOTE_REJECTED,
                    vendor,
                    prefix + "the metastore does not know this call (a server older than Hive 2.3?): " + message,
                    error);
        }
        return new ConnectorException(code, vendor, prefix + vendor + ": " + message, error);
    }

    static ErrorCode codeFor(Throwable error, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (error instanceof AlreadyExistsException) {
            return ErrorCode.ALREADY_EXISTS;
        }
        if (error instanceof NoSuchObjectException
                || error instanceof UnknownDBException
                || error instanceof UnknownTableException
                || error instanceof UnknownPartitionException) {
            return ErrorCode.NOT_FOUND;
        }
        if (error instanceof InvalidObjectException
                || error instanceof InvalidOperationException
                || error instanceof InvalidInputException
                || error instanceof InvalidPartitionException) {
            // alter_table and alter_partition name a missing object this way
            return notFound(lower) ? ErrorCode.NOT_FOUND : ErrorCode.INVALID_INPUT;
        }
        if (error instanceof MetaException) {
            if (lower.contains("already exists")) {
                return ErrorCode.ALREADY_EXISTS;
            }
            if (notFound(lower)) {
                return ErrorCode.NOT_FOUND;
            }
            if (lower.contains("deadlock") || lower.contains("lock wait") || lower.contains("connection")) {
                return ErrorCode.UNAVAILABLE;
            }
            return ErrorCode.REMOTE_REJECTED;
        }
        if (error instanceof TTransportException) {
            return hasCause(error, SocketTimeoutException.class) ? ErrorCode.TIMEOUT : ErrorCode.NETWORK;
        }
        if (error instanceof TApplicationException) {
            return ErrorCode.REMOTE_REJECTED;
        }
        return ErrorCode.INTERNAL;
    }

    private static boolean notFound(String lower) {
        return lower.contains("does not exist")
                || lower.contains("doesn't exist")
                || lower.contains("not found")
                || lower.contains("no such");
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
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

package dev.lakeport.connector.glue;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.glue.model.ErrorDetail;

/**
 * The one place where Glue's exceptions become {@link ConnectorException}s. Messages name the operation, the object
 * and the server's answer ({@code Glue GetTable sales.orders failed: HTTP 400 EntityNotFoundException: ...}); an answer
 * without an error code or message says so and quotes the start of the body, so no message is ever empty. They never
 * carry credentials: AWS
 * signature errors can echo the request's canonical form, so those are cut to their first sentence, and anything
 * shaped like an access key id is masked.
 */
public final class GlueErrors {
    private static final Set<String> CREDENTIAL_CODES = Set.of(
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "ExpiredToken",
            "ExpiredTokenException",
            "IncompleteSignature",
            "IncompleteSignatureException",
            "InvalidClientTokenId",
            "MissingAuthenticationToken",
            "MissingAuthenticationTokenException",
            "SignatureDoesNotMatch");
    private static final Set<String> THROTTLING_CODES = Set.of(
            "ThrottlingException",
            "Throttling",
            "ThrottledException",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "RequestThrottled",
            "RequestThrottledException",
            "SlowDown");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\\b");

    private GlueErrors() {}

    /**
     * Maps any failure of a Glue call.
     *
     * @param operation the Glue operation, e.g. {@code GetTable}
     * @param object what it was about, e.g. {@code sales.orders}; empty for catalog-wide calls
     * @param endpoint where the client sends requests, named in network errors
     */
    public static ConnectorException map(String operation, String object, String endpoint, Throwable error) {
        if (error instanceof ConnectorException ce) {
            return ce;
        }
        String prefix = "Glue " + operation + (object == null || object.isEmpty() ? "" : " " + object) + " failed: ";
        if (error instanceof AwsServiceException e) {
            return mapService(prefix, e);
        }
        if (error instanceof ApiCallTimeoutException || error instanceof ApiCallAttemptTimeoutException) {
            return new ConnectorException(
                    ErrorCode.TIMEOUT, null, prefix + "no answer from " + endpoint + " in time", error);
        }
        if (error instanceof AbortedException || hasCause(error, InterruptedException.class)) {
            return new ConnectorException(ErrorCode.INTERNAL, null, prefix + "interrupted", error);
        }
        if (error instanceof SdkClientException e) {
            return mapClient(prefix, endpoint, e);
        }
        return new ConnectorException(
                ErrorCode.INTERNAL, null, prefix + error.getClass().getSimpleName() + ": " + clean(error), error);
    }

    /** A per-entry error of a batch call (BatchCreatePartition, BatchDeletePartition, ...). */
    public static ConnectorException fromErrorDetail(String operation, String object, ErrorDetail detail) {
        String code = detail == null || detail.errorCode() == null ? "UnknownError" : detail.errorCode();
        String message = detail == null || detail.errorMessage() == null ? "" : detail.errorMessage();
        return new ConnectorException(
                codeFor(code, message, 400),
                code,
                "Glue " + operation + " " + object + " failed: " + code + ": "
                        + (message.isBlank() ? "(no message)" : mask(message)),
                null);
    }

    private static ConnectorException mapService(String prefix, AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        boolean hasCode = details != null
                && details.errorCode() != null
                && !details.errorCode().isBlank();
        String code = hasCode ? details.errorCode() : e.getClass().getSimpleName();
        String message = details == null || details.errorMessage() == null ? "" : details.errorMessage();
        int status = e.statusCode();
        ErrorCode mapped = codeFor(code, message, status);
        if (mapped == ErrorCode.INTERNAL && e.isThrottlingException()) {
            mapped = ErrorCode.THROTTLED;
        }
        if (mapped == ErrorCode.INVALID_CREDENTIALS) {
            message = firstSentence(message);
        }
        if (message.isBlank()) {
            message = "(no message"
                    + body(details).map(b -> "; the body begins: " + b).orElse("") + ")";
        }
        String answer = (status > 0 ? "HTTP " + status + " " : "") + (hasCode ? code : "(no error code)");
        return new ConnectorException(mapped, hasCode ? code : null, prefix + answer + ": " + mask(message), e);
    }

    /** The start of a response body, on one line, when the server sent one. */
    private static java.util.Optional<String> body(AwsErrorDetails details) {
        if (details == null || details.rawResponse() == null) {
            return java.util.Optional.empty();
        }
        String text =
                details.rawResponse().asUtf8String().replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(text.length() <= 200 ? text : text.substring(0, 200) + "...");
    }

    static ErrorCode codeFor(String code, String message, int status) {
        switch (code) {
            case "EntityNotFoundException":
                return ErrorCode.NOT_FOUND;
            case "AlreadyExistsException":
                return ErrorCode.ALREADY_EXISTS;
            case "InvalidInputException":
            case "ValidationException":
            case "ResourceNumberLimitExceededException":
            case "InvalidStateException":
                return ErrorCode.INVALID_INPUT;
            case "AccessDeniedException":
            case "GlueEncryptionException":
            case "KmsKeyNotAccessibleException":
                return ErrorCode.ACCESS_DENIED;
            case "InternalServiceException":
            case "InternalServerException":
            case "ServiceUnavailableException":
            case "ConcurrentModificationException":
            case "FederationSourceRetryableException":
                return ErrorCode.UNAVAILABLE;
            case "OperationTimeoutException":
                return ErrorCode.TIMEOUT;
            default:
                break;
        }
        if (CREDENTIAL_CODES.contains(code)) {
            return ErrorCode.INVALID_CREDENTIALS;
        }
        if (THROTTLING_CODES.contains(code)
                || status == 429
                || message.toLowerCase(Locale.ROOT).contains("rate exceeded")) {
            return ErrorCode.THROTTLED;
        }
        if (status >= 500) {
            return ErrorCode.UNAVAILABLE;
        }
        if (status == 403) {
            return ErrorCode.ACCESS_DENIED;
        }
        if (status == 404) {
            return ErrorCode.NOT_FOUND;
        }
        return ErrorCode.INTERNAL;
    }

    private static ConnectorException mapClient(String prefix, String endpoint, SdkClientException e) {
        if (hasCause(e, SocketTimeoutException.class)
                || (hasCause(e, InterruptedIOException.class) && !hasCause(e, ConnectException.class))) {
            return new ConnectorException(
                    ErrorCode.TIMEOUT, null, prefix + "no answer from " + endpoint + " in time", e);
        }
        if (hasCause(e, UnknownHostException.class)) {
            return new ConnectorException(
                    ErrorCode.NETWORK, null, prefix + "unknown host: cannot resolve " + endpoint, e);
        }
        if (hasCause(e, ConnectException.class) || hasCause(e, NoRouteToHostException.class)) {
            return new ConnectorException(
                    ErrorCode.NETWORK, null, prefix + "cannot connect to " + endpoint + " (" + rootMessage(e) + ")", e);
        }
        if (hasCause(e, IOException.class)) {
            return new ConnectorException(
                    ErrorCode.NETWORK, null, prefix + "connection to " + endpoint + " failed: " + rootMessage(e), e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials") || message.contains("credentials")) {
            return new ConnectorException(ErrorCode.INVALID_CREDENTIALS, null, prefix + firstSentence(message), e);
        }
        return new ConnectorException(ErrorCode.INTERNAL, null, prefix + clean(e), e);
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
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
        return root.getMessage() == null ? root.getClass().getSimpleName() : mask(root.getMessage());
    }

    private static String clean(Throwable error) {
        return mask(String.valueOf(error.getMessage()));
    }

    private static String firstSentence(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        int canonical = line.indexOf("The Canonical String");
        return (canonical < 0 ? line : line.substring(0, canonical)).trim();
    }

    static String mask(String message) {
        return ACCESS_KEY_ID.matcher(message).replaceAll(m -> m.group(1) + "****");
    }
}

package dev.lakeport.cli;

import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorKind;
import dev.lakeport.filter.FilterSyntaxException;
import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.plan.DeleteConfirmationException;
import dev.lakeport.snapshot.DiskFullException;
import dev.lakeport.snapshot.SnapshotException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception into what a user can act on: a one-line cause, a hint, and an exit code. The stack trace only
 * with {@code --stacktrace}. Messages never hold credentials: those are {@code Secret} values that print as a mask.
 */
final class ErrorReporter implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        LakeportCommand root = commandLine.getCommandSpec().root().userObject() instanceof LakeportCommand l ? l : null;
        int code = report(ex, err);
        if (root != null && root.stacktrace) {
            ex.printStackTrace(err);
        } else if (code == ExitCode.INTERNAL) {
            err.println("Run again with --stacktrace for details, and include them and " + RunLogFile.describe()
                    + " in a bug report.");
        }
        err.flush();
        return code;
    }

    static int report(Throwable ex, PrintWriter err) {
        Throwable e = unwrap(ex);
        if (e instanceof ConfigException ce) {
            err.println("error: invalid configuration in " + ce.source() + ":");
            for (ConfigProblem p : ce.problems()) {
                err.println("  " + p);
            }
            err.println("Nothing was changed.");
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof FilterSyntaxException || e instanceof InvalidMappingException) {
            err.println("error: " + e.getMessage());
            err.println("Nothing was changed.");
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof dev.lakeport.pipeline.DestinationProblemsException dpe) {
            err.println("error: " + dpe.getMessage());
            err.println("Hint: map the names with the character mappings, turn on the project's type-system flags, or"
                    + " leave the objects out with 'lakeport-cli exclude'; then run diff again.");
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof DeleteConfirmationException dce) {
            err.println("error: " + dce.getMessage());
            err.println("Nothing was changed.");
            return ExitCode.BAD_INPUT;
        }
        if (DiskFullException.find(e).isPresent() || DiskFullException.causedByFullDisk(e)) {
            err.println("error: "
                    + DiskFullException.find(e).map(Throwable::getMessage).orElse("a disk is full: " + e.getMessage()));
            return ExitCode.DISK_FULL;
        }
        if (e instanceof dev.lakeport.pipeline.IncompleteSnapshotException ise) {
            err.println("error: " + ise.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof SnapshotException) {
            err.println("error: " + e.getMessage());
            err.println("Hint: the project file may be damaged or in use by another Lakeport; nothing was changed.");
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof ConnectorException ce) {
            err.println("error: " + ce.summary());
            err.println("Hint: " + hint(ce));
            return ce.kind() == ErrorKind.EXTERNAL ? ExitCode.CATALOG_UNAVAILABLE : ExitCode.CATALOG_REFUSED;
        }
        if (e instanceof dev.lakeport.launch.EndpointUnreachableException u) {
            err.println("error: " + u.getMessage());
            err.println("Hint: check the " + u.service() + " URL you gave (" + u.endpoint()
                    + ") and that this machine can reach it (proxy, VPN, firewall); nothing was submitted.");
            return ExitCode.CATALOG_UNAVAILABLE;
        }
        if (e instanceof dev.lakeport.launch.JobException) {
            err.println("error: " + e.getMessage());
            return ExitCode.JOB_FAILED;
        }
        if (e instanceof CancellationException) {
            err.println("Cancelled. Run the same command again to resume.");
            return ExitCode.CANCELLED;
        }
        if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            err.println("error: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        Optional<Throwable> unreachable = connectionFailure(e);
        if (unreachable.isPresent()) {
            // A server named in the configuration or the options did not answer: the network or the setting, not us.
            err.println("error: cannot reach a server you named: " + messages(e) + " ("
                    + unreachable.get().getClass().getSimpleName() + ")");
            err.println("Hint: check the endpoint or URL in the configuration and options, and that this machine can"
                    + " reach it (proxy, VPN, firewall).");
            return ExitCode.CATALOG_UNAVAILABLE;
        }
        err.println("internal error: " + e);
        return ExitCode.INTERNAL;
    }

    /** The distinct messages along the cause chain: the outer one says what was being done, the inner ones where. */
    private static String messages(Throwable e) {
        java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                parts.add(t.getMessage());
            }
        }
        return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
    }

    private static Optional<Throwable> connectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException
                    || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException
                    || t instanceof java.net.http.HttpConnectTimeoutException) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static String hint(ConnectorException e) {
        switch (e.code()) {
            case INVALID_CREDENTIALS:
                String message = String.valueOf(e.getMessage());
                if (message.startsWith("Glue ")) {
                    return "Glue rejected the credential aws.accessKeyId / aws.secretAccessKey (or"
                            + " lakeport.aws.sessionToken, lakeport.aws.profile): check the access key pair and run again.";
                }
                if (message.startsWith("DLF ")) {
                    return "DLF rejected the credential aliyun.accessKeyId / aliyun.secretAccessKey (or"
                            + " lakeport.aliyun.credentialsFile / lakeport.aliyun.profile): check the access key pair and run"
                            + " again.";
                }
                return "check the access key pair (aws.accessKeyId / aliyun.accessKeyId and their secrets), "
                        + "the profile, or the credentials file.";
            case ACCESS_DENIED:
                return "the credentials work but lack a permission on the catalog; grant it and run again.";
            case NETWORK:
                return "check the endpoint and region, and that this machine can reach it (proxy, VPN, firewall).";
            case THROTTLED:
                return "the catalog kept throttling; lower lakeport.rate or lakeport.concurrency and run again "
                        + "(completed work is kept).";
            case UNAVAILABLE:
                return "the catalog kept failing; run again later (completed work is kept).";
            case TIMEOUT:
                return "the catalog did not answer in time; check the endpoint, or raise lakeport.callTimeout /"
                        + " lakeport.retryDeadline, and run again (completed work is kept).";
            case NOT_FOUND:
                return "check the names in the configuration (databases, catalog id).";
            default:
                return "see " + RunLogFile.describe() + " for details.";
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException
                        || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

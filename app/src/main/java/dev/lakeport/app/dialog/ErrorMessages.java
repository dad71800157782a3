package dev.lakeport.app.dialog;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.config.ConfigException;
import dev.lakeport.config.ConfigProblem;
import dev.lakeport.connector.ConnectorException;
import dev.lakeport.filter.FilterSyntaxException;
import dev.lakeport.mapping.InvalidMappingException;
import dev.lakeport.plan.DeleteConfirmationException;
import dev.lakeport.snapshot.SnapshotException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Turns an exception into a {@link UserMessage}: what happened in the user's words, a hint for what to do, and the
 * exception itself for "Show details". Credentials never appear: they are {@code Secret} values that print as a mask.
 */
public final class ErrorMessages {
    private final Messages messages;

    public ErrorMessages(Messages messages) {
        this.messages = requireNonNull(messages, "messages is null");
    }

    /** @param action what the user was doing, e.g. "Test connection" (the dialog's title) */
    public UserMessage describe(String action, Throwable error) {
        Throwable e = unwrap(error);
        Optional<Throwable> details = Optional.of(error);
        if (e instanceof ConfigException ce) {
            String problems =
                    ce.problems().stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
            return new UserMessage(action, problems, messages.get("error.config.hint"), details);
        }
        if (e instanceof FilterSyntaxException || e instanceof InvalidMappingException) {
            return new UserMessage(action, e.getMessage(), messages.get("error.input.hint"), details);
        }
        if (e instanceof DeleteConfirmationException) {
            return new UserMessage(action, e.getMessage(), messages.get("error.deletes.hint"), details);
        }
        if (e instanceof SnapshotException && !(e instanceof dev.lakeport.snapshot.DiskFullException)) {
            return new UserMessage(action, e.getMessage(), messages.get("error.project.hint"), details);
        }
        if (e instanceof ConnectorException ce) {
            return new UserMessage(
                    action,
                    ce.summary(),
                    messages.get("error.connector." + ce.code().name()),
                    details);
        }
        if (e instanceof dev.lakeport.snapshot.DiskFullException) {
            return new UserMessage(action, e.getMessage(), messages.get("error.diskFull.hint"), details);
        }
        if (e instanceof dev.lakeport.launch.EndpointUnreachableException) {
            // a server the user named (a Livy URL) that cannot be reached is the setting's or the network's fault
            return new UserMessage(action, e.getMessage(), messages.get("error.endpoint.hint"), details);
        }
        if (e instanceof dev.lakeport.launch.JobException) {
            return new UserMessage(action, e.getMessage(), messages.get("error.job.hint"), details);
        }
        if (e instanceof dev.lakeport.pipeline.IncompleteSnapshotException) {
            return new UserMessage(action, e.getMessage(), messages.get("error.incomplete.hint"), details);
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException) {
            return new UserMessage(action, String.valueOf(e.getMessage()), messages.get("error.io.hint"), details);
        }
        if (e instanceof IllegalArgumentException) {
            return new UserMessage(action, String.valueOf(e.getMessage()), messages.get("error.input.hint"), details);
        }
        return new UserMessage(
                action, messages.get("error.internal", e.toString()), messages.get("error.internal.hint"), details);
    }

    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

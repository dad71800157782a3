package dev.lakeport.app.pages.run;

import static java.util.Objects.requireNonNull;

import dev.lakeport.app.i18n.Messages;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.apply.ResultListener;
import dev.lakeport.pipeline.ApplyOutcome;
import dev.lakeport.pipeline.ApplyRequest;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;

/** Runs the plan from this computer, through the engine of the open project: right for small and medium catalogs. */
public final class DirectRunTarget implements RunTarget {
    private final ProjectSession session;

    public DirectRunTarget(ProjectSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    @Override
    public String displayName(Messages messages) {
        return messages.get("run.target.direct");
    }

    @Override
    public ApplyOutcome apply(
            long diffRunId,
            ApplyRequest request,
            ResultListener results,
            ProgressListener progress,
            CancellationToken cancel) {
        return session.migration().apply(diffRunId, request, progress, cancel, results);
    }
}

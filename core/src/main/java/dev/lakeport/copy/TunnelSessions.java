package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.Odps;
import com.aliyun.odps.rest.RestClient;
import com.aliyun.odps.tunnel.Configuration;
import com.aliyun.odps.tunnel.TableTunnel;
import com.aliyun.odps.tunnel.TableTunnel.UploadSession;
import com.aliyun.odps.tunnel.TableTunnel.UploadStatus;
import com.aliyun.odps.tunnel.TunnelException;
import com.aliyun.odps.tunnel.io.TunnelRetryHandler;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.util.Collection;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of an upload: opens one overwrite session per partition (so a re-run replaces the partition's
 * rows instead of adding to them) and commits it with the blocks the executors reported. Session creation is paced
 * within the Tunnel's limits; transient failures are retried. A commit whose answer was lost is never sent again
 * blindly: the session's status is read first, and a session already closed counts as committed.
 */
public final class TunnelSessions {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelSessions.class);

    private final TableTunnel tunnel;
    private final TunnelPacer pacer;
    private final RetryPolicy<Object> retry;

    public TunnelSessions(TableTunnel tunnel, TunnelPacer pacer, RetryPolicy<Object> retry) {
        this.tunnel = requireNonNull(tunnel, "tunnel is null");
        this.pacer = requireNonNull(pacer, "pacer is null");
        this.retry = requireNonNull(retry, "retry is null");
    }

    /**
     * A Tunnel client whose own retries are off: every retry is this package's, so a commit is only ever repeated
     * after its session's status has been read. The SDK still waits out a throttled (429) session creation or
     * commit by itself, whatever its policy says (a throttled call was not applied, so that is safe); those waits
     * are logged.
     */
    public static TableTunnel tunnel(Odps odps) {
        return tunnel(odps, new RestClient.RetryLogger() {
            @Override
            public void onRetryLog(Throwable e, long retryCount, long sleepMillis) {
                LOG.warn("the Tunnel throttled a call, attempt {} in {} ms: {}", retryCount, sleepMillis, reason(e));
            }
        });
    }

    /** As {@link #tunnel(Odps)}, telling {@code retries} of each wait the SDK makes on its own. */
    public static TableTunnel tunnel(Odps odps, RestClient.RetryLogger retries) {
        TunnelRetryHandler.RetryPolicy none = new TunnelRetryHandler.RetryPolicy() {
            @Override
            public boolean shouldRetry(Exception e, int attempt) {
                return false;
            }

            @Override
            public long getRetryWaitTime(int attempt) {
                return 0;
            }
        };
        Configuration configuration = Configuration.builder(odps)
                .withRetryPolicy(none)
                .withRetryLogger(retries)
                .build();
        // The HTTP client's own re-sends too: one would repeat a commit whose answer was lost.
        configuration.setSocketRetryTimes(0);
        return new TableTunnel(odps, configuration);
    }

    /** Opens an overwrite session on {@code target}, waiting for the table's turn. */
    public UploadHandle open(TunnelTarget target) {
        pacer.acquire(target);
        try {
            UploadSession session = Failsafe.with(retry).get(() -> create(tunnel, target));
            return new UploadHandle(target, session.getId());
        } catch (RuntimeException e) {
            pacer.release(target);
            throw new CopyException("could not open an upload session on " + target + ": " + reason(e), e);
        }
    }

    /**
     * Commits the session with exactly these blocks: the rows become visible and replace what the partition held.
     * Gives the session's turn back whether or not the commit succeeds.
     */
    public void commit(UploadHandle handle, Collection<BlockResult> blocks) {
        TreeSet<Long> ids = new TreeSet<>();
        blocks.forEach(b -> {
            if (!ids.add(b.blockId())) {
                throw new CopyException("block " + b.blockId() + " of " + handle.target() + " was reported twice");
            }
        });
        Long[] blockIds = ids.toArray(Long[]::new);
        try {
            Failsafe.with(retry).run(context -> {
                UploadSession session = attach(tunnel, handle);
                if (!context.isFirstAttempt() && committed(handle, session)) {
                    return;
                }
                try {
                    session.commit(blockIds);
                } catch (TunnelException | IOException | RuntimeException e) {
                    // The answer may be lost or refused although the commit was applied: the status tells.
                    if (committed(handle, attach(tunnel, handle))) {
                        return;
                    }
                    throw e;
                }
            });
        } catch (RuntimeException e) {
            throw new CopyException(
                    "could not commit the upload session " + handle.sessionId() + " of " + handle.target() + ": "
                            + reason(e),
                    e);
        } finally {
            pacer.release(handle.target());
        }
    }

    /** Gives up a session without committing: nothing it received becomes visible. */
    public void abandon(UploadHandle handle) {
        pacer.release(handle.target());
    }

    /**
     * Whether an earlier commit of this session was applied. Only this session's commit can close it; a session
     * still being committed is a transient failure, so the next attempt looks again; any other state than open is
     * refused rather than committed again.
     */
    private static boolean committed(UploadHandle handle, UploadSession session) throws TunnelException, IOException {
        UploadStatus status = session.getStatus();
        if (status == UploadStatus.CLOSED) {
            LOG.info(
                    "{}: a commit of session {} failed or lost its answer, but the session is committed",
                    handle.target(),
                    handle.sessionId());
            return true;
        }
        if (status == UploadStatus.COMMITTING || status == UploadStatus.CLOSING) {
            throw new IOException("session " + handle.sessionId() + " of " + handle.target() + " is " + status);
        }
        if (status != UploadStatus.NORMAL) {
            throw new CopyException("session " + handle.sessionId() + " of " + handle.target() + " is " + status
                    + " after a failed commit; not committing it again");
        }
        return false;
    }

    /**
     * An overwrite session on {@code target}. The SDK's schema-aware calls are used whether or not there is a schema:
     * they address {@code /projects/p/schemas/s/tables/t}, or {@code /projects/p/tables/t} for a null schema (the
     * calls without a schema would use the client's current schema instead). The SDK takes a table without
     * partitions only through the calls without a spec.
     */
    private static UploadSession create(TableTunnel tunnel, TunnelTarget target) throws TunnelException {
        return target.isPartition()
                ? tunnel.createUploadSession(target.project(), target.schema(), target.table(), target.spec(), true)
                : tunnel.createUploadSession(target.project(), target.schema(), target.table(), true);
    }

    static UploadSession attach(TableTunnel tunnel, UploadHandle handle) throws TunnelException {
        TunnelTarget target = handle.target();
        return target.isPartition()
                ? tunnel.getUploadSession(
                        target.project(), target.schema(), target.table(), target.spec(), handle.sessionId())
                : tunnel.getUploadSession(target.project(), target.schema(), target.table(), handle.sessionId());
    }

    static String reason(Throwable e) {
        Throwable cause = e instanceof FailsafeException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}

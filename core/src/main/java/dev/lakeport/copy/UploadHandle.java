package dev.lakeport.copy;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * An open overwrite upload session: what the driver hands to the executors so each can write its blocks into the
 * same session ({@link BlockWriter}), and what it commits afterwards ({@link TunnelSessions#commit}).
 */
public record UploadHandle(TunnelTarget target, String sessionId) implements Serializable {
    public UploadHandle {
        requireNonNull(target, "target is null");
        requireNonNull(sessionId, "sessionId is null");
    }
}

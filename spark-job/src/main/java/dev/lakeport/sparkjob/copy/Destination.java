package dev.lakeport.sparkjob.copy;

import static java.util.Objects.requireNonNull;

import com.aliyun.odps.Odps;
import com.aliyun.odps.tunnel.TableTunnel;
import dev.lakeport.config.MigrationConfig;
import dev.lakeport.config.MigrationConfigLoader;
import dev.lakeport.connector.CatalogConnection;
import dev.lakeport.copy.TunnelSessions;
import dev.lakeport.secret.Secret;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The way to MaxCompute for the driver and every executor: the run's settings and credentials, carried inside the
 * tasks (never in a file or a Spark setting of their own), from which each JVM opens the destination's connection once
 * per run and keeps its SDK client and Tunnel. {@link #toString()} names no secret.
 */
final class Destination implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final int KEEP = 4;
    private static final Map<String, Open> BY_CONTEXT = new LinkedHashMap<>(8, 0.75f, true);

    private final String contextId = UUID.randomUUID().toString();
    private final TreeMap<String, String> settings;
    private final TreeMap<String, String> secrets;

    /** @param settings without credentials; @param secrets the credentials by configuration key */
    Destination(Map<String, String> settings, Map<String, Secret> secrets) {
        this.settings = new TreeMap<>(requireNonNull(settings, "settings is null"));
        this.secrets = new TreeMap<>();
        secrets.forEach((k, v) -> this.secrets.put(k, v.reveal()));
    }

    /** The configuration, credentials included, built in this JVM. */
    MigrationConfig config() {
        Map<String, String> all = new TreeMap<>(settings);
        all.putAll(secrets);
        return MigrationConfigLoader.fromMap(all, "job settings").config();
    }

    Map<String, String> settings() {
        return Collections.unmodifiableMap(settings);
    }

    /** This JVM's client of the destination, opened on first use. */
    Odps odps() {
        return open().odps;
    }

    /** This JVM's Tunnel client (its own retries off: a commit is repeated only after its status was read). */
    TableTunnel tunnel() {
        return open().tunnel;
    }

    private Open open() {
        Open evicted = null;
        Open open;
        synchronized (BY_CONTEXT) {
            open = BY_CONTEXT.get(contextId);
            if (open == null) {
                open = Open.of(config());
                BY_CONTEXT.put(contextId, open);
                if (BY_CONTEXT.size() > KEEP) {
                    Iterator<Open> eldest = BY_CONTEXT.values().iterator();
                    evicted = eldest.next();
                    eldest.remove();
                }
            }
        }
        if (evicted != null) {
            evicted.close();
        }
        return open;
    }

    /** Closes this JVM's connection of the run (the driver, at the end). */
    void release() {
        Open open;
        synchronized (BY_CONTEXT) {
            open = BY_CONTEXT.remove(contextId);
        }
        if (open != null) {
            open.close();
        }
    }

    private record Open(CatalogConnection connection, Odps odps, TableTunnel tunnel) {
        static Open of(MigrationConfig config) {
            MigrationConfig.Side destination = config.destination();
            CatalogConnection connection = destination.connector().open(destination.settings(), config.callSettings());
            Odps odps = connection.client(Odps.class).orElse(null);
            if (odps == null) {
                close(connection);
                throw new IllegalArgumentException(
                        "the copy writes into MaxCompute only; this project's destination is "
                                + destination.describe());
            }
            return new Open(connection, odps, TunnelSessions.tunnel(odps));
        }

        void close() {
            close(connection);
        }

        private static void close(CatalogConnection connection) {
            try {
                connection.close();
            } catch (Exception e) {
                // nothing to keep: the SDK holds no connection between calls
            }
        }
    }

    @Override
    public String toString() {
        return "Destination[settings=" + settings.keySet() + ", credentials=" + secrets.keySet() + " (masked)]";
    }
}

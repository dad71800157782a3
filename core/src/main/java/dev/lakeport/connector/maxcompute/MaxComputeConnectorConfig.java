package dev.lakeport.connector.maxcompute;

import static java.util.Objects.requireNonNull;

import dev.lakeport.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How to reach MaxCompute and where databases go: the API endpoint (and optionally the Tunnel's), an AccessKey, the
 * default destination project, the mapping of source databases to projects or {@code project.schema} namespaces, the
 * project SQL jobs run in, and the lifecycle given to created tables. The secret is a {@link Secret}: it never prints.
 */
public record MaxComputeConnectorConfig(
        URI endpoint,
        Optional<URI> tunnelEndpoint,
        String accessKeyId,
        Secret accessKeySecret,
        String defaultProject,
        Map<String, Namespace> mapping,
        String jobsProject,
        OptionalInt lifecycle,
        Duration callTimeout,
        Duration retryDeadline) {

    public MaxComputeConnectorConfig {
        requireNonNull(endpoint, "endpoint is null");
        tunnelEndpoint = tunnelEndpoint == null ? Optional.empty() : tunnelEndpoint;
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(accessKeySecret, "accessKeySecret is null");
        requireNonNull(defaultProject, "defaultProject is null");
        mapping = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        requireNonNull(jobsProject, "jobsProject is null");
        lifecycle = lifecycle == null ? OptionalInt.empty() : lifecycle;
        requireNonNull(callTimeout, "callTimeout is null");
        requireNonNull(retryDeadline, "retryDeadline is null");
    }

    /** The projects this connection reads: the default one, then every mapping target's, each once. */
    public List<String> projects() {
        Set<String> projects = new LinkedHashSet<>();
        projects.add(defaultProject);
        mapping.values().forEach(n -> projects.add(n.project()));
        return List.copyOf(projects);
    }

    /** The API endpoint's host (and port), for messages. */
    public String host() {
        return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }

    @Override
    public String toString() {
        return "MaxComputeConnectorConfig[endpoint=" + endpoint + ", tunnelEndpoint=" + tunnelEndpoint
                + ", accessKeyId=" + Secret.MASK + ", accessKeySecret=" + Secret.MASK + ", defaultProject="
                + defaultProject + ", mapping=" + mapping + ", jobsProject=" + jobsProject + ", lifecycle=" + lifecycle
                + "]";
    }
}

package dev.lakeport.launch;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * A server the user named (a Livy URL, a cluster's endpoint) could not be reached: refused, unknown host, timed out.
 * The user's setting or network is at fault, not Lakeport; nothing was submitted.
 */
public final class EndpointUnreachableException extends JobException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final URI endpoint;

    public EndpointUnreachableException(String service, URI endpoint, String reason, Throwable cause) {
        super(
                requireNonNull(service, "service is null") + " at " + requireNonNull(endpoint, "endpoint is null")
                        + " is unreachable: " + reason,
                cause);
        this.service = service;
        this.endpoint = endpoint;
    }

    /** What was being reached, e.g. "Livy". */
    public String service() {
        return service;
    }

    public URI endpoint() {
        return endpoint;
    }
}

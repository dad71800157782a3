package dev.lakeport.connector.hive;

import static java.util.Objects.requireNonNull;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;

/**
 * A small pool of Thrift connections to the metastore. A connection is opened on the first URI that answers, in the
 * configured order, starting with the one that answered last; a connection whose transport failed is closed rather
 * than returned, so the next call opens a fresh one (on another URI if this one is down). Calls that fail with the
 * metastore's own exceptions keep their connection.
 *
 * <p>SASL (Kerberos) needs Hadoop's security libraries on the client, which this connector does not carry; a
 * configuration that asks for it is refused when connecting, with a message saying so.
 */
final class HiveClientPool implements AutoCloseable {
    /** Large enough for a batch of 1,000 wide partitions; Thrift's default is 100 MB. */
    private static final int MAX_MESSAGE_SIZE = Integer.MAX_VALUE;

    @FunctionalInterface
    interface ThriftCall<T> {
        T call(ThriftHiveMetastore.Iface client) throws TException;
    }

    private record Connection(ThriftHiveMetastore.Iface client, TTransport transport, URI uri) {}

    private final HiveConnectorConfig config;
    private final UnaryOperator<ThriftHiveMetastore.Iface> decorator;
    private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
    private final Semaphore permits;
    private volatile int preferred;
    private volatile boolean closed;

    HiveClientPool(HiveConnectorConfig config, UnaryOperator<ThriftHiveMetastore.Iface> decorator) {
        this.config = requireNonNull(config, "config is null");
        this.decorator = requireNonNull(decorator, "decorator is null");
        this.permits = new Semaphore(config.poolSize(), true);
    }

    /** Runs one call on a pooled connection, mapping every failure to a {@link ConnectorException}. */
    <T> T call(String operation, String object, ThriftCall<T> call) {
        if (closed) {
            throw new ConnectorException(ErrorCode.INTERNAL, "the Hive connector is closed");
        }
        acquire(operation, object);
        try {
            Connection connection = idle.pollFirst();
            if (connection == null) {
                connection = open(operation, object);
            }
            boolean keep = false;
            try {
                T result = call.call(connection.client());
                keep = true;
                return result;
            } catch (TTransportException e) {
                throw HiveErrors.map(operation, object, connection.uri().toString(), e);
            } catch (TException e) {
                keep = !(e instanceof org.apache.thrift.TApplicationException)
                        && !(e instanceof org.apache.thrift.protocol.TProtocolException);
                throw HiveErrors.map(operation, object, connection.uri().toString(), e);
            } catch (RuntimeException e) {
                throw HiveErrors.map(operation, object, connection.uri().toString(), e);
            } finally {
                if (keep && !closed) {
                    idle.offerFirst(connection);
                } else {
                    connection.transport().close();
                }
            }
        } finally {
            permits.release();
        }
    }

    private void acquire(String operation, String object) {
        try {
            if (!permits.tryAcquire(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConnectorException(
                        ErrorCode.TIMEOUT,
                        "Hive " + operation + " " + object + ": all " + config.poolSize()
                                + " metastore connections (hive.poolSize) stayed busy for " + config.callTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ErrorCode.INTERNAL, "interrupted while waiting for a metastore connection");
        }
    }

    /** Opens a connection on the first URI that answers, starting with the one that answered last. */
    private Connection open(String operation, String object) {
        if (config.sasl()) {
            throw new ConnectorException(
                    ErrorCode.INVALID_INPUT,
                    null,
                    "hive.metastore.sasl.enabled=true: connecting to a Kerberos-secured metastore (principal "
                            + config.principal().orElse("?") + ") is not supported yet, since SASL/GSSAPI needs"
                            + " Hadoop's security libraries on the client; use a metastore endpoint without SASL"
                            + " (hive.metastore.sasl.enabled=false)",
                    null);
        }
        List<URI> uris = config.uris();
        List<String> failures = new ArrayList<>();
        TTransportException last = null;
        int start = preferred;
        for (int i = 0; i < uris.size(); i++) {
            int index = (start + i) % uris.size();
            URI uri = uris.get(index);
            TTransport transport = null;
            try {
                TConfiguration tconf =
                        new TConfiguration(MAX_MESSAGE_SIZE, MAX_MESSAGE_SIZE, TConfiguration.DEFAULT_RECURSION_DEPTH);
                transport = new TSocket(
                        tconf,
                        uri.getHost(),
                        uri.getPort() < 0 ? HiveConnectorConfig.DEFAULT_PORT : uri.getPort(),
                        (int) config.callTimeout().toMillis(),
                        (int) config.connectTimeout().toMillis());
                if (config.framed()) {
                    transport = new TFramedTransport(transport, MAX_MESSAGE_SIZE);
                }
                transport.open();
                preferred = index;
                ThriftHiveMetastore.Iface client = new ThriftHiveMetastore.Client(new TBinaryProtocol(transport));
                return new Connection(decorator.apply(client), transport, uri);
            } catch (TTransportException e) {
                if (transport != null) {
                    transport.close();
                }
                last = e;
                failures.add(uri + " (" + rootMessage(e) + ")");
            }
        }
        String object2 = object == null || object.isEmpty() ? "" : " " + object;
        ErrorCode code = HiveErrors.hasCause(last, java.net.SocketTimeoutException.class)
                ? ErrorCode.TIMEOUT
                : ErrorCode.NETWORK;
        throw new ConnectorException(
                code,
                last == null ? null : last.getClass().getSimpleName(),
                "Hive " + operation + object2 + " failed: cannot connect to the metastore at "
                        + String.join(", ", failures) + " (hive.metastore.uris)",
                last);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            c.transport().close();
        }
    }
}

package dev.lakeport.connector.hive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.connector.ConnectorException;
import dev.lakeport.connector.ErrorCode;
import java.net.SocketTimeoutException;
import org.apache.hadoop.hive.metastore.api.AlreadyExistsException;
import org.apache.hadoop.hive.metastore.api.InvalidObjectException;
import org.apache.hadoop.hive.metastore.api.InvalidOperationException;
import org.apache.hadoop.hive.metastore.api.MetaException;
import org.apache.hadoop.hive.metastore.api.NoSuchObjectException;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;

class HiveErrorsTest {
    private static final String URI = "thrift://hms.example.com:9083";

    @Test
    void theMetastoresExceptionsBecomeErrorCodes() {
        assertThat(map(new AlreadyExistsException("Table sales.orders already exists")))
                .isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(map(new NoSuchObjectException("sales.orders table not found")))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(map(new InvalidObjectException("Invalid skew column [region]")))
                .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(map(new InvalidOperationException("table sales.orders doesn't exist")))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(map(new InvalidOperationException("Database sales is not empty")))
                .isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(map(new MetaException("Can not drop default database"))).isEqualTo(ErrorCode.REMOTE_REJECTED);
        assertThat(map(new MetaException("A deadlock was detected"))).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(map(new TTransportException(new SocketTimeoutException("Read timed out"))))
                .isEqualTo(ErrorCode.TIMEOUT);
        assertThat(map(new TTransportException("Socket is closed by peer."))).isEqualTo(ErrorCode.NETWORK);
        assertThat(map(new TApplicationException(TApplicationException.UNKNOWN_METHOD, "Invalid method name")))
                .isEqualTo(ErrorCode.REMOTE_REJECTED);
    }

    @Test
    void messagesNameTheCallTheObjectAndTheMetastore() {
        ConnectorException e = HiveErrors.map(
                "get_table_req", "sales.orders", URI, new NoSuchObjectException("hive.sales.orders table not found"));

        assertThat(e.getMessage())
                .isEqualTo("Hive get_table_req sales.orders at " + URI
                        + " failed: NoSuchObjectException: hive.sales.orders table not found");
        assertThat(e.vendorCode()).contains("NoSuchObjectException");
        assertThat(HiveErrors.map("get_all_databases", "", URI, new TTransportException("Socket is closed by peer."))
                        .getMessage())
                .contains("connection to " + URI + " failed")
                .contains("Socket is closed by peer.");
        assertThat(HiveErrors.map("get_all_databases", "", URI, new MetaException())
                        .getMessage())
                .endsWith("MetaException: (no message)");
    }

    private static ErrorCode map(Exception e) {
        return HiveErrors.map("call", "object", URI, e).code();
    }
}

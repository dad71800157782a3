package dev.lakeport.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakeport.connector.maxcompute.Namespace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class TunnelTargetTest {
    @Test
    void aTargetInASchemaIsNamedWithItsSchemaAndATwoLayerTargetWithout() {
        TunnelTarget inSchema = TunnelTarget.inDatabase("layered.sales", "orders", List.of("ds"), List.of("1"));
        TunnelTarget twoLayer = new TunnelTarget("p1", "orders", List.of("ds"), List.of("1"));

        assertThat(inSchema.schemaName()).contains("sales");
        assertThat(inSchema.database()).isEqualTo("layered.sales");
        assertThat(inSchema.qualifiedTable()).isEqualTo("layered.sales.orders");
        assertThat(inSchema).hasToString("layered.sales.orders partition ds=1");
        assertThat(twoLayer.schema()).isNull();
        assertThat(twoLayer.database()).isEqualTo("p1");
        assertThat(twoLayer.qualifiedTable()).isEqualTo("p1.orders");
        assertThat(TunnelTarget.tableInDatabase("p1", "totals")).hasToString("p1.totals");
        assertThat(TunnelTarget.tableInDatabase("p1", "totals")).isEqualTo(TunnelTarget.table("p1", "totals"));
        assertThat(new TunnelTarget("p1", "", "t", List.of(), List.of()).schemaName())
                .isEmpty();
    }

    @Test
    void aDatabaseNameIsReadAsTheMaxComputeConnectorReadsIt() {
        for (String database : List.of("proj_a", "Proj_A.Finance", " p1.s1 ", "p.default", "a".repeat(128))) {
            Namespace namespace = Namespace.parse(database);
            TunnelTarget target = TunnelTarget.tableInDatabase(database, "t");
            assertThat(target.project()).as(database).isEqualTo(namespace.project());
            assertThat(target.schemaName()).as(database).isEqualTo(namespace.schema());
            assertThat(target.database()).as(database).isEqualTo(namespace.toString());
        }
        for (String bad : List.of("a.b.c", "1proj", "proj.", ".schema", "proj.sch-ema", "", "a".repeat(129))) {
            String expected = catchMessage(() -> Namespace.parse(bad));
            assertThatThrownBy(() -> TunnelTarget.tableInDatabase(bad, "t"))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(expected);
        }
    }

    @Test
    void aTargetInASchemaSurvivesTheTripToAnExecutor() throws Exception {
        UploadHandle handle = new UploadHandle(
                TunnelTarget.inDatabase("layered.sales", "orders", List.of("ds", "hh"), List.of("1", "02")), "U1");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(handle);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(handle);
        }
    }

    @Test
    void keysAndValuesThatDoNotPairAreRefusedNamingTheTable() {
        assertThatThrownBy(() -> TunnelTarget.inDatabase("layered.sales", "orders", List.of("ds"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layered.sales.orders");
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a refusal");
    }
}

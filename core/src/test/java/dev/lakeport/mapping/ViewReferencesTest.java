package dev.lakeport.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakeport.model.Table;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ViewReferencesTest {

    @Test
    void tablesAfterFromAndJoinQualifiedWithTheViewsDatabaseWhenBare() {
        assertThat(ViewReferences.tables(
                        "select a.x from orders a join `crm`.`Customers` c on a.id = c.id"
                                + " left outer join \"finance\".invoices i on true, lateral view explode(a.y) t as z",
                        "Sales"))
                .containsExactly("crm.customers", "finance.invoices", "sales.orders");
    }

    @Test
    void commonTableExpressionsSubqueriesAndTableFunctionsAreNotTables() {
        assertThat(ViewReferences.tables(
                        "WITH recent AS (SELECT * FROM db.orders), big AS (SELECT * FROM recent)"
                                + " SELECT * FROM big JOIN (SELECT 1 FROM db.dim) d ON true"
                                + " CROSS JOIN unnest(sequence(1, 3)) /* from db.commented */ -- join db.gone",
                        "db"))
                .containsExactly("db.dim", "db.orders");
    }

    @Test
    void anAthenaViewIsReadFromItsPrestoComment() {
        String json = "{\"originalSql\":\"SELECT * FROM \\\"web\\\".\\\"clicks\\\"\",\"catalog\":\"awsdatacatalog\"}";
        String original =
                "/* Presto View: " + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)) + " */";
        Table view = Table.builder("sales", "v")
                .tableType("VIRTUAL_VIEW")
                .viewOriginalText(original)
                .viewExpandedText("/* Presto View */")
                .build();

        assertThat(ViewReferences.tables(view)).containsExactly("web.clicks");
    }
}

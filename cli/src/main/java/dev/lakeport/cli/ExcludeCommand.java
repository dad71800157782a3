package dev.lakeport.cli;

import dev.lakeport.diff.DiffRunInfo;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.mapping.ExclusionRules;
import dev.lakeport.pipeline.Migration;
import dev.lakeport.progress.CancellationToken;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Adds, removes and lists the project's exclusion rules. */
@Command(
        name = "exclude",
        mixinStandardHelpOptions = true,
        description = {
            "Leave a database, a table or a partition out of the migration, as a rule stored in the project:"
                    + " every later diff records what it covers as excluded, and apply, verify and submit leave it"
                    + " alone.",
            "  exclude add sales            a database with everything in it",
            "  exclude add sales.orders     a table with its partitions",
            "  exclude add sales.orders --value 20240101 --value cn   one partition, by its values in key order",
            "  exclude remove sales.orders  exclude list"
        })
final class ExcludeCommand extends StepCommand {
    enum Action {
        add,
        remove,
        list
    }

    @Parameters(index = "0", paramLabel = "add|remove|list", description = "What to do: ${COMPLETION-CANDIDATES}.")
    Action action;

    @Parameters(
            index = "1",
            arity = "0..1",
            paramLabel = "ITEM",
            description = "DATABASE or DATABASE.TABLE (for add and remove).")
    String item;

    @Option(
            names = "--value",
            paramLabel = "VALUE",
            description = "A partition value, in partition-key order; repeat for each key. Makes ITEM's table a"
                    + " partition rule.")
    List<String> values = List.of();

    @Override
    int run(Migration migration, CancellationToken cancel) {
        if (action == Action.list) {
            if (item != null || !values.isEmpty()) {
                throw new IllegalArgumentException("exclude list takes no ITEM and no --value; nothing was changed");
            }
            list(migration.exclusions().rules());
            return ExitCode.OK;
        }
        ExclusionRule rule = rule();
        Optional<Long> latestDiff =
                migration.diffs().runs().stream().findFirst().map(DiffRunInfo::runId);
        if (action == Action.add) {
            boolean added = migration.exclude(rule, latestDiff);
            out().printf(
                            added
                                    ? "Excluded %s: every later diff records it as excluded; apply, verify and submit leave"
                                            + " it alone.%n"
                                    : "%s was already excluded.%n",
                            rule.describe());
        } else {
            boolean removed = migration.removeExclusion(rule, latestDiff);
            out().printf(
                            removed
                                    ? "%s is no longer excluded; run diff to see its differences.%n"
                                    : "No rule excludes %s.%n",
                            rule.describe());
        }
        list(migration.exclusions().rules());
        return ExitCode.OK;
    }

    private ExclusionRule rule() {
        if (item == null || item.isBlank()) {
            throw new IllegalArgumentException("exclude " + action + " needs an ITEM: DATABASE or DATABASE.TABLE");
        }
        String trimmed = item.trim();
        int dot = trimmed.indexOf('.');
        if (dot == 0 || dot == trimmed.length() - 1) {
            throw new IllegalArgumentException(
                    "ITEM '" + item + "': write DATABASE or DATABASE.TABLE, e.g. sales.orders; nothing was changed");
        }
        if (dot < 0) {
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("--value " + String.join(",", values)
                        + ": a partition rule needs DATABASE.TABLE, not the database '" + trimmed
                        + "'; nothing was changed");
            }
            return ExclusionRule.database(trimmed);
        }
        String database = trimmed.substring(0, dot);
        String table = trimmed.substring(dot + 1);
        return values.isEmpty()
                ? ExclusionRule.table(database, table)
                : ExclusionRule.partition(database, table, values);
    }

    private void list(ExclusionRules rules) {
        if (rules.isEmpty()) {
            out().println("No exclusion rules: everything in scope is migrated.");
        } else {
            out().printf("Exclusion rules (%d):%n", rules.size());
            rules.rules().forEach(r -> out().println("  " + r.describe()));
        }
        out().flush();
    }
}

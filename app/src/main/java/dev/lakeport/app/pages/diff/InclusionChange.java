package dev.lakeport.app.pages.diff;

import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.diff.DiffGroup;
import dev.lakeport.diff.DiffQuery;
import dev.lakeport.diff.DiffStore;
import dev.lakeport.mapping.ExclusionRule;
import dev.lakeport.model.ObjectKey;
import dev.lakeport.pipeline.ExclusionStore;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What including or excluding a row of the Diff tree changed, worked out off the FX thread: the project's exclusion
 * rules are added or removed, the run's entries under the row are marked, and the counts of the row's groups and of
 * the whole run are read again. When a wider rule excludes the row, nothing changes and that rule is named.
 */
record InclusionChange(
        int changed,
        Map<DiffTreeNode, DiffGroup> groups,
        long included,
        List<ExclusionRule> rules,
        Optional<ExclusionRule> blockedBy) {

    /** Excludes the subtree under {@code key} in run {@code runId}, or includes it again; {@code groups} are read anew. */
    static InclusionChange apply(
            ProjectSession session,
            long runId,
            ObjectKey key,
            boolean include,
            Optional<DiffQuery> q,
            List<DiffTreeNode> groups) {
        DiffStore diffs = session.diffs();
        ExclusionStore store = session.exclusions();
        ExclusionRule rule = new ExclusionRule(key);
        Optional<ExclusionRule> wider = store.rules().rules().stream()
                .filter(r -> !r.equals(rule) && r.covers(key))
                .findFirst();
        if (include && wider.isPresent()) {
            return new InclusionChange(0, Map.of(), 0, List.of(), wider);
        }
        int changed;
        if (include) {
            for (ExclusionRule r : store.rules().rules()) {
                if (rule.covers(r.target())) {
                    store.remove(r);
                }
            }
            changed = diffs.setSubtreeIncluded(runId, key, true);
        } else {
            store.add(rule);
            changed = diffs.setSubtreeIncluded(runId, key, false);
        }
        Map<DiffTreeNode, DiffGroup> fresh = new IdentityHashMap<>();
        if (q.isPresent()) {
            for (DiffTreeNode g : groups) {
                group(diffs, runId, q.get(), g).ifPresent(d -> fresh.put(g, d));
            }
        }
        long included = diffs.count(runId, DiffQuery.all().includedOnly());
        return new InclusionChange(changed, fresh, included, store.rules().rules(), Optional.empty());
    }

    private static Optional<DiffGroup> group(DiffStore diffs, long runId, DiffQuery q, DiffTreeNode node) {
        ObjectKey key = node.key().orElseThrow();
        return node.type() == DiffTreeNode.Type.DATABASE
                ? diffs.databaseGroups(runId, q.withDatabase(key.database())).stream()
                        .findFirst()
                : diffs.tableGroups(runId, q.withTable(key.database(), key.requireName()), 0, 1).stream()
                        .findFirst();
    }
}

package dev.lakeport.app.pages.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakeport.app.session.CredentialStore;
import dev.lakeport.app.session.ProjectSession;
import dev.lakeport.app.session.SampleEnvironment;
import dev.lakeport.diff.DiffRun;
import dev.lakeport.emulator.dlf.DlfStore;
import dev.lakeport.emulator.glue.GlueStore;
import dev.lakeport.progress.CancellationToken;
import dev.lakeport.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample project on its emulators, opened in a session without a window, for view-model tests; and the changes
 * to the sample's catalogs that the Run and Reports tests need.
 */
public final class TestingSampleProject implements AutoCloseable {
    /** A table DLF refuses: its names allow letters, digits and '_' only. Sorts first in its database. */
    public static final String BAD_TABLE = "a-bad-table";

    private static final ObjectMapper JSON = new ObjectMapper();

    public final SampleEnvironment sample = new SampleEnvironment();
    public final ProjectSession session = new ProjectSession(CredentialStore.MEMORY);

    public TestingSampleProject(Path folder, int partitions) {
        SampleEnvironment.Sample s = sample.start(folder, partitions);
        session.attach(session.read(s.projectFile(), s.settings(), true));
    }

    public GlueStore glue() {
        return sample.glue().orElseThrow().store();
    }

    public DlfStore dlf() {
        return sample.dlf().orElseThrow().store();
    }

    /** Reads both catalogs and diffs, as the Load and Diff steps would, and makes the diff the one to apply. */
    public DiffRun loadAndDiff() {
        var migration = session.migration();
        migration.loadBoth(ProgressListener.NONE, ProgressListener.NONE, CancellationToken.NONE);
        DiffRun run = migration.diff(List.of(), ProgressListener.NONE, CancellationToken.NONE);
        session.latestDiffRunProperty().set(run.runId());
        return run;
    }

    /** Adds, to the source's first database, a copy of one of its tables under a name DLF refuses. */
    public String addTableDlfRefuses() {
        return addTableDlfRefuses(glue());
    }

    public static String addTableDlfRefuses(GlueStore glue) {
        String database = glue.databaseNames().stream().sorted().findFirst().orElseThrow();
        String someTable =
                glue.tableNames(database).stream().sorted().findFirst().orElseThrow();
        ObjectNode copy = glue.getTable(database, someTable).orElseThrow();
        copy.put("Name", BAD_TABLE);
        glue.putTable(database, copy);
        return database;
    }

    /** Databases that exist only in the destination: what deletions would remove. */
    public static void addDatabasesOnlyInDestination(DlfStore dlf, String... names) {
        for (String name : names) {
            ObjectNode db = JSON.createObjectNode();
            db.put("Name", name);
            db.put("Description", "left over from an earlier migration");
            db.put("LocationUri", "oss://legacy-bucket/" + name);
            dlf.putDatabase(db);
        }
    }

    @Override
    public void close() {
        session.close();
        sample.close();
    }
}

-- What a task's verification found for each partition it copied (or for a whole table without partitions: an empty
-- partition name): an independent count at the source, the rows the writer wrote, COUNT(*) at the destination, and
-- why they disagree when they do. A later verification of the same task replaces its rows.
CREATE TABLE job_task_count (
    task_id          BIGINT NOT NULL REFERENCES job_task (task_id) ON DELETE CASCADE,
    partition_name   VARCHAR NOT NULL,
    table_name       VARCHAR NOT NULL,
    source_rows      BIGINT,
    written_rows     BIGINT,
    destination_rows BIGINT,
    mismatch         VARCHAR,
    checked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (task_id, partition_name)
);

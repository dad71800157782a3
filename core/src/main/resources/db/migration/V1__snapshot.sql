-- The snapshot of the source and destination catalogs. Side: 0 = SOURCE, 1 = DESTINATION.

-- One row per side: the current load (its generation), where it came from, and whether it finished.
CREATE TABLE snapshot_load (
    side TINYINT PRIMARY KEY,
    generation BIGINT NOT NULL,
    connector VARCHAR(64) NOT NULL,
    endpoint VARCHAR(2048) NOT NULL,
    catalog_id VARCHAR(512),
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at TIMESTAMP WITH TIME ZONE,
    complete BOOLEAN NOT NULL,
    mapping_id VARCHAR(1024)
);

-- Databases, tables and functions, ordered by ObjectKey.sortKey() (Java String order; see SnapshotStore).
-- A table's partitions live in snapshot_partition under its table_id; a new table_id is allocated each time the
-- partitions are replaced, so that the old set stays readable until the new one is complete.
CREATE TABLE snapshot_object (
    side TINYINT NOT NULL,
    sort_key VARCHAR NOT NULL,
    kind TINYINT NOT NULL,
    db_name VARCHAR NOT NULL,
    obj_name VARCHAR,
    fingerprint BIGINT NOT NULL,
    generation BIGINT NOT NULL,
    body VARBINARY NOT NULL,
    table_id BIGINT,
    partition_template VARBINARY,
    partition_generation BIGINT,
    partition_count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (side, sort_key)
);

CREATE UNIQUE INDEX snapshot_object_table_id ON snapshot_object (table_id);

-- Partitions, packed in chunks of up to 256 consecutive keys (see PartitionChunk). A key is the partition values
-- joined by U+0001; within a table its order is the ObjectKey order. A chunk is found by the first last_key >= key.
-- run_no 0 holds a table's partitions; runs 1..n are sorted runs of a load in progress, merged into run 0 at its end.
CREATE TABLE snapshot_chunk (
    table_id BIGINT NOT NULL,
    run_no INT NOT NULL,
    last_key VARCHAR NOT NULL,
    entries INT NOT NULL,
    body VARBINARY NOT NULL,
    PRIMARY KEY (table_id, run_no, last_key)
);

-- Partition sets no table points at any more (replaced, or left by an interrupted load): deleted in batches.
CREATE TABLE snapshot_garbage (
    table_id BIGINT PRIMARY KEY
);

CREATE SEQUENCE snapshot_table_id START WITH 1;

-- The user's exclusion rules: a database, a table or a partition that every later diff records as excluded and no
-- run touches. Keys are stored as their parts (as in diff_entry) plus ObjectKey.sortKey() to keep them unique.
CREATE TABLE exclusion_rule (
    sort_key         VARCHAR NOT NULL PRIMARY KEY,
    item_type        VARCHAR(16) NOT NULL,
    database_name    VARCHAR NOT NULL,
    object_name      VARCHAR,
    partition_values VARCHAR,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The scope each side was last loaded with (JSON, see LoadedScope): a later, wider scope needs a new load.
CREATE TABLE load_scope (
    side       TINYINT PRIMARY KEY,
    scope_json CLOB NOT NULL
);

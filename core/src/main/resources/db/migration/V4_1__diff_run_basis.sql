-- What a diff run was computed from: the mapping's id and a stamp of each side's snapshot load. An apply refuses a
-- run whose basis is no longer the project's (the configuration changed, or a side was loaded again since).
-- Versioned 4.1 so that it orders after V3 whatever else is added beside it.
ALTER TABLE diff_run ADD COLUMN mapping_id VARCHAR(1024);
ALTER TABLE diff_run ADD COLUMN source_load VARCHAR(256);
ALTER TABLE diff_run ADD COLUMN destination_load VARCHAR(256);

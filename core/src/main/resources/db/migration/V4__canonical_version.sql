-- The version of the canonical form (CanonicalForm.VERSION) a side's fingerprints were computed with. NULL: version
-- 1, whose text depended on the JVM; such fingerprints are recomputed when the snapshot is opened.
ALTER TABLE snapshot_load ADD COLUMN canonical_version INT;

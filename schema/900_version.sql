-- 900_version.sql: the schema version, applied last.  Raise it (and
-- SDB_SCHEMA_VERSION in store/db.h) whenever a table or a column changes.
-- An index may change without it: a database made with the former index
-- gives the same answers (only slower), and keeps that index when it is
-- rebuilt.  (Version 2 added entry to claim_by_source, so that the
-- reconciler reads a source's first row of a code without sorting.)
PRAGMA user_version = 2;

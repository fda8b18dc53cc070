-- 900_version.sql: the schema version, applied last.  Raise it (and
-- SDB_SCHEMA_VERSION in store/db.h) whenever a table or a column changes.
-- An index may change without it: a database made with the former index
-- gives the same answers (only slower), and keeps that index when it is
-- rebuilt.  (Version 2 changed claim_by_source and source_issue_by_code
-- so that the reconciler reads them in order, without sorting.)
PRAGMA user_version = 2;

-- 900_version.sql: the schema version, applied last.  Raise it (and
-- SDB_SCHEMA_VERSION in store/db.h) whenever a schema file changes.
PRAGMA user_version = 2;

/*
 * db.c - opening the database and SQLite's errors (see db.h).
 */
#include "db.h"
#include "../common/util.h"

#include <stdio.h>
#include <string.h>

extern const char sdb_schema_sql[];	/* schema/ *.sql, embedded by make */

static const char *db_name(sqlite3 *db)
{
	const char *f = sqlite3_db_filename(db, "main");

	return f && *f ? f : "database";
}

int sdb_db_error(sqlite3 *db, struct sdb_error *err, const char *what)
{
	int rc = sqlite3_errcode(db);
	const char *hint = "";

	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		hint = " (another statusdb holds the database; try again)";
	else if (rc == SQLITE_READONLY)
		hint = " (the database is read-only here)";
	else if (rc == SQLITE_FULL)
		hint = " (the disk is full)";
	else if (rc == SQLITE_NOMEM)
		hint = " (out of memory)";
	sdb_error_at_pos(err, db_name(db), 0, 0, "%s: %s%s", what,
			 sqlite3_errmsg(db), hint);
	return -1;
}

int sdb_db_corrupt(sqlite3 *db, struct sdb_error *err, const char *what)
{
	sdb_error_at_pos(err, db_name(db), 0, 0,
			 "the database holds what statusdb never writes (%s): "
			 "was it changed by another program? rebuild it with "
			 "'statusdb build'", what);
	return -1;
}

int sdb_db_exec(sqlite3 *db, const char *sql, struct sdb_error *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sdb_db_error(db, err, "cannot run SQL");
	return 0;
}

int sdb_db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st,
		   struct sdb_error *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	*st = NULL;
	return sdb_db_error(db, err, "cannot read the database");
}

int sdb_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC)
		 : sqlite3_bind_null(st, i);
}

const char *sdb_col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

char *sdb_col_dup(sqlite3_stmt *st, int i)
{
	const char *s = sdb_col(st, i);

	return s ? sdb_xstrdup(s) : NULL;
}

int sdb_db_step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* PRAGMA user_version, and whether the file holds any table at all. */
static int inspect(sqlite3 *db, int *version, int *tables)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*version = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return -1;
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1,
			       &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*tables = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* The tables every statusdb database has, checked on opening. */
static int has_tables(sqlite3 *db)
{
	static const char *const names[] = {
		"source", "claim", "value", "canonical", "finding", NULL
	};
	sqlite3_stmt *st;
	int i, n = 0;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE"
			       " type = 'table' AND name = ?1", -1, &st, NULL)
	    != SQLITE_OK)
		return 0;
	for (i = 0; names[i]; i++) {
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n += sqlite3_column_int(st, 0) == 1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return n == i;
}

/*
 * statusdb runs one thread: SQLite need not lock a mutex on every call,
 * nor count every allocation.  Set before SQLite starts; once it has
 * started (a caller opened a database first), sqlite3_config() refuses
 * and SQLite keeps its defaults, which are as correct, only slower.
 */
void sdb_db_configure(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int sdb_db_open(sqlite3 **out, const char *path, enum sdb_db_mode mode,
		struct sdb_error *err)
{
	sqlite3 *db = NULL;
	int version, tables, flags;

	*out = NULL;
	sdb_db_configure();
	flags = mode == SDB_DB_READ ? SQLITE_OPEN_READONLY
		: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db, flags, NULL) !=
	    SQLITE_OK) {
		sdb_error_at_pos(err, path, 0, 0, "cannot open the database: %s%s",
				 db ? sqlite3_errmsg(db) : "out of memory",
				 mode == SDB_DB_READ ?
				 " (import sources first with 'statusdb build', "
				 "or name one with --db or STATUSDB_DB)" :
				 " (does its folder exist? name another with "
				 "--db or STATUSDB_DB)");
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_extended_result_codes(db, 0);
	if (inspect(db, &version, &tables)) {
		sdb_error_at_pos(err, path, 0, 0,
				 "not a statusdb database: %s", sqlite3_errmsg(db));
		goto fail;
	}
	if (version == 0 && tables == 0 && mode == SDB_DB_WRITE) {
		/* new or empty: create everything in one transaction */
		if (sdb_db_exec(db, "BEGIN IMMEDIATE", err))
			goto fail;
		if (inspect(db, &version, &tables) == 0 && version == 0 &&
		    tables == 0 &&
		    sqlite3_exec(db, sdb_schema_sql, NULL, NULL, NULL) != SQLITE_OK) {
			sdb_db_error(db, err, "cannot create the schema");
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
		if (sdb_db_exec(db, "COMMIT", err) ||
		    inspect(db, &version, &tables))
			goto fail;
	}
	if (version == 0 || !has_tables(db)) {
		sdb_error_at_pos(err, path, 0, 0, "not a statusdb database%s",
			tables ? " (it holds other tables; statusdb leaves it "
				 "alone)" : " (it is empty: import sources "
				 "first with 'statusdb build' or 'statusdb "
				 "import')");
		goto fail;
	}
	if (version != SDB_SCHEMA_VERSION) {
		sdb_error_at_pos(err, path, 0, 0,
			"database schema version %d, but this statusdb uses %d: "
			"remove the file and run 'statusdb build' again",
			version, SDB_SCHEMA_VERSION);
		goto fail;
	}
	/*
	 * Foreign keys are not enforced: store.c inserts a source's rows
	 * after the source, in the same transaction, and deletes them with
	 * it, so each check would only cost a lookup per row (7% of a large
	 * import).  tests/t19 checks PRAGMA foreign_key_check after
	 * replacing sources.
	 */
	if (mode == SDB_DB_WRITE &&
	    sdb_db_exec(db, "PRAGMA foreign_keys = OFF;"
			" PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY",
			err))
		goto fail;
	*out = db;
	return 0;
fail:
	sqlite3_close(db);
	return -1;
}

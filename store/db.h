/*
 * db.h - the SQLite database: opening it with the schema, storing an
 * importer's claims, transactions.
 */
#ifndef SDB_DB_H
#define SDB_DB_H

#include "../common/buf.h"
#include "../importers/importer.h"

#include <sqlite3.h>

/* The schema version the embedded schema/ files set (PRAGMA user_version). */
#define SDB_SCHEMA_VERSION 2

/* The default database. */
#define SDB_DEFAULT_DB "build/status.db"

/* What the manifest (or the command line) says of a source. */
struct sdb_source_meta {
	const char *name;
	const char *format;
	const char *kind;	/* registry, specification, spec-index, community */
	int rank;
	const char *origin;	/* may be NULL */
};

/* How sdb_db_open() opens: to write (creating the file if absent), or
 * only one that exists, as the commands that read do. */
enum sdb_db_mode { SDB_DB_READ, SDB_DB_CREATE };

/*
 * Opens the database at path (with its tables, created if absent) and
 * registers statusdb's SQL functions.  Returns 0, or -1 with err filled;
 * *db is then NULL.  The caller closes *db with sqlite3_close().
 */
int sdb_db_open(sqlite3 **db, const char *path, enum sdb_db_mode mode,
		struct sdb_error *err);

/* Runs sql (no parameters, no rows).  Returns 0 or -1 with err filled. */
int sdb_db_exec(sqlite3 *db, const char *sql, struct sdb_error *err);

/*
 * Replaces the source's claims with c, inside the caller's transaction,
 * through prepared statements.  Returns 0 or -1 with err filled.
 */
int sdb_db_store(sqlite3 *db, const struct sdb_source_meta *meta,
		 const struct sdb_input *in, const struct sdb_claims *c,
		 struct sdb_error *err);

/* Fills err from the database's last error, with context. Returns -1. */
int sdb_db_error(sqlite3 *db, struct sdb_error *err, const char *what);

/* The key two names share when they differ only in case, spacing, hyphens
 * or punctuation: lowercase letters and digits.  Also SQL statusdb_key(). */
void sdb_name_key(struct sdb_buf *b, const char *name);

#endif

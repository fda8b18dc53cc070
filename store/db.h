/*
 * db.h - the SQLite database: opening it (read-only for the commands
 * that read, refusing files that are not statusdb's), running SQL, and
 * turning SQLite's errors into struct sdb_error.
 *
 * Storing what importers read is store.h's; the tables are in schema/.
 */
#ifndef SDB_DB_H
#define SDB_DB_H

#include "../common/buf.h"
#include "../common/error.h"

#include <sqlite3.h>

/* The schema version the embedded schema/ files set (PRAGMA user_version). */
#define SDB_SCHEMA_VERSION 2

/*
 * How sdb_db_open() opens a database:
 *   SDB_DB_READ    read-only; the file must exist and be a statusdb
 *                  database of this schema version.  Nothing is written.
 *   SDB_DB_WRITE   read-write; a missing or empty file gets the schema;
 *                  a database that is not statusdb's is refused, never
 *                  changed.
 */
enum sdb_db_mode { SDB_DB_READ, SDB_DB_WRITE };

/*
 * Tells SQLite that one thread uses it (no mutexes, no allocation
 * counts).  Must come before SQLite's first use to take effect: the
 * command line calls it first thing; sdb_db_open() calls it too.
 */
void sdb_db_configure(void);

/*
 * Opens the database at path.  Returns 0, or -1 with err filled (file:
 * message, with what to do); *db is then NULL.  The caller closes *db
 * with sqlite3_close().
 */
int sdb_db_open(sqlite3 **db, const char *path, enum sdb_db_mode mode,
		struct sdb_error *err);

/* Runs sql (no parameters, no rows).  Returns 0 or -1 with err filled. */
int sdb_db_exec(sqlite3 *db, const char *sql, struct sdb_error *err);

/* Prepares sql.  Returns 0 or -1 with err filled. */
int sdb_db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st,
		   struct sdb_error *err);

/* Fills err from the database's last error, with context. Returns -1. */
int sdb_db_error(sqlite3 *db, struct sdb_error *err, const char *what);

/*
 * Fills err for data read back from the database that statusdb never
 * writes (a code out of range, a field it does not know): the file was
 * changed by something else.  Returns -1.
 */
int sdb_db_corrupt(sqlite3 *db, struct sdb_error *err, const char *what);

/* Binds s, or NULL when s is NULL.  Returns an SQLite result code. */
int sdb_bind_text(sqlite3_stmt *st, int i, const char *s);

/* Column i as text, or NULL for SQL NULL; valid until the next step. */
const char *sdb_col(sqlite3_stmt *st, int i);

/* Column i as a copy the caller frees, or NULL for SQL NULL. */
char *sdb_col_dup(sqlite3_stmt *st, int i);

/* Runs st, which returns no row, then resets it and clears its bindings
 * for the next use.  Returns 0, or -1 when the step failed. */
int sdb_db_step_done(sqlite3_stmt *st);

#endif

/*
 * store.h - what importers read, into the database: one transaction per
 * command (SQLite's own .import habit: prepare once, bind and step per
 * row).
 *
 *   sdb_store_begin()    BEGIN IMMEDIATE; for a rebuild, every source out
 *   sdb_store_source()   one source: replaces what it stored before
 *   sdb_store_finish()   series votes, value counts, then the reconciler
 *                        on the codes the command touched; COMMIT
 *
 * Any failure rolls the whole command back (sdb_store_release() without
 * a finish does too): nothing is half-written.
 *
 * Besides the claims, storing keeps what the reconciler needs to work
 * only on what changed: the distinct values (names, documents cited) with
 * their counts, which sources list which codes (listing), and each
 * source's disagreements with itself (source_issue).
 */
#ifndef SDB_STORE_H
#define SDB_STORE_H

#include "db.h"
#include "../importers/importer.h"

/* What the manifest (or the command line) says of a source. */
struct sdb_source_meta {
	const char *name;	/* "iana@2025-09-15" makes a version of "iana" */
	const char *format;
	const char *kind;	/* registry, specification, spec-index,
				   community, documents */
	int rank;
	const char *origin;	/* may be NULL */
};

struct sdb_store;

/*
 * Starts a command's transaction on db (opened SDB_DB_WRITE).  rebuild:
 * the command's sources will be the only ones (statusdb build).  Returns
 * a store, or NULL with err filled.
 */
struct sdb_store *sdb_store_begin(sqlite3 *db, int rebuild,
				  struct sdb_error *err);

/* What sdb_store_source() returns when the input, not the database, is
 * at fault. */
#define SDB_STORE_EINPUT (-2)

/*
 * Stores one source read from in.  Returns 0; SDB_STORE_EINPUT with err
 * filled for a source name that is not valid (SERIES@VERSION wants a
 * date), a version that disagrees with the file's own, or a kind that
 * does not fit; -1 with err filled on a database error.
 */
int sdb_store_source(struct sdb_store *s, const struct sdb_source_meta *meta,
		     const struct sdb_input *in, const struct sdb_claims *c,
		     struct sdb_error *err);

/* Settles and commits.  Returns 0 or -1 with err filled (rolled back). */
int sdb_store_finish(struct sdb_store *s, struct sdb_error *err);

/* Frees s; rolls back when sdb_store_finish() did not commit. */
void sdb_store_release(struct sdb_store *s);

/*
 * Checks a source name: not empty, no control characters, at most 200
 * bytes, and SERIES@VERSION with VERSION a date (YYYY-MM-DD).  Returns 0,
 * or -1 with why (static text).
 */
int sdb_source_name_check(const char *name, const char **why);

/* 1 when kind is one of the kinds a source can have. */
int sdb_kind_valid(const char *kind);

#endif

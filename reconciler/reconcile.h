/*
 * reconcile.h - from claims to one canonical record per code.
 *
 * sdb_reconcile() rebuilds the canonical_* tables (schema/002_reconcile.sql)
 * from every claim in the database, by the policy described in README.md
 * ("How the canonical value is chosen"), recording for each canonical field
 * the claim it came from and the rule that chose it.  It runs inside the
 * caller's transaction, after every import.
 */
#ifndef SDB_RECONCILE_H
#define SDB_RECONCILE_H

#include "../importers/importer.h"

#include <sqlite3.h>

/* Returns 0, or -1 with err filled. */
int sdb_reconcile(sqlite3 *db, struct sdb_error *err);

#endif

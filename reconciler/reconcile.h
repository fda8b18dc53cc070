/*
 * reconcile.h - from claims to classified values, conflicts and one
 * canonical record per code.
 *
 * sdb_reconcile() brings the reconciler's tables (schema/002_reconcile.sql)
 * up to date for the codes an import touched, by the policy in
 * reconciler/policy.c, then gives out the C identifiers of every code
 * (reconciler/identifiers.c).  It runs inside the caller's transaction.
 * Its work grows with the codes touched and the values and top-ranked
 * sources of each, not with the number of sources or claims stored.
 */
#ifndef SDB_RECONCILE_H
#define SDB_RECONCILE_H

#include "../common/error.h"

#include <sqlite3.h>

/*
 * touched: 600 flags indexed by code (those from 100 to 599 count), or
 * NULL for every code.  Returns 0, or -1 with err filled.
 */
int sdb_reconcile(sqlite3 *db, const unsigned char *touched,
		  struct sdb_error *err);

/*
 * Gives every canonical code and alias its C identifier (canonical.ident,
 * canonical_alias.ident, the identifier table) and reports collisions as
 * findings of kind 'identifier'.  Returns 0, or -1 with err filled.
 */
int sdb_identifiers(sqlite3 *db, struct sdb_error *err);

#endif

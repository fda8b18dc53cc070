/*
 * issues.h - a source's disagreements with itself, found as it is stored:
 * links whose label and URL name different documents (or sections), and
 * codes listed twice with different names or descriptions.  They go to
 * the source_issue table (schema/001_claims.sql).
 */
#ifndef SDB_STORE_ISSUES_H
#define SDB_STORE_ISSUES_H

#include "../importers/importer.h"

#include <sqlite3.h>

/*
 * Finds the issues of source, whose claims are c (ids[i] is claim i's
 * id), and inserts each with insert, a prepared "INSERT INTO
 * source_issue (source, code, field, kind, value, claim)".  Returns 0,
 * or -1 when an insert failed.
 */
int sdb_find_issues(sqlite3_stmt *insert, const char *source,
		    const struct sdb_claims *c, const sqlite3_int64 *ids);

#endif

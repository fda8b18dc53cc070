/*
 * lineage.h - which document replaced which, from the document indexes
 * imported (doc_claim: "RFC 9110 obsoletes RFC 7231", "RFC 7238 obsoleted
 * by RFC 7538"), and their dates.  Nothing about HTTP is known here: a
 * newer index brings newer relations.
 *
 * Both directions the index states count: D is obsoleted by E when E's
 * entry says it obsoletes D, or D's says it is obsoleted by E.  Answers
 * are read on demand and cached, so a reconciliation that asks about a
 * handful of documents reads a handful of rows.
 */
#ifndef SDB_LINEAGE_H
#define SDB_LINEAGE_H

#include "../common/error.h"

#include <sqlite3.h>

struct sdb_lineage;

/* Returns a lineage reading db, or NULL with err filled. */
struct sdb_lineage *sdb_lineage_new(sqlite3 *db, struct sdb_error *err);
void sdb_lineage_free(struct sdb_lineage *l);

/*
 * When later obsoletes doc, directly or through a chain (D obsoleted by
 * E, E by F, ... by later): the document that obsoleted doc on that chain
 * (E), else NULL.  Borrowed; valid until sdb_lineage_free().  -1 in *rc
 * on a database error (err filled), else 0.
 */
const char *sdb_lineage_successor(struct sdb_lineage *l, const char *doc,
				  const char *later, int *rc,
				  struct sdb_error *err);

/* The document's date ("2022-06"), or NULL when no index dates it. */
const char *sdb_lineage_date(struct sdb_lineage *l, const char *doc, int *rc,
			     struct sdb_error *err);

#endif

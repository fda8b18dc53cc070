/*
 * csv.c - http_status.csv: the records of http_status.json as RFC 4180
 * CSV, sorted by code, CRLF line endings, a header row:
 *
 *   code,name,class,description,references,aliases,status,sources
 *
 * references are "RFC 7231, Section 6.5.11" (or the document alone), in
 * the reconciler's order; aliases, status and sources are sorted; each
 * list is joined with "; ".  A missing name or description is an empty
 * field.  A field holding '"', ',', CR or LF is quoted, its quotes
 * doubled.  Values are written exactly as stored: nothing is prefixed to
 * defuse spreadsheet formulas, since the file is data for programs.
 */
#include "exporter.h"
#include "../store/db.h"

#include <string.h>

#define NCOLS 8

static const char rows_sql[] =
	"SELECT c.code, c.name, c.class, c.description,"
	" (SELECT group_concat(ref, '; ') FROM"
	"   (SELECT " SDB_EXPORT_REFERENCE_SQL " AS ref"
	"    FROM canonical_reference r WHERE r.code = c.code"
	"    ORDER BY r.ord)),"
	" (SELECT group_concat(alias, '; ') FROM"
	"   (SELECT alias FROM canonical_alias WHERE code = c.code"
	"    ORDER BY alias)),"
	" (SELECT group_concat(status, '; ') FROM"
	"   (SELECT status FROM canonical_status WHERE code = c.code"
	"    ORDER BY status)),"
	" (SELECT group_concat(source, '; ') FROM"
	"   (SELECT coalesce(s.series, s.name) AS source FROM listing l"
	"    JOIN source s ON s.name = l.source WHERE l.code = c.code"
	"    AND l.votes = 1 ORDER BY 1))"
	" FROM canonical c ORDER BY c.code";

static const char header[] =
	"code,name,class,description,references,aliases,status,sources\r\n";

static void add_field(struct sdb_buf *out, const char *s, size_t n)
{
	size_t i;

	if (!s)
		return;
	if (!memchr(s, '"', n) && !memchr(s, ',', n) && !memchr(s, '\r', n) &&
	    !memchr(s, '\n', n)) {
		sdb_buf_add(out, s, n);
		return;
	}
	sdb_buf_addch(out, '"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			sdb_buf_addch(out, '"');
		sdb_buf_addch(out, s[i]);
	}
	sdb_buf_addch(out, '"');
}

int sdb_export_csv(sqlite3 *db, struct sdb_buf *out, struct sdb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, i, ret = 0;

	if (sqlite3_prepare_v2(db, rows_sql, -1, &st, NULL) != SQLITE_OK) {
		ret = sdb_db_error(db, err,
				   "cannot read the canonical records");
		goto out;
	}
	sdb_buf_adds(out, header);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < NCOLS; i++) {
			if (i)
				sdb_buf_addch(out, ',');
			add_field(out, (const char *)sqlite3_column_text(st, i),
				  (size_t)sqlite3_column_bytes(st, i));
		}
		sdb_buf_adds(out, "\r\n");
	}
	if (rc != SQLITE_DONE) {
		ret = sdb_db_error(db, err,
				   "cannot read the canonical records");
		goto out;
	}
out:
	sqlite3_finalize(st);
	return ret;
}

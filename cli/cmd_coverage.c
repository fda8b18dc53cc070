/*
 * cmd_coverage.c - "statusdb coverage": which codes each list gives and
 * lacks (a registry series counts as one list, its newest version), the
 * codes no registry-like source lists, and those the registry leaves
 * unassigned.
 *
 * Each list's codes come from the listing table by source; what it lacks
 * is the canonical codes it does not list: one merge of two sorted lists
 * per source, no scan of the claims.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../common/util.h"
#include "../store/db.h"

#include <string.h>

static const char sources_sql[] =
	"SELECT name, coalesce(series, name), kind, rank, version FROM source"
	" WHERE votes = 1 AND kind <> 'documents' ORDER BY rank DESC, name";

static const char listed_sql[] =
	"SELECT code FROM listing WHERE source = ?1 ORDER BY code";

static const char unofficial_sql[] =
	"SELECT k.code, k.name, k.registered, (SELECT group_concat(source, ' ')"
	" FROM (SELECT source FROM listing WHERE code = k.code AND votes = 1"
	" ORDER BY source)) FROM canonical k"
	" WHERE NOT k.official OR k.registered = 0 ORDER BY k.code";

/* The codes with a canonical record, sorted. */
static int canonical_codes(sqlite3 *db, int **v, size_t *n, struct sdb_error *e)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int step;

	*v = NULL;
	*n = 0;
	if (sdb_db_prepare(db, "SELECT code FROM canonical ORDER BY code", &st, e))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sdb_grow_array((void **)v, &alloc, *n + 1, sizeof(**v));
		(*v)[(*n)++] = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, e, "cannot read records");
}

int sdb_cmd_coverage(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const formats[] = { "text", "json", NULL };
	const char *dbpath = NULL, *format = "text";
	struct sdb_option opts[] = {
		{ "db", 0, SDB_OPT_STRING, "PATH", "the database", &dbpath, 0, 0, NULL },
		{ "format", 'f', SDB_OPT_CHOICE, "FORMAT", "the output", &format,
		  0, 0, formats },
		{ NULL, 0, 0, NULL, NULL, NULL, 0, 0, NULL }
	};
	sqlite3 *db;
	sqlite3_stmt *src = NULL, *lst = NULL, *st = NULL, *q = NULL;
	struct sdb_error e;
	struct sdb_buf lacks = SDB_BUF_INIT;
	int *codes = NULL, first, rc, step, json, n = 0;
	size_t ncodes;

	rc = sdb_parse_options(argc, argv, opts, "statusdb coverage [--db PATH] "
			       "[--format text|json]",
			       "Which codes each list gives and lacks (a registry "
			       "series counts as one\nlist), which codes no "
			       "registry-like source lists (unofficial), and which\n"
			       "the registry leaves unassigned.\n", 0, 0, &first,
			       out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	json = !strcmp(format, "json");
	if ((rc = sdb_cli_open(&db, dbpath, 0, err)))
		return rc;
	rc = SDB_EXIT_DB;
	if (canonical_codes(db, &codes, &ncodes, &e) ||
	    sdb_db_prepare(db, sources_sql, &src, &e) ||
	    sdb_db_prepare(db, listed_sql, &lst, &e) ||
	    sdb_db_prepare(db, "SELECT json_quote(?1)", &q, &e))
		goto fail;
	if (json)
		fputs("{\"sources\":[", out);
	else
		fprintf(out, "%-16s %-13s %5s %5s  %s\n", "list", "kind", "rank",
			"codes", "lacks");
	while ((step = sqlite3_step(src)) == SQLITE_ROW) {
		size_t k = 0;
		int listed = 0, lstep;

		sdb_buf_reset(&lacks);
		sqlite3_bind_text(lst, 1, sdb_col(src, 0), -1, SQLITE_TRANSIENT);
		while ((lstep = sqlite3_step(lst)) == SQLITE_ROW) {
			int c = sqlite3_column_int(lst, 0);

			for (; k < ncodes && codes[k] < c; k++)
				sdb_buf_addf(&lacks, "%s%d", lacks.len ? (json ? "," : " ")
					     : "", codes[k]);
			if (k < ncodes && codes[k] == c)
				k++;
			listed++;
		}
		sqlite3_reset(lst);
		if (lstep != SQLITE_DONE)
			goto db;
		for (; k < ncodes; k++)
			sdb_buf_addf(&lacks, "%s%d", lacks.len ? (json ? "," : " ") : "",
				     codes[k]);
		if (json) {
			/* names reach JSON through SQLite's json_quote() */
			sqlite3_bind_text(q, 1, sdb_col(src, 1), -1, SQLITE_TRANSIENT);
			if (sqlite3_step(q) != SQLITE_ROW)
				goto db;
			fprintf(out, "%s{\"source\":%s,", n++ ? "," : "", sdb_col(q, 0));
			sqlite3_reset(q);
			sqlite3_bind_text(q, 1, sdb_col(src, 2), -1, SQLITE_TRANSIENT);
			if (sqlite3_step(q) != SQLITE_ROW)
				goto db;
			fprintf(out, "\"kind\":%s,\"rank\":%d,\"codes\":%d,"
				"\"lacks\":[%s]}", sdb_col(q, 0),
				sqlite3_column_int(src, 3), listed, lacks.s);
			sqlite3_reset(q);
		} else {
			fprintf(out, "%-16s %-13s %5d %5d  %s\n",
				sdb_esc(sdb_col(src, 1)), sdb_esc(sdb_col(src, 2)),
				sqlite3_column_int(src, 3), listed,
				lacks.len ? lacks.s : "-");
		}
	}
	if (step != SQLITE_DONE)
		goto db;
	if (json) {
		if (sdb_db_prepare(db, "SELECT json_object("
			"'unofficial', (SELECT json_group_array(json(o)) FROM"
			" (SELECT json_object('code', k.code, 'name', k.name,"
			" 'sources', json((SELECT json_group_array(source) FROM"
			" (SELECT coalesce(s.series, s.name) AS source FROM listing l"
			" JOIN source s ON s.name = l.source WHERE l.code = k.code"
			" AND l.votes = 1 ORDER BY 1)))) AS o FROM canonical k"
			" WHERE NOT k.official ORDER BY k.code)),"
			"'unregistered', (SELECT json_group_array(code) FROM"
			" (SELECT code FROM canonical WHERE registered = 0"
			" ORDER BY code)))", &st, &e))
			goto fail;
		if (sqlite3_step(st) != SQLITE_ROW)
			goto db;
		/* splice the object's members after "sources" */
		fprintf(out, "],%s\n", sdb_col(st, 0) + 1);
	} else {
		if (sdb_db_prepare(db, unofficial_sql, &st, &e))
			goto fail;
		fputs("\ncodes no registry-like source lists, or the registry "
		      "leaves unassigned:\n", out);
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			fprintf(out, "  %d %-36s %s%s\n", sqlite3_column_int(st, 0),
				sdb_esc(sdb_col(st, 1)), sdb_esc(sdb_col(st, 3)),
				sqlite3_column_type(st, 2) != SQLITE_NULL &&
				!sqlite3_column_int(st, 2) ? " (unassigned)" : "");
		if (step != SQLITE_DONE)
			goto db;
	}
	rc = SDB_EXIT_OK;
	goto out;
db:
	sdb_db_error(db, &e, "cannot read the database");
fail:
	sdb_error_print(&e, err);
out:
	sqlite3_finalize(src);
	sqlite3_finalize(lst);
	sqlite3_finalize(st);
	sqlite3_finalize(q);
	sdb_buf_release(&lacks);
	free(codes);
	sqlite3_close(db);
	return rc;
}

/*
 * cmd_claims.c - "statusdb claims": claims with their provenance and the
 * class the reconciler gave their value.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../common/util.h"
#include "../store/db.h"

#include <string.h>

/*
 * The claims in order; column 0 is one JSON object per claim, built by
 * SQLite's json_object(), for --format json, and NULL for text (building
 * it for every row would double the time of a text listing).
 */
#define CLAIMS_SQL(json_column) \
	"SELECT " json_column "," \
	" s.file, c.line, c.\"column\", c.code, c.source, c.field, c.value," \
	" c.section, v.class" \
	" FROM claim c JOIN source s ON s.name = c.source" \
	" LEFT JOIN value v ON v.id = c.vid" \
	" WHERE (?1 IS NULL OR c.code = ?1)" \
	" AND (?2 IS NULL OR c.source = ?2 OR s.series = ?2)" \
	" ORDER BY c.code, c.source, c.field, c.entry, c.id"

static const char claims_json_sql[] = CLAIMS_SQL(
	"json_object('source', c.source, 'file', s.file, 'code', c.code,"
	" 'field', c.field, 'value', c.value, 'section', c.section,"
	" 'url', c.url, 'entry', c.entry, 'raw', c.raw, 'line', c.line,"
	" 'column', c.\"column\", 'end_line', c.end_line,"
	" 'end_column', c.end_column, 'class', v.class)");
static const char claims_text_sql[] = CLAIMS_SQL("NULL");

int sdb_cmd_claims(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const formats[] = { "text", "json", NULL };
	const char *dbpath = NULL, *format = "text", *source = NULL;
	int code = 0, first, rc, step, n = 0;
	struct sdb_option opts[] = {
		{ "db", 0, SDB_OPT_STRING, "PATH", "the database", &dbpath, 0, 0, NULL },
		{ "code", 'c', SDB_OPT_INT, "N", "only this code", &code, 100, 599, NULL },
		{ "source", 's', SDB_OPT_STRING, "NAME", "only this source (or "
		  "series)", &source, 0, 0, NULL },
		{ "format", 'f', SDB_OPT_CHOICE, "FORMAT", "the output",
		  &format, 0, 0, formats },
		{ NULL, 0, 0, NULL, NULL, NULL, 0, 0, NULL }
	};
	sqlite3 *db;
	sqlite3_stmt *st;
	struct sdb_error e;
	int json;

	rc = sdb_parse_options(argc, argv, opts, "statusdb claims [--db PATH] "
			       "[--code N] [--source NAME] [--format text|json]",
			       "Lists claims, ordered by code, source, field.  text: "
			       "one line each,\n\"file:line:column: code source field: "
			       "value [class]\"; json: an array of\nobjects with "
			       "source, file, code, field, value, section, url, entry,"
			       "\nraw, line, column, end_line, end_column, class.\n",
			       0, 0, &first, out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	json = !strcmp(format, "json");
	if ((rc = sdb_cli_open(&db, dbpath, 0, err)))
		return rc;
	if (sdb_db_prepare(db, json ? claims_json_sql : claims_text_sql, &st,
			   &e)) {
		sdb_error_print(&e, err);
		sqlite3_close(db);
		return SDB_EXIT_DB;
	}
	if (code)
		sqlite3_bind_int(st, 1, code);
	sdb_bind_text(st, 2, source);
	if (json)
		fputs("[", out);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (json) {
			fprintf(out, "%s\n  %s", n ? "," : "", sdb_col(st, 0));
		} else {
			const char *sec = sdb_col(st, 8), *cls = sdb_col(st, 9);

			fprintf(out, "%s:%d:%d: %d %s %s: %s%s%s%s%s%s\n",
				sdb_esc(sdb_col(st, 1)),
				sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
				sqlite3_column_int(st, 4), sdb_esc(sdb_col(st, 5)),
				sdb_esc(sdb_col(st, 6)), sdb_esc(sdb_col(st, 7)),
				sec ? ", section " : "", sec ? sdb_esc(sec) : "",
				cls ? " [" : "", cls ? sdb_esc(cls) : "",
				cls ? "]" : "");
		}
		n++;
	}
	if (json)
		fputs(n ? "\n]\n" : "]\n", out);
	sqlite3_finalize(st);
	rc = SDB_EXIT_OK;
	if (step != SQLITE_DONE) {
		sdb_db_error(db, &e, "cannot read claims");
		sdb_error_print(&e, err);
		rc = SDB_EXIT_DB;
	}
	sqlite3_close(db);
	return rc;
}

/*
 * cmd_claims.c - "statusdb claims": every claim with its provenance.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../store/db.h"
#include "../common/util.h"

#include <getopt.h>
#include <string.h>

/* One JSON object per claim, built by SQLite's json_object(). */
static const char claims_sql[] =
	"SELECT json_object('source', c.source, 'file', s.file, 'code', c.code,"
	" 'field', c.field, 'value', c.value, 'section', c.section,"
	" 'url', c.url, 'entry', c.entry, 'raw', c.raw, 'line', c.line,"
	" 'column', c.\"column\", 'end_line', c.end_line,"
	" 'end_column', c.end_column),"
	" s.file, c.line, c.\"column\", c.code, c.source, c.field, c.value,"
	" c.section"
	" FROM claim c JOIN source s ON s.name = c.source"
	" WHERE ?1 IS NULL OR c.code = ?1"
	" ORDER BY c.code, c.source, c.field, c.entry, c.id";

int sdb_cmd_claims(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "code", required_argument, NULL, 'c' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = SDB_DEFAULT_DB;
	int json = 0, code = 0, c, rc, n = 0;
	sqlite3 *db;
	sqlite3_stmt *st;
	struct sdb_error e;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+d:c:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'c':
			if (sdb_parse_int_arg(optarg, 100, 599, &code)) {
				fprintf(err, "statusdb claims: --code wants 100..599, "
					"not '%s'\n", optarg);
				return SDB_EXIT_USAGE;
			}
			break;
		case 'f':
			if (!strcmp(optarg, "json") || !strcmp(optarg, "text")) {
				json = !strcmp(optarg, "json");
				break;
			}
			fprintf(err, "statusdb claims: --format is text or json\n");
			return SDB_EXIT_USAGE;
		case 'h':
			fputs("usage: statusdb claims [--db PATH] [--code N] "
			      "[--format text|json]\n\n"
			      "Lists every claim, ordered by code, source, field.  "
			      "text: one line each,\n\"file:line:column: code source "
			      "field: value\"; json: an array of objects\nwith source, "
			      "file, code, field, value, section, url, entry, raw,\n"
			      "line, column, end_line, end_column.\n", out);
			return SDB_EXIT_OK;
		default:
			fprintf(err, "statusdb claims: bad option '%s'\n",
				argv[optind - 1]);
			return SDB_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(err, "statusdb claims: unexpected argument '%s'\n",
			argv[optind]);
		return SDB_EXIT_USAGE;
	}
	if (sdb_db_open(&db, dbpath, SDB_DB_READ, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_DB;
	}
	if (sqlite3_prepare_v2(db, claims_sql, -1, &st, NULL) != SQLITE_OK) {
		sdb_db_error(db, &e, "cannot read claims");
		sdb_error_print(&e, err);
		sqlite3_close(db);
		return SDB_EXIT_DB;
	}
	if (code)
		sqlite3_bind_int(st, 1, code);
	if (json)
		fputs("[", out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (json) {
			fprintf(out, "%s\n  %s", n ? "," : "",
				(const char *)sqlite3_column_text(st, 0));
		} else {
			const char *sec = (const char *)sqlite3_column_text(st, 8);

			fprintf(out, "%s:%d:%d: %d %s %s: %s%s%s\n",
				(const char *)sqlite3_column_text(st, 1),
				sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
				sqlite3_column_int(st, 4),
				(const char *)sqlite3_column_text(st, 5),
				(const char *)sqlite3_column_text(st, 6),
				(const char *)sqlite3_column_text(st, 7),
				sec ? ", section " : "", sec ? sec : "");
		}
		n++;
	}
	if (json)
		fputs(n ? "\n]\n" : "]\n", out);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sdb_db_error(db, &e, "cannot read claims");
		sdb_error_print(&e, err);
		sqlite3_close(db);
		return SDB_EXIT_DB;
	}
	sqlite3_close(db);
	return SDB_EXIT_OK;
}

/*
 * cmd_show.c - "statusdb show CODE": a code's canonical record, each field
 * with the rule that chose it and the claim it came from, every claim with
 * its class and why, and its findings.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../common/util.h"
#include "../store/db.h"

#include <string.h>

/* Where a claim stands: "source file:line:column". */
#define WHERE_SQL(c) "(SELECT x.source || ' ' || s.file || ':' || x.line ||" \
	" ':' || x.\"column\" FROM claim x JOIN source s ON s.name = x.source" \
	" WHERE x.id = " c ")"

/* The registry's unassigned range holding ?1, with where it stands. */
#define RANGE_SQL \
	"(SELECT g.first || '-' || g.last || ' ' || g.value || ' (' || g.source" \
	" || ' ' || s.file || ':' || g.line || ':' || g.\"column\" || ')'" \
	" FROM code_range g JOIN source s ON s.name = g.source" \
	" WHERE s.kind = 'registry' AND s.votes = 1 AND ?1 BETWEEN g.first" \
	" AND g.last ORDER BY s.rank DESC, s.name LIMIT 1)"

static const char record_sql[] =
	"SELECT k.code, k.name, k.class, k.name_rule, " WHERE_SQL("k.name_claim") ","
	" k.description, k.description_rule, " WHERE_SQL("k.description_claim") ","
	" CASE WHEN k.official THEN 'yes' ELSE 'no (no registry-like source "
	"lists it)' END,"
	" CASE k.registered WHEN 1 THEN 'yes' WHEN 0 THEN 'no: ' || " RANGE_SQL
	" ELSE 'unknown (no registry says)' END,"
	" (SELECT group_concat(source, ' ') FROM (SELECT source FROM listing"
	"  WHERE code = k.code AND votes = 1 ORDER BY source)), k.ident"
	" FROM canonical k WHERE k.code = ?1";

static const char list_sql[] =
	"SELECT 'reference', r.document || coalesce(', Section ' || r.section, '')"
	"  || coalesce(' <' || r.url || '>', '') || ' [' || r.rule || ']',"
	"  " WHERE_SQL("r.claim")
	" FROM canonical_reference r WHERE r.code = ?1"
	" UNION ALL SELECT 'alias', a.alias || ' (' || CASE WHEN a.until IS NULL"
	"  THEN 'the registry''s name now' ELSE coalesce(a.since, '?') ||"
	"  ' until ' || a.until || coalesce(', then ' || a.by, '') END || ')'"
	"  || coalesce(', identifier ' || a.ident, ''), " WHERE_SQL("a.claim")
	" FROM canonical_alias a WHERE a.code = ?1"
	" UNION ALL SELECT 'status', t.status, coalesce(" WHERE_SQL("t.claim") ","
	"  'no registry-like source lists the code')"
	" FROM canonical_status t WHERE t.code = ?1";

static const char claims_sql[] =
	"SELECT s.file, c.line, c.\"column\", c.source, c.field, c.value,"
	" c.section, v.class, v.why, s.votes"
	" FROM listing l JOIN claim c ON c.source = l.source AND c.code = l.code"
	" JOIN source s ON s.name = c.source LEFT JOIN value v ON v.id = c.vid"
	" WHERE l.code = ?1 ORDER BY s.votes DESC, c.source, c.entry, c.id";

static const char json_sql[] =
	"SELECT json_object('code', ?1,"
	" 'record', (SELECT json_object('name', k.name, 'class', k.class,"
	"  'description', k.description, 'official', json(CASE WHEN k.official"
	"  THEN 'true' ELSE 'false' END), 'registered', json(CASE k.registered"
	"  WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END),"
	"  'identifier', k.ident, 'name_rule', k.name_rule,"
	"  'references', json((SELECT json_group_array(json(o)) FROM (SELECT"
	"   json_object('document', r.document, 'section', r.section, 'url',"
	"   r.url, 'rule', r.rule) AS o FROM canonical_reference r"
	"   WHERE r.code = k.code ORDER BY r.ord))),"
	"  'aliases', json((SELECT json_group_array(json(o)) FROM (SELECT"
	"   json_object('name', a.alias, 'since', a.since, 'until', a.until,"
	"   'by', a.by, 'identifier', a.ident) AS o FROM canonical_alias a"
	"   WHERE a.code = k.code ORDER BY a.since, a.alias))),"
	"  'status', json((SELECT json_group_array(status) FROM (SELECT status"
	"   FROM canonical_status WHERE code = k.code ORDER BY status))))"
	"  FROM canonical k WHERE k.code = ?1),"
	" 'unassigned', " RANGE_SQL ","
	" 'claims', json((SELECT json_group_array(json(o)) FROM (SELECT"
	"  json_object('source', c.source, 'file', s.file, 'line', c.line,"
	"  'column', c.\"column\", 'field', c.field, 'value', c.value,"
	"  'section', c.section, 'class', v.class, 'since', v.since,"
	"  'until', v.until, 'by', v.by, 'why', v.why,"
	"  'votes', json(CASE WHEN s.votes THEN 'true' ELSE 'false' END)) AS o"
	"  FROM listing l JOIN claim c ON c.source = l.source AND c.code = l.code"
	"  JOIN source s ON s.name = c.source LEFT JOIN value v ON v.id = c.vid"
	"  WHERE l.code = ?1 ORDER BY s.votes DESC, c.source, c.entry, c.id))),"
	" 'findings', json((SELECT json_group_array(json(o)) FROM (SELECT"
	"  json_object('kind', kind, 'field', field, 'minor', json(CASE WHEN"
	"  minor THEN 'true' ELSE 'false' END), 'source', nullif(source, ''))"
	"  AS o FROM finding WHERE code = ?1 ORDER BY kind, field, source))))";

static int show_text(sqlite3 *db, int code, FILE *out, FILE *err, int *found)
{
	sqlite3_stmt *st = NULL;
	struct sdb_error e;
	int step, rc = -1;

	*found = 0;
	if (sdb_db_prepare(db, record_sql, &st, &e))
		goto fail;
	sqlite3_bind_int(st, 1, code);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		const char *name = sdb_col(st, 1);

		*found = 1;
		fprintf(out, "%d %s\n", code, name ? sdb_esc(name) : "(no name)");
		fprintf(out, "  class        %s\n", sdb_esc(sdb_col(st, 2)));
		if (name)
			fprintf(out, "  name         %s [%s] from %s\n", sdb_esc(name),
				sdb_esc(sdb_col(st, 3)), sdb_esc(sdb_col(st, 4)));
		if (sdb_col(st, 5))
			fprintf(out, "  description  %s [%s] from %s\n",
				sdb_esc(sdb_col(st, 5)), sdb_esc(sdb_col(st, 6)),
				sdb_esc(sdb_col(st, 7)));
		fprintf(out, "  official     %s\n  registered   %s\n"
			"  identifier   %s\n  sources      %s\n",
			sdb_esc(sdb_col(st, 8)), sdb_esc(sdb_col(st, 9)),
			sdb_esc(sdb_col(st, 11)), sdb_esc(sdb_col(st, 10)));
		step = sqlite3_step(st);
	} else if (step == SQLITE_DONE) {
		sqlite3_finalize(st);
		if (sdb_db_prepare(db, "SELECT " RANGE_SQL, &st, &e))
			goto fail;
		sqlite3_bind_int(st, 1, code);
		if ((step = sqlite3_step(st)) == SQLITE_ROW) {
			fprintf(err, "statusdb show: no source lists %d", code);
			if (sdb_col(st, 0))
				fprintf(err, "; the registry leaves it unassigned: %s",
					sdb_esc(sdb_col(st, 0)));
			fputc('\n', err);
			step = SQLITE_DONE;
		}
		sqlite3_finalize(st);
		st = NULL;
		if (step != SQLITE_DONE)
			goto db;
		return 0;
	}
	if (step != SQLITE_DONE)
		goto db;
	sqlite3_finalize(st);
	if (sdb_db_prepare(db, list_sql, &st, &e))
		goto fail;
	sqlite3_bind_int(st, 1, code);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out, "  %-12s %s (%s)\n", sdb_col(st, 0),
			sdb_esc(sdb_col(st, 1)), sdb_esc(sdb_col(st, 2)));
	if (step != SQLITE_DONE)
		goto db;
	sqlite3_finalize(st);
	fputs("\nclaims (class: why):\n", out);
	if (sdb_db_prepare(db, claims_sql, &st, &e))
		goto fail;
	sqlite3_bind_int(st, 1, code);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sec = sdb_col(st, 6), *cls = sdb_col(st, 7);

		fprintf(out, "  %s:%d:%d: %s %s: %s%s%s%s%s%s%s%s\n",
			sdb_esc(sdb_col(st, 0)), sqlite3_column_int(st, 1),
			sqlite3_column_int(st, 2), sdb_esc(sdb_col(st, 3)),
			sdb_esc(sdb_col(st, 4)), sdb_esc(sdb_col(st, 5)),
			sec ? ", section " : "", sec ? sdb_esc(sec) : "",
			cls ? " [" : "", cls ? sdb_esc(cls) : "",
			cls ? ": " : "", cls ? sdb_esc(sdb_col(st, 8)) : "",
			cls ? "]" : "");
	}
	if (step != SQLITE_DONE)
		goto db;
	rc = 0;
	goto out;
db:
	sdb_db_error(db, &e, "cannot read the database");
fail:
	sdb_error_print(&e, err);
out:
	sqlite3_finalize(st);
	return rc;
}

int sdb_cmd_show(int argc, char **argv, FILE *out, FILE *err)
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
	sqlite3_stmt *st;
	struct sdb_error e;
	int code, first, rc, found = 0, step;

	rc = sdb_parse_options(argc, argv, opts, "statusdb show [--db PATH] "
			       "[--format text|json] CODE",
			       "Shows a code's canonical record (each field with "
			       "the rule that chose it\nand the claim it came from), "
			       "every claim with its class and why, and\nits "
			       "conflicts.  Exit status 1 when no source lists the "
			       "code.\n", 1, 1, &first, out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	if (sdb_parse_int_arg(argv[first], 100, 599, &code)) {
		fprintf(err, "statusdb show: CODE is a status code from 100 to "
			"599, not '%s'\n", sdb_esc(argv[first]));
		return SDB_EXIT_USAGE;
	}
	if ((rc = sdb_cli_open(&db, dbpath, 0, err)))
		return rc;
	if (!strcmp(format, "json")) {
		rc = SDB_EXIT_DB;
		if (!sdb_db_prepare(db, json_sql, &st, &e)) {
			sqlite3_bind_int(st, 1, code);
			if ((step = sqlite3_step(st)) == SQLITE_ROW) {
				fprintf(out, "%s\n", sdb_col(st, 0));
				found = strstr(sdb_col(st, 0), "\"record\":null") == NULL;
				rc = found ? SDB_EXIT_OK : SDB_EXIT_CHECK;
			} else {
				sdb_db_error(db, &e, "cannot read the database");
			}
			sqlite3_finalize(st);
		}
		if (rc == SDB_EXIT_DB)
			sdb_error_print(&e, err);
		sqlite3_close(db);
		return rc;
	}
	rc = show_text(db, code, out, err, &found);
	sqlite3_close(db);
	if (!rc && found) {
		/* its findings, as "statusdb conflicts --code CODE" shows them */
		char num[16];
		char *cargv[6];

		snprintf(num, sizeof(num), "%d", code);
		fputs("\nconflicts:\n", out);
		cargv[0] = (char *)"conflicts";
		cargv[1] = (char *)"--code";
		cargv[2] = num;
		cargv[3] = (char *)"--db";
		cargv[4] = (char *)(dbpath ? dbpath : sdb_default_db(0));
		cargv[5] = NULL;
		return sdb_cmd_conflicts(5, cargv, out, err);
	}
	return rc ? SDB_EXIT_DB : found ? SDB_EXIT_OK : SDB_EXIT_CHECK;
}

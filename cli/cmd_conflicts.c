/*
 * cmd_conflicts.c - "statusdb conflicts": where the sources disagree, each
 * value with its class (current, former, obsoleted, variant, another
 * status, unregistered, conflict), why, and every claim behind it.  JSON
 * is built by SQLite's JSON functions; text is printed from the same rows.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../common/util.h"
#include "../store/db.h"

#include <string.h>

static const struct {
	const char *kind, *what;
} kinds[] = {
	{ "name", "sources give different reason phrases" },
	{ "name-case", "names differ only in case or punctuation" },
	{ "reference", "sources cite other documents than the current ones" },
	{ "link", "a link's label names another document than its URL" },
	{ "duplicate", "a source lists the code twice with different values" },
	{ "identifier", "a name folds to a C identifier another code holds" },
};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

static const char *kind_what(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < NKINDS; i++)
		if (!strcmp(kinds[i].kind, kind))
			return kinds[i].what;
	return "";
}

/* The findings that match ?1 code, ?2 kind, ?3 source (each NULL: any). */
#define FINDINGS_SQL \
	" FROM finding f WHERE (?1 IS NULL OR f.code = ?1)" \
	" AND (?2 IS NULL OR f.kind = ?2)" \
	" AND (?3 IS NULL OR f.source = ?3 OR (f.kind IN ('name', 'name-case'," \
	" 'reference') AND EXISTS (SELECT 1 FROM claim c JOIN value v" \
	" ON v.id = c.vid WHERE c.source = ?3 AND c.code = f.code" \
	" AND v.field = CASE f.field WHEN 'name' THEN 'name' ELSE 'document'" \
	" END AND v.class NOT IN ('current', 'unregistered'))))"

/* How values are ordered: current first, real conflicts last. */
#define CLASS_ORDER \
	"CASE v.class WHEN 'current' THEN 0 WHEN 'unregistered' THEN 1" \
	" WHEN 'former' THEN 2 WHEN 'obsoleted' THEN 3 WHEN 'variant' THEN 4" \
	" WHEN 'another-status' THEN 5 ELSE 6 END"

/* A value's voting claims as a JSON array (v is the value row). */
#define VALUE_CLAIMS_JSON \
	"json((SELECT json_group_array(json(o)) FROM (SELECT json_object(" \
	"'source', c.source, 'file', s.file, 'line', c.line, 'column'," \
	" c.\"column\") AS o FROM claim c JOIN source s ON s.name = c.source" \
	" WHERE c.vid = v.id AND s.votes = 1" \
	" ORDER BY c.source, c.line, c.\"column\")))"

static const char json_sql[] =
	"SELECT json_object('code', f.code, 'field', f.field, 'kind', f.kind,"
	" 'minor', json(CASE WHEN f.minor THEN 'true' ELSE 'false' END),"
	" 'source', nullif(f.source, ''),"
	" 'values', json(CASE"
	" WHEN f.kind IN ('name', 'name-case', 'reference') THEN"
	"  (SELECT json_group_array(json(o)) FROM (SELECT json_object("
	"   'value', v.value, 'class', v.class, 'since', v.since,"
	"   'until', v.until, 'by', v.by, 'why', v.why,"
	"   'claims', " VALUE_CLAIMS_JSON ") AS o"
	"   FROM value v WHERE v.code = f.code AND v.votes > 0"
	"   AND v.field = CASE f.field WHEN 'name' THEN 'name' ELSE 'document' END"
	"   ORDER BY " CLASS_ORDER ", v.value))"
	" WHEN f.kind IN ('link', 'duplicate') THEN"
	"  (SELECT json_group_array(json(o)) FROM (SELECT json_object("
	"   'value', i.value, 'claims', json((SELECT json_group_array(json(p))"
	"   FROM (SELECT json_object('source', c.source, 'file', s.file,"
	"   'line', c.line, 'column', c.\"column\") AS p FROM source_issue j"
	"   JOIN claim c ON c.id = j.claim JOIN source s ON s.name = c.source"
	"   WHERE j.code = f.code AND j.kind = f.kind AND j.field = f.field"
	"   AND j.source = f.source AND j.value = i.value"
	"   ORDER BY c.line, c.\"column\")))) AS o"
	"   FROM (SELECT DISTINCT value FROM source_issue WHERE code = f.code"
	"   AND kind = f.kind AND field = f.field AND source = f.source"
	"   ORDER BY value) i))"
	" ELSE (SELECT json_group_array(json(o)) FROM (SELECT json_object("
	"   'value', d.name, 'identifier', d.ident, 'why', d.note) AS o"
	"   FROM identifier d WHERE d.code = f.code AND d.note IS NOT NULL"
	"   ORDER BY d.ident))"
	" END))" FINDINGS_SQL
	" ORDER BY f.code, f.kind, f.field, f.source";

static const char findings_sql[] =
	"SELECT f.code, f.field, f.kind, f.minor, f.source" FINDINGS_SQL
	" ORDER BY f.code, f.kind, f.field, f.source";

static const char values_sql[] =
	"SELECT v.id, v.value, v.class, v.since, v.until, v.why FROM value v"
	" WHERE v.code = ?1 AND v.field = ?2 AND v.votes > 0"
	" ORDER BY " CLASS_ORDER ", v.value";

static const char value_claims_sql[] =
	"SELECT c.source, s.file, c.line, c.\"column\" FROM claim c"
	" JOIN source s ON s.name = c.source WHERE c.vid = ?1 AND s.votes = 1"
	" ORDER BY c.source, c.line, c.\"column\"";

static const char issues_sql[] =
	"SELECT i.value, c.source, s.file, c.line, c.\"column\""
	" FROM source_issue i JOIN claim c ON c.id = i.claim"
	" JOIN source s ON s.name = c.source WHERE i.code = ?1 AND i.kind = ?2"
	" AND i.field = ?3 AND i.source = ?4 ORDER BY i.value, c.line, c.\"column\"";

static const char identifiers_sql[] =
	"SELECT name, ident, note FROM identifier WHERE code = ?1"
	" AND note IS NOT NULL ORDER BY ident";

struct report {
	sqlite3 *db;
	sqlite3_stmt *values, *claims, *issues, *idents;
	FILE *out;
};

static int finish_stmt(sqlite3_stmt *st, int step)
{
	sqlite3_reset(st);
	return step == SQLITE_DONE ? 0 : -1;
}

static int text_values(struct report *r, int code, const char *field)
{
	sqlite3_stmt *v = r->values;
	int step;

	sqlite3_bind_int(v, 1, code);
	sqlite3_bind_text(v, 2, strcmp(field, "name") ? "document" : "name", -1,
			  SQLITE_STATIC);
	while ((step = sqlite3_step(v)) == SQLITE_ROW) {
		const char *since = sdb_col(v, 3), *until = sdb_col(v, 4);
		int cstep;

		fprintf(r->out, "  \"%s\" %s", sdb_esc(sdb_col(v, 1)),
			sdb_esc(sdb_col(v, 2)));
		if (since || until)
			fprintf(r->out, " %s..%s", sdb_esc(since), sdb_esc(until));
		fprintf(r->out, ": %s\n", sdb_esc(sdb_col(v, 5)));
		sqlite3_bind_int64(r->claims, 1, sqlite3_column_int64(v, 0));
		while ((cstep = sqlite3_step(r->claims)) == SQLITE_ROW)
			fprintf(r->out, "      %-16s %s:%d:%d\n",
				sdb_esc(sdb_col(r->claims, 0)),
				sdb_esc(sdb_col(r->claims, 1)),
				sqlite3_column_int(r->claims, 2),
				sqlite3_column_int(r->claims, 3));
		if (finish_stmt(r->claims, cstep)) {
			sqlite3_reset(v);
			return -1;
		}
	}
	return finish_stmt(v, step);
}

static int text_issues(struct report *r, int code, const char *field,
		       const char *kind, const char *source)
{
	sqlite3_stmt *st = r->issues;
	struct sdb_buf last = SDB_BUF_INIT;
	int step, n = 0;

	sqlite3_bind_int(st, 1, code);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, field, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, source, -1, SQLITE_TRANSIENT);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (!n++ || strcmp(last.s, sdb_col(st, 0))) {
			fprintf(r->out, "  \"%s\"\n", sdb_esc(sdb_col(st, 0)));
			sdb_buf_reset(&last);
			sdb_buf_adds(&last, sdb_col(st, 0));
		}
		fprintf(r->out, "      %-16s %s:%d:%d\n", sdb_esc(sdb_col(st, 1)),
			sdb_esc(sdb_col(st, 2)), sqlite3_column_int(st, 3),
			sqlite3_column_int(st, 4));
	}
	sdb_buf_release(&last);
	return finish_stmt(st, step);
}

static int text_identifiers(struct report *r, int code)
{
	sqlite3_stmt *st = r->idents;
	int step;

	sqlite3_bind_int(st, 1, code);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(r->out, "  %s\n", sdb_esc(sdb_col(st, 2)));
	return finish_stmt(st, step);
}

static void bind_filter(sqlite3_stmt *st, int code, const char *kind,
			const char *source)
{
	if (code)
		sqlite3_bind_int(st, 1, code);
	sdb_bind_text(st, 2, kind);
	sdb_bind_text(st, 3, source);
}

/* Prints the findings; *serious counts those that are not minor. */
static int print_findings(sqlite3 *db, int code, const char *kind,
			  const char *source, int json, FILE *out,
			  struct sdb_error *e)
{
	struct report r;
	sqlite3_stmt *st = NULL;
	int step, n = 0, rc = -1;

	memset(&r, 0, sizeof(r));
	r.db = db;
	r.out = out;
	if (sdb_db_prepare(db, json ? json_sql : findings_sql, &st, e) ||
	    (!json && (sdb_db_prepare(db, values_sql, &r.values, e) ||
		       sdb_db_prepare(db, value_claims_sql, &r.claims, e) ||
		       sdb_db_prepare(db, issues_sql, &r.issues, e) ||
		       sdb_db_prepare(db, identifiers_sql, &r.idents, e))))
		goto out;
	bind_filter(st, code, kind, source);
	if (json)
		fputs("[", out);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int c, bad = 0;
		const char *field, *k, *src;

		if (json) {
			fprintf(out, "%s\n  %s", n++ ? "," : "", sdb_col(st, 0));
			continue;
		}
		c = sqlite3_column_int(st, 0);
		field = sdb_col(st, 1);
		k = sdb_col(st, 2);
		src = sdb_col(st, 4);
		if (!field || !k || !src)
			break;
		fprintf(out, "%s%d %s: %s%s%s%s\n", n++ ? "\n" : "", c,
			sdb_esc(field), kind_what(k), *src ? " (" : "",
			*src ? sdb_esc(src) : "", *src ? ")" : "");
		if (sqlite3_column_int(st, 3))
			fputs("  (minor: stale or cosmetic only)\n", out);
		if (!strcmp(k, "link") || !strcmp(k, "duplicate"))
			bad = text_issues(&r, c, field, k, src);
		else if (!strcmp(k, "identifier"))
			bad = text_identifiers(&r, c);
		else
			bad = text_values(&r, c, field);
		if (bad) {
			step = SQLITE_ERROR;
			break;
		}
	}
	if (step != SQLITE_DONE) {
		sdb_db_error(db, e, "cannot read the findings");
		goto out;
	}
	if (json)
		fputs(n ? "\n]\n" : "]\n", out);
	else if (!n)
		fputs("no conflicts\n", out);
	rc = 0;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(r.values);
	sqlite3_finalize(r.claims);
	sqlite3_finalize(r.issues);
	sqlite3_finalize(r.idents);
	return rc;
}

/* One line per kind: how many, and which codes. */
static int print_summary(sqlite3 *db, int code, const char *kind,
			 const char *source, int json, FILE *out,
			 struct sdb_error *e)
{
	sqlite3_stmt *st;
	int step, total = 0;

	if (sdb_db_prepare(db, json
		? "SELECT json_group_array(json_object('kind', kind, 'findings',"
		  " n, 'minor', json(CASE WHEN minor THEN 'true' ELSE 'false'"
		  " END), 'codes', json(codes))) FROM (SELECT f.kind AS kind,"
		  " count(*) AS n, f.minor AS minor,"
		  " json_group_array(f.code) AS codes FROM (SELECT DISTINCT f.code,"
		  " f.kind, f.minor" FINDINGS_SQL " ORDER BY f.code) f"
		  " GROUP BY f.kind, f.minor ORDER BY f.minor, f.kind)"
		: "SELECT f.kind, count(*), group_concat(f.code, ' '),"
		  " NOT f.minor FROM (SELECT DISTINCT f.code, f.kind, f.minor"
		  FINDINGS_SQL " ORDER BY f.code) f GROUP BY f.kind, f.minor"
		  " ORDER BY f.minor, f.kind", &st, e))
		return -1;
	bind_filter(st, code, kind, source);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *codes = sdb_col(st, json ? 0 : 2);
		size_t col, len;

		if (json) {
			fprintf(out, "%s\n", codes ? codes : "[]");
			continue;
		}
		if (!total++)
			fputs("findings (kind, how many, codes):\n", out);
		fprintf(out, "  %-10s %3d%s", sdb_esc(sdb_col(st, 0)),
			sqlite3_column_int(st, 1),
			sqlite3_column_int(st, 3) ? ":      " : " minor:");
		col = 23;
		while (codes && *codes) {
			len = strcspn(codes, " ");
			if (col + len + 1 > 78) {
				fputs("\n                       ", out);
				col = 23;
			}
			fprintf(out, " %.*s", (int)len, codes);
			col += len + 1;
			codes += len + (codes[len] == ' ');
		}
		fputc('\n', out);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return sdb_db_error(db, e, "cannot read the findings");
	if (!json && !total)
		fputs("no conflicts between the sources\n", out);
	else if (!json)
		fputs("minor: stale or cosmetic only.  'statusdb conflicts' shows the "
		      "evidence;\n'statusdb show CODE' one code.\n", out);
	return 0;
}

/*
 * What --check counts: with a source, its claims of another status or in
 * conflict, and its own findings that are not minor (strict: anything
 * not current); without one, every finding that is not minor (strict:
 * every finding).  Identifier notes never count.
 */
static int count_failures(sqlite3 *db, int code, const char *kind,
			  const char *source, int strict, int *n,
			  struct sdb_error *e)
{
	sqlite3_stmt *st;
	int step;

	if (sdb_db_prepare(db, source
		? "SELECT (SELECT count(*) FROM claim c JOIN value v ON v.id = c.vid"
		  " WHERE c.source = ?3 AND (?1 IS NULL OR c.code = ?1)"
		  " AND (?2 IS NULL OR ?2 = CASE WHEN v.field = 'name' THEN"
		  " 'name' ELSE 'reference' END OR (?2 = 'name-case' AND"
		  " v.class = 'variant'))"
		  " AND (v.class IN ('another-status', 'conflict') OR (?4 AND"
		  " v.class IN ('former', 'obsoleted', 'variant'))))"
		  " + (SELECT count(*) FROM finding f WHERE f.source = ?3"
		  " AND (?1 IS NULL OR f.code = ?1) AND (?2 IS NULL OR f.kind = ?2)"
		  " AND (NOT f.minor OR ?4))"
		: "SELECT count(*)" FINDINGS_SQL " AND f.kind <> 'identifier'"
		  " AND (NOT f.minor OR ?4)", &st, e))
		return -1;
	bind_filter(st, code, kind, source);
	sqlite3_bind_int(st, 4, strict);
	step = sqlite3_step(st);
	*n = step == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return step == SQLITE_ROW ? 0 : sdb_db_error(db, e, "cannot check");
}

char *sdb_resolve_source(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st;
	char *found = NULL;

	if (sqlite3_prepare_v2(db, "SELECT name FROM source WHERE name = ?1"
			       " UNION ALL SELECT name FROM (SELECT name FROM source"
			       " WHERE series = ?1 ORDER BY votes DESC, version DESC"
			       " LIMIT 1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sdb_col(st, 0))
		found = sdb_xstrdup(sdb_col(st, 0));
	sqlite3_finalize(st);
	return found;
}

int sdb_cmd_conflicts(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const formats[] = { "text", "json", NULL };
	static const char *const kind_names[] = {
		"name", "name-case", "reference", "link", "duplicate",
		"identifier", NULL
	};
	const char *dbpath = NULL, *kind = NULL, *format = "text";
	const char *source_arg = NULL;
	char *source = NULL;
	int code = 0, check = 0, strict = 0, summary = 0, first, rc, fails = 0;
	struct sdb_option opts[] = {
		{ "db", 0, SDB_OPT_STRING, "PATH", "the database", &dbpath, 0, 0, NULL },
		{ "code", 'c', SDB_OPT_INT, "N", "only this code", &code, 100, 599, NULL },
		{ "kind", 'k', SDB_OPT_CHOICE, "KIND", "only this kind", &kind,
		  0, 0, kind_names },
		{ "source", 's', SDB_OPT_STRING, "NAME", "only what this source "
		  "(or series) takes part in", &source_arg, 0, 0, NULL },
		{ "format", 'f', SDB_OPT_CHOICE, "FORMAT", "the output", &format,
		  0, 0, formats },
		{ "check", 'x', SDB_OPT_FLAG, NULL, "exit 1 when a conflict or "
		  "another status is found (with --source: in that source)",
		  &check, 0, 0, NULL },
		{ "strict", 0, SDB_OPT_FLAG, NULL, "with --check: stale and variant "
		  "findings fail too", &strict, 0, 0, NULL },
		{ "summary", 0, SDB_OPT_FLAG, NULL, "one line per kind", &summary,
		  0, 0, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, 0, 0, NULL }
	};
	struct sdb_buf about = SDB_BUF_INIT;
	struct sdb_error e;
	sqlite3 *db;
	size_t i;

	sdb_buf_adds(&about, "Reports where the sources disagree: each value with "
		     "its class (current,\nformer, obsoleted, variant, "
		     "another-status, unregistered, conflict), why,\nand the "
		     "claims behind it (source, file:line:column).  Kinds:\n");
	for (i = 0; i < NKINDS; i++)
		sdb_buf_addf(&about, "  %-10s %s\n", kinds[i].kind, kinds[i].what);
	sdb_buf_adds(&about, "A finding is minor when it is only stale (former "
		     "names, obsoleted\ndocuments) or cosmetic (variants).\n");
	rc = sdb_parse_options(argc, argv, opts, "statusdb conflicts [--db PATH] "
			       "[--code N] [--kind K] [--source NAME]\n"
			       "                          [--format text|json] "
			       "[--check [--strict]] [--summary]", about.s, 0, 0,
			       &first, out, err);
	sdb_buf_release(&about);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	if (strict && !check) {
		fputs("statusdb conflicts: --strict goes with --check\n", err);
		return SDB_EXIT_USAGE;
	}
	if ((rc = sdb_cli_open(&db, dbpath, 0, err)))
		return rc;
	if (source_arg && !(source = sdb_resolve_source(db, source_arg))) {
		fprintf(err, "statusdb conflicts: no source or series named '%s'\n",
			sdb_esc(source_arg));
		sqlite3_close(db);
		return SDB_EXIT_USAGE;
	}
	rc = summary ? print_summary(db, code, kind, source,
				     !strcmp(format, "json"), out, &e)
		     : print_findings(db, code, kind, source,
				      !strcmp(format, "json"), out, &e);
	if (!rc && check)
		rc = count_failures(db, code, kind, source, strict, &fails, &e);
	if (rc)
		sdb_error_print(&e, err);
	sqlite3_close(db);
	free(source);
	if (rc)
		return SDB_EXIT_DB;
	return check && fails ? SDB_EXIT_CHECK : SDB_EXIT_OK;
}

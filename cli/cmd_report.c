/*
 * cmd_report.c - what the reconciler found: "statusdb conflicts",
 * "statusdb show" and "statusdb coverage".  JSON is built by SQLite's JSON
 * functions; text is printed from the same queries.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../store/db.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <getopt.h>
#include <string.h>

static const struct {
	const char *kind, *what;
} kinds[] = {
	{ "name", "sources give different reason phrases" },
	{ "name-case", "phrases differ only in case or punctuation (minor)" },
	{ "reference", "sources cite different documents" },
	{ "link", "a link's label names another document than its URL" },
	{ "duplicate", "a source lists the code twice with different values" },
};

static const char *kind_what(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kinds[i].kind, kind))
			return kinds[i].what;
	return NULL;
}

/* Opens the database or prints why not; returns 0 or SDB_EXIT_DB. */
static int open_db(sqlite3 **db, const char *path, FILE *err)
{
	struct sdb_error e;

	if (sdb_db_open(db, path, SDB_DB_READ, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_DB;
	}
	return 0;
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, FILE *err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	fprintf(err, "statusdb: cannot query the database: %s\n",
		sqlite3_errmsg(db));
	return SDB_EXIT_DB;
}

static int finish(sqlite3 *db, sqlite3_stmt *st, int step, FILE *err)
{
	sqlite3_finalize(st);
	if (step == SQLITE_DONE)
		return 0;
	fprintf(err, "statusdb: cannot query the database: %s\n",
		sqlite3_errmsg(db));
	return SDB_EXIT_DB;
}

#define T(i) ((const char *)sqlite3_column_text(st, (i)))

/* The conflicts matching ?1 (code or NULL) and ?2 (kind or NULL). */
static const char conflict_json_sql[] =
	"SELECT json_object('code', k.code, 'field', k.field, 'kind', k.kind,"
	" 'minor', json(CASE WHEN k.minor THEN 'true' ELSE 'false' END),"
	" 'values', (SELECT json_group_array(json_object('value', v.value,"
	"   'claims', (SELECT json_group_array(json_object('source', c.source,"
	"     'file', s.file, 'line', c.line, 'column', c.\"column\"))"
	"     FROM (SELECT c.* FROM conflict x JOIN claim c ON c.id = x.claim"
	"       WHERE x.code = k.code AND x.kind = k.kind AND x.field = k.field"
	"       AND x.value = v.value ORDER BY c.source, c.line, c.\"column\") c"
	"     JOIN source s ON s.name = c.source)))"
	"   FROM (SELECT DISTINCT value FROM conflict WHERE code = k.code"
	"     AND kind = k.kind AND field = k.field ORDER BY value) v))"
	" FROM (SELECT DISTINCT code, field, kind, minor FROM conflict"
	"   WHERE (?1 IS NULL OR code = ?1) AND (?2 IS NULL OR kind = ?2)"
	"   ORDER BY code, kind, field) k";

static const char conflict_text_sql[] =
	"SELECT x.code, x.field, x.kind, x.minor, x.value, c.source, s.file,"
	" c.line, c.\"column\""
	" FROM conflict x JOIN claim c ON c.id = x.claim"
	" JOIN source s ON s.name = c.source"
	" WHERE (?1 IS NULL OR x.code = ?1) AND (?2 IS NULL OR x.kind = ?2)"
	" ORDER BY x.code, x.kind, x.field, x.value, c.source, c.line, c.\"column\"";

static void bind_filter(sqlite3_stmt *st, int code, const char *kind)
{
	if (code)
		sqlite3_bind_int(st, 1, code);
	if (kind)
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
}

/* Prints the conflicts; *serious counts those that are not minor. */
static int print_conflicts(sqlite3 *db, int code, const char *kind, int json,
			   FILE *out, FILE *err, int *serious)
{
	sqlite3_stmt *st;
	struct sdb_buf last = SDB_BUF_INIT, lastval = SDB_BUF_INIT;
	struct sdb_buf key = SDB_BUF_INIT;
	int step, n = 0, rc;

	*serious = 0;
	if ((rc = prepare(db, json ? conflict_json_sql : conflict_text_sql, &st, err)))
		return rc;
	bind_filter(st, code, kind);
	if (json)
		fputs("[", out);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (json) {
			fprintf(out, "%s\n  %s", n++ ? "," : "", T(0));
			*serious += strstr(T(0), "\"minor\":false") != NULL;
			continue;
		}
		sdb_buf_reset(&key);
		sdb_buf_addf(&key, "%d %s %s", sqlite3_column_int(st, 0),
			     T(2), T(1));
		if (strcmp(key.s, last.s)) {
			fprintf(out, "%s%d %s: %s\n", n++ ? "\n" : "",
				sqlite3_column_int(st, 0), T(1), kind_what(T(2)));
			*serious += !sqlite3_column_int(st, 3);
			sdb_buf_reset(&last);
			sdb_buf_adds(&last, key.s);
			sdb_buf_reset(&lastval);
		}
		if (!lastval.len || strcmp(lastval.s, T(4))) {
			fprintf(out, "  \"%s\"\n", T(4));
			sdb_buf_reset(&lastval);
			sdb_buf_adds(&lastval, T(4));
		}
		fprintf(out, "      %-12s %s:%d:%d\n", T(5), T(6),
			sqlite3_column_int(st, 7), sqlite3_column_int(st, 8));
	}
	if (json)
		fputs(n ? "\n]\n" : "]\n", out);
	else if (!n)
		fputs("no conflicts\n", out);
	sdb_buf_release(&last);
	sdb_buf_release(&lastval);
	sdb_buf_release(&key);
	return finish(db, st, step, err);
}

/* One line per kind: how many, and which codes. */
static int print_summary(sqlite3 *db, FILE *out, FILE *err)
{
	sqlite3_stmt *st;
	int step, rc, total = 0;

	if ((rc = prepare(db,
		"SELECT kind, count(*), group_concat(code, ' '), max(minor) FROM"
		" (SELECT DISTINCT code, kind, minor FROM conflict ORDER BY code)"
		" GROUP BY kind ORDER BY min(minor), kind", &st, err)))
		return rc;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *codes = T(2);
		size_t col = 0, len;

		if (!total++)
			fputs("conflicts between the sources (kind, codes):\n", out);
		fprintf(out, "  %-10s %3d%s", T(0), sqlite3_column_int(st, 1),
			sqlite3_column_int(st, 3) ? " minor:" : ":      ");
		col = 23;
		while (*codes) {
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
	if (!total)
		fputs("no conflicts between the sources\n", out);
	else
		fputs("'statusdb conflicts' shows the evidence; "
		      "'statusdb show CODE' one code.\n", out);
	return finish(db, st, step, err);
}

int sdb_cmd_conflicts(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "code", required_argument, NULL, 'c' },
		{ "kind", required_argument, NULL, 'k' },
		{ "format", required_argument, NULL, 'f' },
		{ "check", no_argument, NULL, 'x' },
		{ "summary", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = SDB_DEFAULT_DB, *kind = NULL;
	int code = 0, json = 0, check = 0, summary = 0, c, rc, serious = 0;
	sqlite3 *db;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+d:c:k:f:xsh", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'c':
			if (sdb_parse_int_arg(optarg, 100, 599, &code)) {
				fprintf(err, "statusdb conflicts: --code wants 100..599, "
					"not '%s'\n", optarg);
				return SDB_EXIT_USAGE;
			}
			break;
		case 'k':
			if (!kind_what(optarg)) {
				fprintf(err, "statusdb conflicts: unknown kind '%s' (want "
					"name, name-case, reference, link or duplicate)\n",
					optarg);
				return SDB_EXIT_USAGE;
			}
			kind = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
				fputs("statusdb conflicts: --format is text or json\n", err);
				return SDB_EXIT_USAGE;
			}
			json = !strcmp(optarg, "json");
			break;
		case 'x': check = 1; break;
		case 's': summary = 1; break;
		case 'h':
			fputs("usage: statusdb conflicts [--db PATH] [--code N] [--kind K]\n"
			      "                          [--format text|json] [--check] "
			      "[--summary]\n\n"
			      "Reports where the sources disagree, each value with the "
			      "claims behind it\n(source, file:line:column).  Kinds:\n", out);
			for (c = 0; c < (int)(sizeof(kinds) / sizeof(kinds[0])); c++)
				fprintf(out, "  %-10s %s\n", kinds[c].kind, kinds[c].what);
			fputs("\n  --check    exit 1 when a conflict that is not minor "
			      "is found\n  --summary  one line per kind, for a quick "
			      "look\n", out);
			return SDB_EXIT_OK;
		default:
			fprintf(err, "statusdb conflicts: bad option '%s'\n",
				argv[optind - 1]);
			return SDB_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(err, "statusdb conflicts: unexpected argument '%s'\n",
			argv[optind]);
		return SDB_EXIT_USAGE;
	}
	if ((rc = open_db(&db, dbpath, err)))
		return rc;
	rc = summary ? print_summary(db, out, err)
		     : print_conflicts(db, code, kind, json, out, err, &serious);
	if (summary && !rc && check) {
		FILE *null = fopen("/dev/null", "w");

		rc = null ? print_conflicts(db, code, kind, 0, null, err, &serious)
			  : SDB_EXIT_OUTPUT;
		if (null)
			fclose(null);
	}
	sqlite3_close(db);
	if (!rc && check && serious)
		return SDB_EXIT_CHECK;
	return rc;
}

/* Parses the options every report shares: --db, --format, --help. */
static int report_opts(int argc, char **argv, const char *usage,
		       const char **dbpath, int *json, FILE *out, FILE *err)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+d:f:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': *dbpath = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
				fprintf(err, "statusdb %s: --format is text or json\n",
					argv[0]);
				return SDB_EXIT_USAGE;
			}
			*json = !strcmp(optarg, "json");
			break;
		case 'h': fputs(usage, out); return -1;
		default:
			fprintf(err, "statusdb %s: bad option '%s'\n", argv[0],
				argv[optind - 1]);
			return SDB_EXIT_USAGE;
		}
	}
	return 0;
}

/* Where a claim stands: "source file:line:column". */
#define WHERE_SQL(c) "(SELECT x.source || ' ' || s.file || ':' || x.line ||" \
	" ':' || x.\"column\" FROM claim x JOIN source s ON s.name = x.source" \
	" WHERE x.id = " c ")"

static const char show_sql[] =
	"SELECT k.code, k.name, k.class, k.name_rule, " WHERE_SQL("k.name_claim") ","
	" k.description, k.description_rule, " WHERE_SQL("k.description_claim") ","
	" CASE WHEN k.official THEN 'yes' ELSE 'no (no registry-like source "
	"lists it)' END,"
	" CASE k.registered WHEN 1 THEN 'yes' WHEN 0 THEN 'no: ' || (SELECT"
	"  g.first || '-' || g.last || ' ' || g.value || ' (' || g.source || ' '"
	"  || s.file || ':' || g.line || ':' || g.\"column\" || ')'"
	"  FROM code_range g JOIN source s ON s.name = g.source"
	"  WHERE s.kind = 'registry' AND k.code BETWEEN g.first AND g.last"
	"  ORDER BY s.rank DESC, s.name LIMIT 1)"
	" ELSE 'unknown (no registry says)' END,"
	" (SELECT group_concat(source, ' ') FROM (SELECT source FROM"
	"  canonical_source WHERE code = k.code ORDER BY source))"
	" FROM canonical k WHERE k.code = ?1";

static const char show_list_sql[] =
	"SELECT 'reference', r.document || coalesce(', Section ' || r.section, '')"
	"  || coalesce(' <' || r.url || '>', '') || ' [' || r.rule || ']',"
	"  " WHERE_SQL("r.claim")
	" FROM canonical_reference r WHERE r.code = ?1"
	" UNION ALL SELECT 'alias', a.alias, " WHERE_SQL("a.claim")
	" FROM canonical_alias a WHERE a.code = ?1"
	" UNION ALL SELECT 'status', t.status, coalesce(" WHERE_SQL("t.claim") ","
	"  'no registry-like source lists the code')"
	" FROM canonical_status t WHERE t.code = ?1";

static const char show_claims_sql[] =
	"SELECT s.file, c.line, c.\"column\", c.source, c.field, c.value,"
	" c.section FROM claim c JOIN source s ON s.name = c.source"
	" WHERE c.code = ?1 ORDER BY c.source, c.entry, c.id";

int sdb_cmd_show(int argc, char **argv, FILE *out, FILE *err)
{
	const char *dbpath = SDB_DEFAULT_DB;
	int json = 0, code, rc, step, serious;
	sqlite3 *db;
	sqlite3_stmt *st;

	rc = report_opts(argc, argv,
		"usage: statusdb show [--db PATH] CODE\n\n"
		"Shows a code's canonical record (each field with the rule that "
		"chose it\nand the claim it came from), every claim behind it, "
		"and its conflicts.\n", &dbpath, &json, out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	if (optind + 1 != argc || sdb_parse_int_arg(argv[optind], 100, 599, &code)) {
		fputs("usage: statusdb show [--db PATH] CODE (100..599)\n", err);
		return SDB_EXIT_USAGE;
	}
	if ((rc = open_db(&db, dbpath, err)))
		return rc;
	if ((rc = prepare(db, show_sql, &st, err)))
		goto out;
	sqlite3_bind_int(st, 1, code);
	step = sqlite3_step(st);
	if (step != SQLITE_ROW) {
		rc = finish(db, st, step, err);
		if (!rc) {
			fprintf(err, "statusdb show: no source lists %d\n", code);
			rc = SDB_EXIT_INPUT;
		}
		goto out;
	}
	fprintf(out, "%d %s\n", code, T(1) ? T(1) : "(no name)");
	fprintf(out, "  class        %s\n", T(2));
	if (T(1))
		fprintf(out, "  name         %s [%s] from %s\n", T(1), T(3), T(4));
	if (T(5))
		fprintf(out, "  description  %s [%s] from %s\n", T(5), T(6), T(7));
	fprintf(out, "  official     %s\n  registered   %s\n  sources      %s\n",
		T(8), T(9), T(10));
	sqlite3_finalize(st);
	if ((rc = prepare(db, show_list_sql, &st, err)))
		goto out;
	sqlite3_bind_int(st, 1, code);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out, "  %-12s %s (%s)\n", T(0), T(1), T(2));
	if ((rc = finish(db, st, step, err)))
		goto out;
	fputs("\nclaims:\n", out);
	if ((rc = prepare(db, show_claims_sql, &st, err)))
		goto out;
	sqlite3_bind_int(st, 1, code);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out, "  %s:%d:%d: %s %s: %s%s%s\n", T(0),
			sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
			T(3), T(4), T(5), T(6) ? ", section " : "", T(6) ? T(6) : "");
	if ((rc = finish(db, st, step, err)))
		goto out;
	fputs("\nconflicts:\n", out);
	rc = print_conflicts(db, code, NULL, 0, out, err, &serious);
out:
	sqlite3_close(db);
	return rc;
}

static const char coverage_json_sql[] =
	"SELECT json_object("
	" 'sources', (SELECT json_group_array(json_object('source', s.name,"
	"   'kind', s.kind, 'rank', s.rank, 'codes', (SELECT count(*) FROM"
	"   canonical_source x WHERE x.source = s.name),"
	"   'lacks', (SELECT json_group_array(k.code) FROM (SELECT code FROM"
	"   canonical WHERE code NOT IN (SELECT code FROM canonical_source x"
	"   WHERE x.source = s.name) ORDER BY code) k)))"
	"   FROM (SELECT * FROM source ORDER BY rank DESC, name) s),"
	" 'unofficial', (SELECT json_group_array(json_object('code', k.code,"
	"   'name', k.name, 'sources', (SELECT json_group_array(source) FROM"
	"   (SELECT source FROM canonical_source x WHERE x.code = k.code"
	"   ORDER BY source))))"
	"   FROM (SELECT * FROM canonical WHERE NOT official ORDER BY code) k),"
	" 'unregistered', (SELECT json_group_array(code) FROM (SELECT code FROM"
	"   canonical WHERE registered = 0 ORDER BY code)))";

int sdb_cmd_coverage(int argc, char **argv, FILE *out, FILE *err)
{
	const char *dbpath = SDB_DEFAULT_DB;
	int json = 0, rc, step;
	sqlite3 *db;
	sqlite3_stmt *st;

	rc = report_opts(argc, argv,
		"usage: statusdb coverage [--db PATH] [--format text|json]\n\n"
		"Which codes each source lists and lacks, which codes no "
		"registry-like\nsource lists (unofficial), and which fall in a "
		"registry's unassigned range.\n", &dbpath, &json, out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	if (optind != argc) {
		fprintf(err, "statusdb coverage: unexpected argument '%s'\n",
			argv[optind]);
		return SDB_EXIT_USAGE;
	}
	if ((rc = open_db(&db, dbpath, err)))
		return rc;
	if (json) {
		if ((rc = prepare(db, coverage_json_sql, &st, err)))
			goto out;
		if ((step = sqlite3_step(st)) == SQLITE_ROW) {
			fprintf(out, "%s\n", T(0));
			step = sqlite3_step(st);
		}
		rc = finish(db, st, step, err);
		goto out;
	}
	if ((rc = prepare(db,
		"SELECT s.name, s.kind, s.rank, (SELECT count(*) FROM"
		" canonical_source x WHERE x.source = s.name), (SELECT"
		" group_concat(code, ' ') FROM (SELECT code FROM canonical WHERE"
		" code NOT IN (SELECT code FROM canonical_source x WHERE"
		" x.source = s.name) ORDER BY code)) FROM source s"
		" ORDER BY s.rank DESC, s.name", &st, err)))
		goto out;
	fprintf(out, "%-12s %-13s %4s %5s  %s\n", "source", "kind", "rank",
		"codes", "lacks");
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out, "%-12s %-13s %4d %5d  %s\n", T(0), T(1),
			sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
			T(4) ? T(4) : "-");
	if ((rc = finish(db, st, step, err)))
		goto out;
	if ((rc = prepare(db,
		"SELECT k.code, coalesce(k.name, ''), (SELECT group_concat(source,"
		" ' ') FROM (SELECT source FROM canonical_source x WHERE"
		" x.code = k.code ORDER BY source)), k.registered FROM canonical k"
		" WHERE NOT k.official OR k.registered = 0 ORDER BY k.code",
		&st, err)))
		goto out;
	fputs("\ncodes no registry-like source lists, or a registry leaves "
	      "unassigned:\n", out);
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		fprintf(out, "  %d %-36s %s%s\n", sqlite3_column_int(st, 0), T(1),
			T(2), sqlite3_column_type(st, 3) != SQLITE_NULL &&
			!sqlite3_column_int(st, 3) ? " (unassigned)" : "");
	rc = finish(db, st, step, err);
out:
	sqlite3_close(db);
	return rc;
}

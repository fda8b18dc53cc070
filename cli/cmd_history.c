/*
 * cmd_history.c - the registry's history: "statusdb history [CODE]", its
 * timeline per code, and "statusdb diff OLD NEW", what changed between
 * two versions of it (or any two sources), record by record.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../common/util.h"
#include "../store/db.h"

#include <string.h>

static const char versions_sql[] =
	"SELECT DISTINCT t.series, (SELECT count(*) FROM source s WHERE"
	" s.series = t.series OR s.name = t.series), (SELECT min(since) FROM"
	" timeline WHERE series = t.series), (SELECT max(since) FROM timeline"
	" WHERE series = t.series) FROM timeline t";

static const char periods_sql[] =
	"SELECT code, since, until, name, notes, refs, first FROM timeline"
	" WHERE ?1 IS NULL OR code = ?1 ORDER BY code, since";

static const char periods_json_sql[] =
	"SELECT json_object('code', c.code, 'periods', json((SELECT"
	" json_group_array(json(o)) FROM (SELECT json_object('since', t.since,"
	" 'until', t.until, 'name', t.name, 'notes', t.notes, 'references',"
	" t.refs, 'version', nullif(t.first, '')) AS o FROM timeline t"
	" WHERE t.code = c.code ORDER BY t.since))))"
	" FROM (SELECT DISTINCT code FROM timeline WHERE ?1 IS NULL OR"
	" code = ?1 ORDER BY code) c";

int sdb_cmd_history(int argc, char **argv, FILE *out, FILE *err)
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
	sqlite3_stmt *st = NULL;
	struct sdb_error e;
	int code = 0, first, rc, step, last = 0, n = 0, json;

	rc = sdb_parse_options(argc, argv, opts, "statusdb history [--db PATH] "
			       "[--format text|json] [CODE]",
			       "The registry's timeline: for each code, the periods "
			       "over which its versions\ngave it the same name, notes "
			       "and references, with the version dates.\nFor one "
			       "CODE, also every list's claims, classified "
			       "(statusdb show).\n", 0, 1, &first, out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	if (first < argc && sdb_parse_int_arg(argv[first], 100, 599, &code)) {
		fprintf(err, "statusdb history: CODE is a status code from 100 to "
			"599, not '%s'\n", sdb_esc(argv[first]));
		return SDB_EXIT_USAGE;
	}
	json = !strcmp(format, "json");
	if ((rc = sdb_cli_open(&db, dbpath, 0, err)))
		return rc;
	rc = SDB_EXIT_DB;
	if (!json) {
		if (sdb_db_prepare(db, versions_sql, &st, &e))
			goto fail;
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			fprintf(out, "registry %s: %d versions, %s to %s\n",
				sdb_esc(sdb_col(st, 0)), sqlite3_column_int(st, 1),
				sdb_esc(sdb_col(st, 2)), sdb_esc(sdb_col(st, 3)));
		if (step != SQLITE_DONE)
			goto db;
		sqlite3_finalize(st);
		st = NULL;
	}
	if (sdb_db_prepare(db, json ? periods_json_sql : periods_sql, &st, &e))
		goto fail;
	if (code)
		sqlite3_bind_int(st, 1, code);
	if (json)
		fputs("[", out);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int c = sqlite3_column_int(st, 0);

		if (json) {
			fprintf(out, "%s\n  %s", n++ ? "," : "", sdb_col(st, 0));
			continue;
		}
		if (c != last)
			fprintf(out, "\n%d\n", c);
		last = c;
		n++;
		fprintf(out, "  %-10s .. %-10s  %s", sdb_esc(sdb_col(st, 1)),
			sdb_col(st, 2) ? sdb_esc(sdb_col(st, 2)) : "",
			sdb_col(st, 3) ? sdb_esc(sdb_col(st, 3)) : "(not listed)");
		if (sdb_col(st, 4))
			fprintf(out, " (%s)", sdb_esc(sdb_col(st, 4)));
		if (sdb_col(st, 5))
			fprintf(out, "  [%s]", sdb_esc(sdb_col(st, 5)));
		fputc('\n', out);
	}
	if (step != SQLITE_DONE)
		goto db;
	if (json)
		fputs(n ? "\n]\n" : "]\n", out);
	else if (!n)
		fputs(code ? "the registry never listed this code\n"
		      : "no registry timeline (import a registry: see "
			"sources/manifest.tsv)\n", out);
	rc = SDB_EXIT_OK;
	sqlite3_finalize(st);
	st = NULL;
	sqlite3_close(db);
	db = NULL;
	if (code && !json) {
		/* every list's claims, classified */
		char num[16];
		char *sargv[5];

		snprintf(num, sizeof(num), "%d", code);
		fputs("\n", out);
		sargv[0] = (char *)"show";
		sargv[1] = (char *)"--db";
		sargv[2] = (char *)(dbpath ? dbpath : sdb_default_db(0));
		sargv[3] = num;
		sargv[4] = NULL;
		rc = sdb_cmd_show(4, sargv, out, err);
		if (rc == SDB_EXIT_CHECK)
			rc = SDB_EXIT_OK;	/* listed only by old versions */
	}
	goto out;
db:
	sdb_db_error(db, &e, "cannot read the database");
fail:
	sdb_error_print(&e, err);
out:
	sqlite3_finalize(st);
	sqlite3_close(db);
	return rc;
}

/* --- diff ------------------------------------------------------------ */

/* One source's record of a code: its first entry's name, notes, refs. */
struct drec {
	int code;
	char *name, *notes, *refs;
};

struct dside {
	char *source;
	struct drec *v;
	size_t n, alloc;
	char **ranges;		/* "105-199 Unassigned" */
	size_t nranges, ralloc;
};

static void add_to(char **field, const char *sep, const char *s)
{
	struct sdb_buf b = SDB_BUF_INIT;

	if (*field) {
		sdb_buf_adds(&b, *field);
		sdb_buf_adds(&b, sep);
		free(*field);
	}
	sdb_buf_adds(&b, s);
	*field = sdb_buf_detach(&b);
}

static int load_side(sqlite3 *db, struct dside *d, struct sdb_error *e)
{
	sqlite3_stmt *st;
	int step, entry = -1;

	if (sdb_db_prepare(db, "SELECT code, entry, field, value, section FROM"
			   " claim WHERE source = ?1 AND field IN ('name', 'note',"
			   " 'reference') ORDER BY code, entry, id", &st, e))
		return -1;
	sqlite3_bind_text(st, 1, d->source, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int code = sqlite3_column_int(st, 0);
		const char *f = sdb_col(st, 2), *v = sdb_col(st, 3);
		struct drec *r;

		if (!f || !v)
			continue;
		if (!d->n || d->v[d->n - 1].code != code) {
			sdb_grow_array((void **)&d->v, &d->alloc, d->n + 1,
				       sizeof(*d->v));
			memset(&d->v[d->n], 0, sizeof(*d->v));
			d->v[d->n++].code = code;
			entry = sqlite3_column_int(st, 1);
		}
		if (sqlite3_column_int(st, 1) != entry)
			continue;	/* the first entry only */
		r = &d->v[d->n - 1];
		if (!strcmp(f, "name") && !r->name) {
			r->name = sdb_xstrdup(v);
		} else if (!strcmp(f, "note")) {
			add_to(&r->notes, "; ", v);
		} else if (!strcmp(f, "reference")) {
			struct sdb_buf b = SDB_BUF_INIT;

			sdb_buf_adds(&b, v);
			if (sdb_col(st, 4))
				sdb_buf_addf(&b, ", Section %s", sdb_col(st, 4));
			add_to(&r->refs, "; ", b.s);
			sdb_buf_release(&b);
		}
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return sdb_db_error(db, e, "cannot read claims");
	if (sdb_db_prepare(db, "SELECT first, last, value FROM code_range WHERE"
			   " source = ?1 ORDER BY first, last", &st, e))
		return -1;
	sqlite3_bind_text(st, 1, d->source, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_buf b = SDB_BUF_INIT;

		sdb_buf_addf(&b, "%d-%d %s", sqlite3_column_int(st, 0),
			     sqlite3_column_int(st, 1), sdb_col(st, 2) ? sdb_col(st, 2) : "");
		sdb_grow_array((void **)&d->ranges, &d->ralloc, d->nranges + 1,
			       sizeof(*d->ranges));
		d->ranges[d->nranges++] = sdb_buf_detach(&b);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, e, "cannot read ranges");
}

static void side_release(struct dside *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].name);
		free(d->v[i].notes);
		free(d->v[i].refs);
	}
	for (i = 0; i < d->nranges; i++)
		free(d->ranges[i]);
	free(d->ranges);
	free(d->v);
	free(d->source);
}

static int str_eq(const char *a, const char *b)
{
	return a ? b && !strcmp(a, b) : !b;
}

/* Appends to a JSON array through SQLite's json_quote(). */
static void jstr(sqlite3_stmt *q, struct sdb_buf *b, const char *s)
{
	if (!s) {
		sdb_buf_adds(b, "null");
		return;
	}
	sqlite3_bind_text(q, 1, s, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) == SQLITE_ROW)
		sdb_buf_adds(b, sdb_col(q, 0));
	sqlite3_reset(q);
}

enum { D_ADDED, D_REMOVED, D_RENAMED, D_REFS, D_NOTES, D_RANGES_ADDED,
       D_RANGES_REMOVED, D_N };

static const char *const dkeys[D_N] = {
	"added", "removed", "renamed", "references", "notes", "ranges_added",
	"ranges_removed"
};

static void dchange(sqlite3_stmt *q, struct sdb_buf *j, struct sdb_buf *t,
		    int kind, int code, const char *a, const char *b)
{
	struct sdb_buf *o = &j[kind];

	sdb_buf_adds(o, o->len ? "," : "");
	if (kind == D_RANGES_ADDED || kind == D_RANGES_REMOVED) {
		jstr(q, o, a);
		sdb_buf_addf(t, "  %s %s\n", kind == D_RANGES_ADDED ?
			     "range added:  " : "range removed:", sdb_esc(a));
		return;
	}
	sdb_buf_addf(o, "{\"code\":%d,", code);
	if (kind == D_ADDED || kind == D_REMOVED) {
		sdb_buf_adds(o, "\"name\":");
		jstr(q, o, a);
		sdb_buf_adds(o, ",\"notes\":");
		jstr(q, o, b);
		sdb_buf_adds(o, "}");
		sdb_buf_addf(t, "  %-13s %d %s", kind == D_ADDED ? "added:" :
			     "removed:", code, a ? sdb_esc(a) : "(no name)");
		sdb_buf_addf(t, "%s%s%s\n", b ? " (" : "", b ? sdb_esc(b) : "",
			     b ? ")" : "");
		return;
	}
	sdb_buf_adds(o, "\"old\":");
	jstr(q, o, a);
	sdb_buf_adds(o, ",\"new\":");
	jstr(q, o, b);
	sdb_buf_adds(o, "}");
	sdb_buf_addf(t, "  %-13s %d %s", kind == D_RENAMED ? "renamed:" :
		     kind == D_REFS ? "references:" : "notes:", code,
		     a ? sdb_esc(a) : "(none)");
	sdb_buf_addf(t, " -> %s\n", b ? sdb_esc(b) : "(none)");
}

int sdb_cmd_diff(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const formats[] = { "text", "json", NULL };
	const char *dbpath = NULL, *format = "text";
	struct sdb_option opts[] = {
		{ "db", 0, SDB_OPT_STRING, "PATH", "the database", &dbpath, 0, 0, NULL },
		{ "format", 'f', SDB_OPT_CHOICE, "FORMAT", "the output", &format,
		  0, 0, formats },
		{ NULL, 0, 0, NULL, NULL, NULL, 0, 0, NULL }
	};
	struct dside side[2];
	struct sdb_buf j[D_N], text = SDB_BUF_INIT;
	struct sdb_error e;
	sqlite3 *db;
	sqlite3_stmt *q = NULL;
	size_t a = 0, b = 0, k;
	int first, rc, i, changes = 0;

	rc = sdb_parse_options(argc, argv, opts, "statusdb diff [--db PATH] "
			       "[--format text|json] OLD NEW",
			       "What changed from source OLD to source NEW, record "
			       "by record: codes added\nand removed, renamed, their "
			       "references and notes changed, and the\nunassigned "
			       "ranges.  OLD and NEW name sources, such as two "
			       "versions of\nthe registry (iana@2018-09-21 "
			       "iana@2025-09-15); a series name means its\nnewest "
			       "version.\n", 2, 2, &first, out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	if ((rc = sdb_cli_open(&db, dbpath, 0, err)))
		return rc;
	memset(side, 0, sizeof(side));
	for (i = 0; i < D_N; i++)
		sdb_buf_init(&j[i]);
	for (i = 0; i < 2; i++)
		if (!(side[i].source = sdb_resolve_source(db, argv[first + i]))) {
			fprintf(err, "statusdb diff: no source or series named "
				"'%s'\n", sdb_esc(argv[first + i]));
			rc = SDB_EXIT_USAGE;
			goto out;
		}
	rc = SDB_EXIT_DB;
	if (load_side(db, &side[0], &e) || load_side(db, &side[1], &e) ||
	    sdb_db_prepare(db, "SELECT json_quote(?1)", &q, &e)) {
		sdb_error_print(&e, err);
		goto out;
	}
	while (a < side[0].n || b < side[1].n) {
		const struct drec *x = a < side[0].n ? &side[0].v[a] : NULL;
		const struct drec *y = b < side[1].n ? &side[1].v[b] : NULL;

		if (x && (!y || x->code < y->code)) {
			dchange(q, j, &text, D_REMOVED, x->code, x->name, x->notes);
			a++;
		} else if (y && (!x || y->code < x->code)) {
			dchange(q, j, &text, D_ADDED, y->code, y->name, y->notes);
			b++;
		} else {
			if (!str_eq(x->name, y->name))
				dchange(q, j, &text, D_RENAMED, x->code, x->name, y->name);
			if (!str_eq(x->refs, y->refs))
				dchange(q, j, &text, D_REFS, x->code, x->refs, y->refs);
			if (!str_eq(x->notes, y->notes))
				dchange(q, j, &text, D_NOTES, x->code, x->notes, y->notes);
			a++;
			b++;
		}
	}
	for (i = 0; i < 2; i++)
		for (a = 0; a < side[i].nranges; a++) {
			for (k = 0; k < side[!i].nranges; k++)
				if (!strcmp(side[!i].ranges[k], side[i].ranges[a]))
					break;
			if (k == side[!i].nranges)
				dchange(q, j, &text, i ? D_RANGES_ADDED : D_RANGES_REMOVED,
					0, side[i].ranges[a], NULL);
		}
	for (i = 0; i < D_N; i++)
		changes += j[i].len > 0;
	if (!strcmp(format, "json")) {
		struct sdb_buf o = SDB_BUF_INIT;

		sdb_buf_adds(&o, "{\"old\":");
		jstr(q, &o, side[0].source);
		sdb_buf_adds(&o, ",\"new\":");
		jstr(q, &o, side[1].source);
		for (i = 0; i < D_N; i++)
			sdb_buf_addf(&o, ",\"%s\":[%s]", dkeys[i], j[i].s);
		fprintf(out, "%s}\n", o.s);
		sdb_buf_release(&o);
	} else {
		size_t lines = 0;

		for (k = 0; text.s[k]; k++)
			lines += text.s[k] == '\n';
		fprintf(out, "%s -> %s: ", sdb_esc(side[0].source),
			sdb_esc(side[1].source));
		if (changes)
			fprintf(out, "%zu change%s\n", lines, lines == 1 ? "" : "s");
		else
			fputs("no changes\n", out);
		fputs(text.s, out);
	}
	rc = SDB_EXIT_OK;
out:
	for (i = 0; i < 2; i++)
		side_release(&side[i]);
	for (i = 0; i < D_N; i++)
		sdb_buf_release(&j[i]);
	sdb_buf_release(&text);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return rc;
}

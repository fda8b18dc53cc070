/*
 * records.c - reading the canonical records (see records.h).
 */
#include "records.h"
#include "../common/buf.h"
#include "../common/names.h"
#include "../common/util.h"
#include "../reconciler/policy.h"
#include "../store/db.h"

#include <stdlib.h>
#include <string.h>

size_t sdb_records_index(const struct sdb_records *r, int code)
{
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->v[mid].code < code)
			lo = mid + 1;
		else if (r->v[mid].code > code)
			hi = mid;
		else
			return mid;
	}
	return r->n;
}

/* The record for code; NULL when there is none. */
static struct sdb_record *find(struct sdb_records *r, int code)
{
	size_t i = sdb_records_index(r, code);

	return i < r->n ? &r->v[i] : NULL;
}

/* 1 when s is a suffix C allows after a prefix: [A-Z0-9_], not empty. */
static int ident_ok(const char *s)
{
	size_t n = 0;

	if (!s || !*s)
		return 0;
	for (; *s; s++, n++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_'))
			return 0;
	return n <= SDB_IDENT_MAX;
}

static void add_str(char ***v, size_t *n, size_t *alloc, const char *s)
{
	sdb_grow_array((void **)v, alloc, *n + 1, sizeof(**v));
	(*v)[(*n)++] = sdb_xstrdup(s ? s : "");
}

/*
 * Runs sql, whose first column is a code, and calls each(rec, st) for
 * the record of that code.  Returns 0 or -1 with err filled.
 */
static int per_code(sqlite3 *db, struct sdb_records *r, const char *sql,
		    int (*each)(struct sdb_record *, sqlite3_stmt *),
		    struct sdb_error *err)
{
	sqlite3_stmt *st;
	int step;

	if (sdb_db_prepare(db, sql, &st, err))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_record *rec = find(r, sqlite3_column_int(st, 0));

		if (!rec)
			continue;	/* a row of no record: nothing to export */
		if (each(rec, st)) {
			sqlite3_finalize(st);
			return sdb_db_corrupt(db, err, "a value statusdb does "
					      "not write");
		}
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, err,
						     "cannot read the records");
}

static int each_ref(struct sdb_record *rec, sqlite3_stmt *st)
{
	struct sdb_record_ref *f;

	sdb_grow_array((void **)&rec->refs, &rec->alloc_[0], rec->nrefs + 1,
		       sizeof(*rec->refs));
	f = &rec->refs[rec->nrefs++];
	f->document = sdb_col_dup(st, 1);
	f->section = sdb_col_dup(st, 2);
	f->url = sdb_col_dup(st, 3);
	return f->document ? 0 : -1;
}

static int each_alias(struct sdb_record *rec, sqlite3_stmt *st)
{
	struct sdb_record_alias *a;

	sdb_grow_array((void **)&rec->aliases, &rec->alloc_[1],
		       rec->naliases + 1, sizeof(*rec->aliases));
	a = &rec->aliases[rec->naliases++];
	a->name = sdb_col_dup(st, 1);
	a->since = sdb_col_dup(st, 2);
	a->until = sdb_col_dup(st, 3);
	a->by = sdb_col_dup(st, 4);
	a->ident = sdb_col_dup(st, 5);
	a->deprecated = sqlite3_column_int(st, 6) != 0;
	return a->name && (!a->ident || ident_ok(a->ident)) ? 0 : -1;
}

static int each_status(struct sdb_record *rec, sqlite3_stmt *st)
{
	const char *s = sdb_col(st, 1);
	unsigned i;

	for (i = 0; s && i < SDB_NSTATUS; i++)
		if (!strcmp(s, sdb_status_name((enum sdb_status)i))) {
			rec->statuses |= 1u << i;
			return 0;
		}
	return -1;
}

static int each_sources(struct sdb_record *rec, sqlite3_stmt *st)
{
	rec->sources = sdb_col_dup(st, 1);
	return 0;
}

static int each_conflict(struct sdb_record *rec, sqlite3_stmt *st)
{
	add_str(&rec->conflicts, &rec->nconflicts, &rec->alloc_[2],
		sdb_col(st, 1));
	return 0;
}

static int load_records(sqlite3 *db, struct sdb_records *r,
			struct sdb_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int step, last = 0;

	if (sdb_db_prepare(db, "SELECT k.code, k.name, k.description, k.ident,"
			   " (SELECT name FROM identifier i WHERE i.ident = k.ident),"
			   " k.official, k.registered, s.file, c.line, c.\"column\""
			   " FROM canonical k LEFT JOIN claim c ON c.id = k.name_claim"
			   " LEFT JOIN source s ON s.name = c.source ORDER BY k.code",
			   &st, err))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_record *rec;
		int code = sqlite3_column_int(st, 0);

		if (code < 100 || code > 599 || code <= last ||
		    !ident_ok(sdb_col(st, 3))) {
			sqlite3_finalize(st);
			return sdb_db_corrupt(db, err, code < 100 || code > 599
					      ? "a code outside 100..599"
					      : "an identifier C does not allow");
		}
		last = code;
		sdb_grow_array((void **)&r->v, &alloc, r->n + 1, sizeof(*r->v));
		rec = &r->v[r->n++];
		memset(rec, 0, sizeof(*rec));
		rec->code = code;
		rec->name = sdb_col_dup(st, 1);
		rec->class_name = sdb_class_name(code);
		rec->description = sdb_col_dup(st, 2);
		rec->ident = sdb_col_dup(st, 3);
		rec->ident_name = sdb_col_dup(st, 4);
		rec->official = sqlite3_column_int(st, 5) != 0;
		rec->registered = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1
				  : sqlite3_column_int(st, 6) != 0;
		rec->name_file = sdb_col_dup(st, 7);
		rec->name_line = sqlite3_column_int(st, 8);
		rec->name_column = sqlite3_column_int(st, 9);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, err,
						     "cannot read the records");
}

static int load_banner(sqlite3 *db, struct sdb_records *r,
		       struct sdb_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int step;

	if (sdb_db_prepare(db, "SELECT name, series, version FROM source"
			   " WHERE kind = 'registry' AND votes = 1"
			   " ORDER BY rank DESC, name LIMIT 1", &st, err))
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		r->registry = sdb_col_dup(st, sdb_col(st, 1) ? 1 : 0);
		r->registry_version = sdb_col_dup(st, 2);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return sdb_db_error(db, err, "cannot read the sources");
	/* every source, a series as one line with its versions' span */
	if (sdb_db_prepare(db, "SELECT coalesce(series, name), CASE WHEN series"
			   " IS NULL THEN file ELSE count(*) || ' versions' END,"
			   " max(version), min(version) FROM source"
			   " GROUP BY coalesce(series, name) ORDER BY 1", &st, err))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_buf b = SDB_BUF_INIT;
		const char *hi = sdb_col(st, 2), *lo = sdb_col(st, 3);

		/* "name (file, version v)": 10,000 lists are 10,000 lines */
		sdb_buf_adds(&b, sdb_col(st, 0) ? sdb_col(st, 0) : "");
		sdb_buf_adds(&b, " (");
		sdb_buf_adds(&b, sdb_col(st, 1) ? sdb_col(st, 1) : "");
		if (hi && lo && strcmp(hi, lo)) {
			sdb_buf_adds(&b, ", ");
			sdb_buf_adds(&b, lo);
			sdb_buf_adds(&b, " to ");
			sdb_buf_adds(&b, hi);
		} else if (hi) {
			sdb_buf_adds(&b, ", version ");
			sdb_buf_adds(&b, hi);
		}
		sdb_buf_addch(&b, ')');
		sdb_grow_array((void **)&r->banner, &alloc, r->nbanner + 1,
			       sizeof(*r->banner));
		r->banner[r->nbanner++] = sdb_buf_detach(&b);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, err,
						     "cannot read the sources");
}

static int load_notes(sqlite3 *db, struct sdb_records *r,
		      struct sdb_error *err)
{
	sqlite3_stmt *st;
	size_t alloc = 0;
	int step;

	if (sdb_db_prepare(db, "SELECT code, note FROM identifier WHERE note IS"
			   " NOT NULL ORDER BY code, ident", &st, err))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sdb_grow_array((void **)&r->notes, &alloc, r->nnotes + 1,
			       sizeof(*r->notes));
		r->notes[r->nnotes].code = sqlite3_column_int(st, 0);
		r->notes[r->nnotes++].text = sdb_col_dup(st, 1);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, err,
						     "cannot read identifiers");
}

/* Each record's lists, folded per code by SQLite: sorted, each once. */
#define SOURCES_SQL(fold) \
	"SELECT k.code, (SELECT " fold " FROM (SELECT DISTINCT" \
	" coalesce(s.series, s.name) AS x FROM listing l JOIN source s" \
	" ON s.name = l.source WHERE l.code = k.code AND l.votes = 1" \
	" ORDER BY 1)) FROM canonical k ORDER BY k.code"

static const char *const sources_sql[] = {
	SOURCES_SQL("json_group_array(x)"), SOURCES_SQL("group_concat(x, '; ')")
};

int sdb_records_load(sqlite3 *db, struct sdb_records *r, unsigned parts,
		     struct sdb_error *err)
{
	memset(r, 0, sizeof(*r));
	if (load_records(db, r, err) ||
	    per_code(db, r, "SELECT code, document, section, url FROM"
		     " canonical_reference ORDER BY code, ord", each_ref, err) ||
	    per_code(db, r, "SELECT code, alias, since, until, by, ident,"
		     " deprecated FROM canonical_alias ORDER BY code,"
		     " coalesce(since, ''), alias", each_alias, err) ||
	    per_code(db, r, "SELECT code, status FROM canonical_status"
		     " ORDER BY code, status", each_status, err) ||
	    ((parts & SDB_RECORDS_SOURCES_JSON) &&
	     per_code(db, r, sources_sql[0], each_sources, err)) ||
	    ((parts & SDB_RECORDS_SOURCES_TEXT) &&
	     per_code(db, r, sources_sql[1], each_sources, err)) ||
	    ((parts & SDB_RECORDS_CONFLICTS) &&
	     per_code(db, r, "SELECT DISTINCT code, kind FROM finding"
		      " ORDER BY code, kind", each_conflict, err)) ||
	    load_banner(db, r, err) || load_notes(db, r, err)) {
		sdb_records_release(r);
		return -1;
	}
	return 0;
}

void sdb_records_release(struct sdb_records *r)
{
	size_t i, k;

	for (i = 0; i < r->n; i++) {
		struct sdb_record *rec = &r->v[i];

		free(rec->name);
		free(rec->description);
		free(rec->ident);
		free(rec->ident_name);
		free(rec->name_file);
		for (k = 0; k < rec->nrefs; k++) {
			free(rec->refs[k].document);
			free(rec->refs[k].section);
			free(rec->refs[k].url);
		}
		free(rec->refs);
		for (k = 0; k < rec->naliases; k++) {
			free(rec->aliases[k].name);
			free(rec->aliases[k].since);
			free(rec->aliases[k].until);
			free(rec->aliases[k].by);
			free(rec->aliases[k].ident);
		}
		free(rec->aliases);
		free(rec->sources);
		for (k = 0; k < rec->nconflicts; k++)
			free(rec->conflicts[k]);
		free(rec->conflicts);
	}
	free(r->v);
	for (i = 0; i < r->nnotes; i++)
		free(r->notes[i].text);
	free(r->notes);
	for (i = 0; i < r->nbanner; i++)
		free(r->banner[i]);
	free(r->banner);
	free(r->registry);
	free(r->registry_version);
	memset(r, 0, sizeof(*r));
}

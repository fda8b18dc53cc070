/*
 * audit.c - reading what the audit report shows (see audit.h).
 */
#include "audit.h"
#include "../common/util.h"
#include "../store/db.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *const judgement_names[SDB_NJUDGEMENTS] = {
	"current", "variant", "obsoleted", "former", "unregistered",
	"another-status", "conflict", "unjudged", "missing"
};

const char *sdb_judgement_name(enum sdb_judgement j)
{
	return (unsigned)j < SDB_NJUDGEMENTS ? judgement_names[j] : "";
}

int sdb_judgement_parse(const char *cls)
{
	int j;

	for (j = 0; cls && j < SDB_J_UNJUDGED; j++)
		if (!strcmp(cls, judgement_names[j]))
			return j;
	return -1;
}

const struct sdb_audit_cell *sdb_audit_cell(const struct sdb_audit *a,
					    size_t row, size_t list)
{
	return &a->cells[row * a->nlists + list];
}

/* The row of code in a->records, by binary search; SIZE_MAX if none. */
static size_t find_row(const struct sdb_audit *a, int code)
{
	size_t i = sdb_records_index(a->records, code);

	return i < a->records->n ? i : SIZE_MAX;
}

/* The lists sorted by source name, to find a list by its source. */
struct by_name {
	const struct sdb_audit_list **v;
	const struct sdb_audit_list *base;
	size_t n;
};

static int cmp_source(const void *x, const void *y)
{
	return strcmp((*(const struct sdb_audit_list *const *)x)->source,
		      (*(const struct sdb_audit_list *const *)y)->source);
}

static void by_name_init(struct by_name *b, const struct sdb_audit *a)
{
	size_t i;

	b->base = a->lists;
	b->n = a->nlists;
	b->v = sdb_xcalloc(b->n ? b->n : 1, sizeof(*b->v));
	for (i = 0; i < b->n; i++)
		b->v[i] = &a->lists[i];
	qsort(b->v, b->n, sizeof(*b->v), cmp_source);
}

/* The index of the list whose source is name; SIZE_MAX if none. */
static size_t find_list(const struct by_name *b, const char *name)
{
	size_t lo = 0, hi = b->n;

	while (name && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->v[mid]->source, name);

		if (c < 0)
			lo = mid + 1;
		else if (c > 0)
			hi = mid;
		else
			return (size_t)(b->v[mid] - b->base);
	}
	return SIZE_MAX;
}

/* The lists, best first: the columns are the first SDB_AUDIT_MAX_LISTS.
 * The queries below read the claims of those lists only. */
#define LISTS_ORDER " ORDER BY rank DESC, coalesce(series, name), name"
#define LISTS_WHERE " WHERE votes = 1 AND kind <> 'documents'"
#define STR_(x) #x
#define STR(x) STR_(x)
#define SHOWN_LISTS \
	"(SELECT name FROM source" LISTS_WHERE LISTS_ORDER \
	" LIMIT " STR(SDB_AUDIT_MAX_LISTS) ")"

/* Column i's text, in the audit's arena; NULL for NULL. */
static char *dup(struct sdb_audit *a, sqlite3_stmt *st, int i)
{
	return sdb_arena_strdup(&a->text, sdb_col(st, i));
}

static int load_lists(sqlite3 *db, struct sdb_audit *a, struct sdb_error *err)
{
	sqlite3_stmt *st;
	int step;

	if (sdb_db_prepare(db, "SELECT name, coalesce(series, name), kind,"
			   " file, version, origin, rank FROM source"
			   LISTS_WHERE LISTS_ORDER, &st, err))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_audit_list *l;

		if (a->nlists_all++ >= SDB_AUDIT_MAX_LISTS)
			continue;	/* counted, not shown */

		sdb_grow_array((void **)&a->lists, &a->alloc_[0], a->nlists + 1,
			       sizeof(*a->lists));
		l = &a->lists[a->nlists++];
		memset(l, 0, sizeof(*l));
		l->source = sdb_col_dup(st, 0);
		l->label = sdb_col_dup(st, 1);
		l->kind = sdb_col_dup(st, 2);
		l->file = sdb_col_dup(st, 3);
		l->version = sdb_col_dup(st, 4);
		l->origin = sdb_col_dup(st, 5);
		l->rank = sqlite3_column_int(st, 6);
		if (!l->source || !l->label || !l->kind || !l->file) {
			sqlite3_finalize(st);
			return sdb_db_corrupt(db, err, "a source without a name");
		}
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, err,
						     "cannot read the sources");
}

/* Claims of the lists, with their values' classes: one pass. */
static const char claims_sql[] =
	"SELECT c.code, c.source, c.entry, c.field, c.value, c.section,"
	" c.url, c.raw, c.line, c.\"column\", v.class, v.since, v.until,"
	" v.by, v.why, CASE v.field WHEN 'document' THEN v.value END"
	" FROM claim c LEFT JOIN value v ON v.id = c.vid"
	" WHERE c.source IN " SHOWN_LISTS
	" ORDER BY c.source, c.code, c.entry, c.id";	/* claim_by_source */

/* A claim of the first entry's name or references: what a cell is
 * judged by, and what the per-list summaries count. */
static int of_first(const struct sdb_audit_claim *c, int first_entry)
{
	return c->entry == first_entry &&
	       (!strcmp(c->field, "name") || !strcmp(c->field, "reference") ||
		!strcmp(c->field, "reference_target"));
}

static int load_claims(sqlite3 *db, struct sdb_audit *a,
		       const struct by_name *names, struct sdb_error *err)
{
	sqlite3_stmt *st;
	struct sdb_audit_cell *cell = NULL;
	size_t row = SIZE_MAX, list = SIZE_MAX, i, ncells;
	int step, code = -1, first_entry = 0;
	char *source = NULL;

	ncells = a->records->n * a->nlists;
	a->cells = sdb_xcalloc(ncells ? ncells : 1, sizeof(*a->cells));
	for (i = 0; i < ncells; i++) {
		a->cells[i].judgement = SDB_J_MISSING;
		a->cells[i].name = SIZE_MAX;
	}
	if (sdb_db_prepare(db, claims_sql, &st, err))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_audit_claim *c;
		const char *src = sdb_col(st, 1), *cls = sdb_col(st, 10);
		int judged = cls ? sdb_judgement_parse(cls) : -1;

		if (!src || !sdb_col(st, 3) || !sdb_col(st, 4) ||
		    !sdb_col(st, 7) || (cls && judged < 0)) {
			sqlite3_finalize(st);
			free(source);
			return sdb_db_corrupt(db, err, "a claim statusdb does not "
					      "write");
		}
		if (sqlite3_column_int(st, 0) != code || !source ||
		    strcmp(src, source)) {
			code = sqlite3_column_int(st, 0);
			if (!source || strcmp(src, source)) {
				free(source);
				source = sdb_xstrdup(src);
				list = find_list(names, src);
			}
			row = find_row(a, code);
			cell = NULL;
			if (row != SIZE_MAX && list != SIZE_MAX) {
				cell = &a->cells[row * a->nlists + list];
				cell->judgement = SDB_J_UNJUDGED;
				cell->first = a->nclaims;
				first_entry = sqlite3_column_int(st, 2);
			}
		}
		if (!cell)
			continue;	/* a code of no record */
		sdb_grow_array((void **)&a->claims, &a->alloc_[1],
			       a->nclaims + 1, sizeof(*a->claims));
		c = &a->claims[a->nclaims];
		c->entry = sqlite3_column_int(st, 2);
		c->field = dup(a, st, 3);
		c->value = dup(a, st, 4);
		c->section = dup(a, st, 5);
		c->url = dup(a, st, 6);
		c->raw = dup(a, st, 7);
		c->line = sqlite3_column_int(st, 8);
		c->column = sqlite3_column_int(st, 9);
		c->judged = judged;
		c->since = dup(a, st, 11);
		c->until = dup(a, st, 12);
		c->by = dup(a, st, 13);
		c->why = dup(a, st, 14);
		c->doc = dup(a, st, 15);
		if (judged >= 0 && of_first(c, first_entry) &&
		    (cell->judgement == SDB_J_UNJUDGED ||
		     judged > (int)cell->judgement))
			cell->judgement = (enum sdb_judgement)judged;
		if (cell->name == SIZE_MAX && c->entry == first_entry &&
		    !strcmp(c->field, "name"))
			cell->name = a->nclaims;
		cell->n++;
		a->nclaims++;
	}
	sqlite3_finalize(st);
	free(source);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, err,
						     "cannot read the claims");
}

/* Unassigned codes, and the lists' counts. */
static void judge_rows(struct sdb_audit *a)
{
	size_t row, l;

	for (row = 0; row < a->records->n; row++)
		for (l = 0; l < a->nlists; l++) {
			struct sdb_audit_cell *c = &a->cells[row * a->nlists + l];

			if (a->records->v[row].registered == 0 &&
			    (c->judgement < SDB_J_UNREGISTERED ||
			     c->judgement == SDB_J_UNJUDGED))
				c->judgement = SDB_J_UNREGISTERED;
			a->lists[l].counts[c->judgement]++;
		}
}

/*
 * The per-list summaries, from the claims loaded: of each cell, the
 * first entry's name and references with a value.  A tuple per such
 * claim, sorted, counts each (list, class, key) or (list, document,
 * class) once per code.
 */
struct tuple {
	size_t list;
	const char *key;	/* until, by or the document; may be NULL */
	int judged;		/* -1: no class */
	int code;
};

/* NULL first, as SQLite orders them. */
static int cmp_text(const char *x, const char *y)
{
	if (!x || !y)
		return (x != NULL) - (y != NULL);
	return strcmp(x, y);
}

static const char *class_text(int j)
{
	return j < 0 ? NULL : judgement_names[j];
}

static int cmp_tuple(const void *p, const void *q)
{
	const struct tuple *x = p, *y = q;
	int c;

	if (x->list != y->list)
		return x->list < y->list ? -1 : 1;
	if ((c = cmp_text(x->key, y->key)) != 0 ||
	    (c = cmp_text(class_text(x->judged), class_text(y->judged))) != 0)
		return c;
	return (x->code > y->code) - (x->code < y->code);
}

/* The next group of t[i..n) (same list, key and class): its end, and in
 * *codes how many codes it holds. */
static size_t group(const struct tuple *t, size_t i, size_t n, size_t *codes)
{
	size_t j = i + 1;

	*codes = 1;
	for (; j < n && t[j].list == t[i].list && t[j].judged == t[i].judged &&
	       !cmp_text(t[j].key, t[i].key); j++)
		if (t[j].code != t[j - 1].code)
			++*codes;
	return j;
}

/* Obsoleted documents by successor, then former names by date; most
 * cells first, then by key. */
static int cmp_stale(const void *p, const void *q)
{
	const struct sdb_audit_stale *x = p, *y = q;

	if (x->judgement != y->judgement)
		return x->judgement == SDB_J_OBSOLETED ? -1 : 1;
	if (x->cells != y->cells)
		return x->cells > y->cells ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void summarize(struct sdb_audit *a)
{
	struct tuple *stale = NULL, *docs = NULL;
	size_t nstale = 0, ndocs = 0, astale = 0, adocs = 0, row, l, i, end;

	for (row = 0; row < a->records->n; row++)
		for (l = 0; l < a->nlists; l++) {
			const struct sdb_audit_cell *c = sdb_audit_cell(a, row, l);

			for (i = c->first; i < c->first + c->n; i++) {
				const struct sdb_audit_claim *cl = &a->claims[i];
				struct tuple t;

				if (!of_first(cl, a->claims[c->first].entry))
					continue;
				t.list = l;
				t.judged = cl->judged;
				t.code = a->records->v[row].code;
				if (cl->judged == SDB_J_FORMER ||
				    cl->judged == SDB_J_OBSOLETED) {
					t.key = cl->judged == SDB_J_FORMER ?
						cl->until : cl->by;
					sdb_grow_array((void **)&stale, &astale,
						       nstale + 1, sizeof(t));
					stale[nstale++] = t;
				}
				if (cl->doc) {
					t.key = cl->doc;
					sdb_grow_array((void **)&docs, &adocs,
						       ndocs + 1, sizeof(t));
					docs[ndocs++] = t;
				}
			}
		}
	if (nstale)
		qsort(stale, nstale, sizeof(*stale), cmp_tuple);
	for (i = 0; i < nstale; i = end) {
		struct sdb_audit_list *list = &a->lists[stale[i].list];
		struct sdb_audit_stale *s;
		size_t codes;

		end = group(stale, i, nstale, &codes);
		list->stale = sdb_xrealloc(list->stale, (list->nstale + 1) *
					   sizeof(*list->stale));
		s = &list->stale[list->nstale++];
		s->judgement = (enum sdb_judgement)stale[i].judged;
		s->key = sdb_xstrdup(stale[i].key ? stale[i].key : "");
		s->cells = codes;
	}
	for (l = 0; l < a->nlists; l++)
		if (a->lists[l].nstale)
			qsort(a->lists[l].stale, a->lists[l].nstale,
			      sizeof(*a->lists[l].stale), cmp_stale);
	/* the document each list cites for most codes, when not current */
	if (ndocs)
		qsort(docs, ndocs, sizeof(*docs), cmp_tuple);
	for (i = 0; i < ndocs; i = end) {
		const struct tuple *best = &docs[i];
		size_t most = 0, codes;

		for (; i < ndocs && docs[i].list == best->list; i = end) {
			end = group(docs, i, ndocs, &codes);
			if (codes > most) {
				most = codes;
				best = &docs[i];
			}
		}
		end = i;
		if (best->judged >= 0 && best->judged != SDB_J_CURRENT)
			a->lists[best->list].era = sdb_xstrdup(best->key);
	}
	free(stale);
	free(docs);
}

static int load_timeline(sqlite3 *db, struct sdb_audit *a,
			 struct sdb_error *err)
{
	sqlite3_stmt *st;
	int step;

	if (!a->records->registry)
		return 0;
	if (sdb_db_prepare(db, "SELECT version FROM source WHERE series = ?1"
			   " AND version IS NOT NULL ORDER BY version", &st, err))
		return -1;
	sdb_bind_text(st, 1, a->records->registry);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sdb_grow_array((void **)&a->versions, &a->alloc_[2],
			       a->nversions + 1, sizeof(*a->versions));
		a->versions[a->nversions++] = sdb_col_dup(st, 0);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return sdb_db_error(db, err, "cannot read the sources");
	if (!a->nversions)
		return 0;
	a->series = sdb_xstrdup(a->records->registry);
	if (sdb_db_prepare(db, "SELECT code, since, until, name, notes, refs"
			   " FROM timeline WHERE series = ?1"
			   " ORDER BY code, since", &st, err))
		return -1;
	sdb_bind_text(st, 1, a->series);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_audit_period *p;

		if (find_row(a, sqlite3_column_int(st, 0)) == SIZE_MAX ||
		    !sdb_col(st, 1))
			continue;
		sdb_grow_array((void **)&a->periods, &a->alloc_[3],
			       a->nperiods + 1, sizeof(*a->periods));
		p = &a->periods[a->nperiods++];
		p->code = sqlite3_column_int(st, 0);
		p->since = dup(a, st, 1);
		p->until = dup(a, st, 2);
		p->name = dup(a, st, 3);
		p->notes = dup(a, st, 4);
		p->refs = dup(a, st, 5);
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, err,
						     "cannot read the timeline");
}

static int load_findings(sqlite3 *db, struct sdb_audit *a,
			 struct sdb_error *err)
{
	sqlite3_stmt *st;
	int step;

	if (sdb_db_prepare(db, "SELECT code, kind, field, source, minor"
			   " FROM finding ORDER BY code, kind, field, source",
			   &st, err))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_audit_finding *f;

		if (find_row(a, sqlite3_column_int(st, 0)) == SIZE_MAX)
			continue;
		if (!sdb_col(st, 1) || !sdb_col(st, 2)) {
			sqlite3_finalize(st);
			return sdb_db_corrupt(db, err, "a finding statusdb does "
					      "not write");
		}
		sdb_grow_array((void **)&a->findings, &a->alloc_[4],
			       a->nfindings + 1, sizeof(*a->findings));
		f = &a->findings[a->nfindings++];
		f->code = sqlite3_column_int(st, 0);
		f->kind = dup(a, st, 1);
		f->field = dup(a, st, 2);
		f->source = sdb_arena_strdup(&a->text, sdb_col(st, 3) ?
					     sdb_col(st, 3) : "");
		f->minor = sqlite3_column_int(st, 4) != 0;
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : sdb_db_error(db, err,
						     "cannot read the findings");
}

int sdb_audit_load(sqlite3 *db, const struct sdb_records *r,
		   struct sdb_audit *a, struct sdb_error *err)
{
	struct by_name names;
	int rc;

	memset(a, 0, sizeof(*a));
	a->records = r;
	if (load_lists(db, a, err)) {
		sdb_audit_release(a);
		return -1;
	}
	by_name_init(&names, a);
	rc = load_claims(db, a, &names, err) || load_timeline(db, a, err) ||
	     load_findings(db, a, err);
	free(names.v);
	if (rc) {
		sdb_audit_release(a);
		return -1;
	}
	judge_rows(a);
	summarize(a);
	return 0;
}

void sdb_audit_release(struct sdb_audit *a)
{
	size_t i, k;

	for (i = 0; i < a->nlists; i++) {
		struct sdb_audit_list *l = &a->lists[i];

		free(l->source);
		free(l->label);
		free(l->kind);
		free(l->file);
		free(l->version);
		free(l->origin);
		free(l->era);
		for (k = 0; k < l->nstale; k++)
			free(l->stale[k].key);
		free(l->stale);
	}
	free(a->lists);
	free(a->cells);
	free(a->claims);
	free(a->series);
	for (i = 0; i < a->nversions; i++)
		free(a->versions[i]);
	free(a->versions);
	free(a->periods);
	free(a->findings);
	sdb_arena_release(&a->text);
	memset(a, 0, sizeof(*a));
}

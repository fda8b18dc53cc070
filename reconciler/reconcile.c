/*
 * reconcile.c - reading one code's facts, settling it by the policy
 * (policy.c), writing what it decides (see reconcile.h).
 */
#include "reconcile.h"
#include "policy.h"
#include "../common/names.h"
#include "../common/util.h"
#include "../store/db.h"

#include <stdio.h>
#include <string.h>

enum {
	Q_REGISTRY,
	Q_VERSIONS,
	Q_TOP,
	Q_TRUSTED,
	Q_NVOTING,
	Q_NLISTED,
	Q_ROW,
	Q_SOURCE,
	Q_RANGE,
	Q_VALUES,
	Q_ISSUES,
	Q_SOURCE_ROWS,
	W_CANONICAL,
	W_REFERENCE,
	W_ALIAS,
	W_STATUS,
	W_FINDING,
	W_PERIOD,
	W_VALUE,
	NSTMT
};

static const char *const sql[NSTMT] = {
	/* the registry: the best-ranked voting source of kind registry */
	"SELECT name, series, version FROM source"
	" WHERE kind = 'registry' AND votes = 1 ORDER BY rank DESC, name LIMIT 1",
	"SELECT name, version FROM source WHERE series = ?1"
	" ORDER BY version, name",
	"SELECT source FROM listing WHERE code = ?1 AND votes = 1"
	" ORDER BY rank DESC, source",
	"SELECT source FROM listing WHERE code = ?1 AND votes = 1 AND trust = 1"
	" ORDER BY rank DESC, source",
	"SELECT count(*) FROM listing WHERE code = ?1 AND votes = 1",
	"SELECT count(*) FROM listing WHERE code = ?1",
	"SELECT id, vid, field, entry, link, value, section, url FROM claim"
	" WHERE source = ?1 AND code = ?2 ORDER BY entry, id",
	"SELECT kind, version, rank, votes FROM source WHERE name = ?1",
	"SELECT first, last, value FROM code_range WHERE source = ?1"
	" AND ?2 BETWEEN first AND last ORDER BY id LIMIT 1",
	"SELECT id, field, value, votes, (SELECT min(c.id) FROM claim c"
	" WHERE c.vid = value.id) FROM value WHERE code = ?1 AND claims > 0"
	" ORDER BY field, value",
	"SELECT source, field, kind, value FROM source_issue WHERE code = ?1",
	"SELECT code, id, vid, field, entry, link, value, section, url FROM claim"
	" WHERE source = ?1 ORDER BY code, entry, id",
	"INSERT INTO canonical (code, name, name_claim, name_rule, class,"
	" description, description_claim, description_rule, official,"
	" registered) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	"INSERT INTO canonical_reference (code, ord, document, section, url,"
	" claim, rule) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"INSERT OR IGNORE INTO canonical_alias (code, alias, since, until, by,"
	" claim, deprecated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	"INSERT INTO canonical_status (code, status, claim)"
	" VALUES (?1, ?2, ?3)",
	"INSERT OR IGNORE INTO finding (code, field, kind, minor, source)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	"INSERT INTO timeline (series, code, since, until, name, notes, refs,"
	" first) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	"UPDATE value SET class = ?2, since = ?3, until = ?4, by = ?5,"
	" why = ?6 WHERE id = ?1",
};

/* The statements deleting one code's derived rows, run in order. */
static const char *const clear_sql[] = {
	"DELETE FROM canonical WHERE code = ?1",
	"DELETE FROM canonical_reference WHERE code = ?1",
	"DELETE FROM canonical_alias WHERE code = ?1",
	"DELETE FROM canonical_status WHERE code = ?1",
	"DELETE FROM finding WHERE code = ?1 AND kind <> 'identifier'",
	/* once per series the timeline holds (rec.tseries): its key leads
	 * with the series, and a scan per code costs more than the rest */
	"DELETE FROM timeline WHERE code = ?1 AND series = ?2",
};
#define NCLEAR (sizeof(clear_sql) / sizeof(clear_sql[0]))

struct rec {
	sqlite3 *db;
	sqlite3_stmt *st[NSTMT];
	sqlite3_stmt *clear[NCLEAR];
	char **tseries;			/* the series the timeline holds */
	size_t ntseries, tseries_alloc;
	/* derived[code]: the code has a canonical record or a timeline (the
	 * rows settle_code() clears); NULL: not read, clear every code */
	unsigned char *derived;
	struct sdb_error *err;
	struct sdb_lineage *lineage;
	char *registry, *series;	/* NULL: none */
	char **vnames, **vdates;	/* the registry's versions, oldest first */
	size_t nversions;
	/*
	 * The versions' rows of every code, each version read in one query,
	 * when many codes are settled (NULL: read per code, as other rows).
	 * vrows[i][code]; vempty[i] stands for a code version i does not list.
	 */
	struct sdb_row ***vrows;
	struct sdb_row **vempty;
	/* per code */
	int code;
	struct sdb_row **rows;		/* loaded rows, by source */
	size_t nrows, rows_alloc;
	int top_open;			/* Q_TOP is stepping */
};

static int db_err(struct rec *r, const char *what)
{
	return sdb_db_error(r->db, r->err, what);
}

static void row_free(struct sdb_row *w)
{
	size_t i;

	if (!w)
		return;
	for (i = 0; i < w->n; i++) {
		free(w->v[i].value);
		free(w->v[i].section);
		free(w->v[i].url);
	}
	free(w->v);
	free(w->source);
	free(w->kind);
	free(w->version);
	free(w);
}

static int field_of(const char *s, enum sdb_field *f)
{
	static const enum sdb_field all[] = {
		SDB_FIELD_NAME, SDB_FIELD_NOTE, SDB_FIELD_DESCRIPTION,
		SDB_FIELD_REFERENCE, SDB_FIELD_REFERENCE_TARGET, SDB_FIELD_CLASS,
		SDB_FIELD_IDENTIFIER
	};
	size_t i;

	for (i = 0; s && i < sizeof(all) / sizeof(all[0]); i++)
		if (!strcmp(sdb_field_name(all[i]), s)) {
			*f = all[i];
			return 0;
		}
	return -1;
}

/* A row of source with its metadata and no claims yet; NULL on error. */
static struct sdb_row *row_new(struct rec *r, const char *source, int *rc)
{
	sqlite3_stmt *st = r->st[Q_SOURCE];
	struct sdb_row *w = sdb_xcalloc(1, sizeof(*w));
	int step;

	w->source = sdb_xstrdup(source);
	sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		w->kind = sdb_xstrdup(sdb_col(st, 0) ? sdb_col(st, 0) : "");
		w->version = sdb_col(st, 1) ? sdb_xstrdup(sdb_col(st, 1)) : NULL;
		w->rank = sqlite3_column_int(st, 2);
		w->votes = sqlite3_column_int(st, 3);
		w->trusted = !strcmp(w->kind, "registry") ||
			     !strcmp(w->kind, "specification") ||
			     !strcmp(w->kind, "spec-index");
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW) {
		row_free(w);
		*rc = step == SQLITE_DONE ? sdb_db_corrupt(r->db, r->err,
				"a listing of a source that does not exist")
			: db_err(r, "cannot read the sources");
		return NULL;
	}
	return w;
}

/* A row with the metadata of w and no claims. */
static struct sdb_row *row_like(const struct sdb_row *w)
{
	struct sdb_row *c = sdb_xcalloc(1, sizeof(*c));

	c->source = sdb_xstrdup(w->source);
	c->kind = sdb_xstrdup(w->kind);
	c->version = w->version ? sdb_xstrdup(w->version) : NULL;
	c->rank = w->rank;
	c->votes = w->votes;
	c->trusted = w->trusted;
	return c;
}

/*
 * Adds to w the claim st stands on: columns i.. are id, vid, field,
 * entry, link, value, section, url.  Returns 0 or -1 (err filled).
 */
static int add_claim(struct rec *r, struct sdb_row *w, size_t *alloc,
		     sqlite3_stmt *st, int i)
{
	struct sdb_rclaim *c;
	enum sdb_field f;

	if (field_of(sdb_col(st, i + 2), &f) || !sdb_col(st, i + 5))
		return sdb_db_corrupt(r->db, r->err, "a claim of an unknown field");
	sdb_grow_array((void **)&w->v, alloc, w->n + 1, sizeof(*w->v));
	c = &w->v[w->n++];
	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, i);
	c->vid = sqlite3_column_int64(st, i + 1);
	c->field = f;
	c->entry = sqlite3_column_int(st, i + 3);
	c->link = sqlite3_column_int(st, i + 4);
	c->value = sdb_xstrdup(sdb_col(st, i + 5));
	c->section = sdb_col(st, i + 6) ? sdb_xstrdup(sdb_col(st, i + 6)) : NULL;
	c->url = sdb_col(st, i + 7) ? sdb_xstrdup(sdb_col(st, i + 7)) : NULL;
	return 0;
}

/*
 * The row of source for the current code: the claims of its first entry.
 * Loaded once per code (the registry's versions once for every code, when
 * load_version_rows() ran).  NULL with *rc == 0 when the source lists no
 * claim of the code.
 */
static struct sdb_row *row_of(struct rec *r, const char *source, int *rc)
{
	sqlite3_stmt *st;
	struct sdb_row *w;
	size_t i, alloc = 0;
	int step;

	*rc = 0;
	for (i = 0; r->vrows && i < r->nversions; i++)
		if (!strcmp(r->vnames[i], source))
			return r->vrows[i][r->code] ? r->vrows[i][r->code]
						    : r->vempty[i];
	for (i = 0; i < r->nrows; i++)
		if (!strcmp(r->rows[i]->source, source))
			return r->rows[i];
	if (!(w = row_new(r, source, rc)))
		return NULL;
	st = r->st[Q_ROW];
	sqlite3_bind_text(st, 1, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, r->code);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (w->n && sqlite3_column_int(st, 3) != w->v[0].entry)
			break;	/* its first entry only */
		if ((*rc = add_claim(r, w, &alloc, st, 0)))
			break;
	}
	sqlite3_reset(st);
	if (!*rc && step != SQLITE_ROW && step != SQLITE_DONE)
		*rc = db_err(r, "cannot read claims");
	if (*rc) {
		row_free(w);
		return NULL;
	}
	sdb_grow_array((void **)&r->rows, &r->rows_alloc, r->nrows + 1,
		       sizeof(*r->rows));
	r->rows[r->nrows++] = w;
	return w;
}

/*
 * Reads every code's row of the registry's versions, one query each: the
 * rows row_of() would read code by code, for when many codes are settled.
 */
static int load_version_rows(struct rec *r)
{
	sqlite3_stmt *st = r->st[Q_SOURCE_ROWS];
	size_t i, alloc = 0;
	int rc = 0, step = SQLITE_DONE;

	r->vrows = sdb_xcalloc(r->nversions, sizeof(*r->vrows));
	r->vempty = sdb_xcalloc(r->nversions, sizeof(*r->vempty));
	for (i = 0; i < r->nversions && !rc; i++) {
		struct sdb_row *w = NULL;

		r->vrows[i] = sdb_xcalloc(600, sizeof(**r->vrows));
		if (!(r->vempty[i] = row_new(r, r->vnames[i], &rc)))
			return -1;
		sqlite3_bind_text(st, 1, r->vnames[i], -1, SQLITE_STATIC);
		while (!rc && (step = sqlite3_step(st)) == SQLITE_ROW) {
			int code = sqlite3_column_int(st, 0);

			if (code < 100 || code > 599) {
				rc = sdb_db_corrupt(r->db, r->err, "a claim of a "
						    "code outside 100..599");
			} else if (!r->vrows[i][code]) {
				w = r->vrows[i][code] = row_like(r->vempty[i]);
				alloc = 0;
			} else if (sqlite3_column_int(st, 4) != w->v[0].entry) {
				continue;	/* its first entry only */
			}
			if (!rc)
				rc = add_claim(r, w, &alloc, st, 1);
		}
		sqlite3_reset(st);
		if (!rc && step != SQLITE_DONE)
			rc = db_err(r, "cannot read claims");
	}
	return rc;
}

/* The next voting row by rank (the policy's callback). */
static struct sdb_row *next_top(void *arg, int *rc)
{
	struct rec *r = arg;
	sqlite3_stmt *st = r->st[Q_TOP];
	int step;

	*rc = 0;
	if (!r->top_open) {
		sqlite3_bind_int(st, 1, r->code);
		r->top_open = 1;
	}
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		char *source = sdb_xstrdup(sdb_col(st, 0));
		struct sdb_row *w = row_of(r, source, rc);

		free(source);
		return w;
	}
	if (step != SQLITE_DONE)
		*rc = db_err(r, "cannot read listings");
	return NULL;
}

static int count(struct rec *r, int q, int code)
{
	sqlite3_stmt *st = r->st[q];
	int n = -1;

	sqlite3_bind_int(st, 1, code);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (n < 0)
		db_err(r, "cannot count listings");
	return n;
}

static void release_code(struct rec *r, struct sdb_code *c)
{
	size_t i;

	sdb_policy_release(c);
	for (i = 0; i < c->nvals; i++) {
		free(c->vals[i].value);
		free(c->vals[i].since);
		free(c->vals[i].until);
		free(c->vals[i].by);
		free(c->vals[i].why);
	}
	free(c->vals);
	for (i = 0; i < c->nissues; i++) {
		free(c->issues[i].source);
		free(c->issues[i].field);
		free(c->issues[i].kind);
		free(c->issues[i].value);
	}
	free(c->issues);
	free(c->trusted);
	free(c->versions);
	free(c->range);
	for (i = 0; i < r->nrows; i++)
		row_free(r->rows[i]);
	r->nrows = 0;
	if (r->top_open)
		sqlite3_reset(r->st[Q_TOP]);
	r->top_open = 0;
	memset(c, 0, sizeof(*c));
}

/* Reads what the policy needs of code, besides the ranked rows. */
static int load_code(struct rec *r, struct sdb_code *c, int code)
{
	sqlite3_stmt *st;
	size_t i, alloc = 0;
	int step, rc;

	memset(c, 0, sizeof(*c));
	c->code = code;
	c->lineage = r->lineage;
	c->next_row = next_top;
	c->next_arg = r;
	c->registry = r->registry;
	if ((c->nvoting = count(r, Q_NVOTING, code)) < 0)
		return -1;
	if (r->registry) {
		struct sdb_row *reg = row_of(r, r->registry, &rc);

		if (rc)
			return -1;
		c->reg = reg && reg->n ? reg : NULL;
		if (!c->reg) {
			st = r->st[Q_RANGE];
			sqlite3_bind_text(st, 1, r->registry, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 2, code);
			step = sqlite3_step(st);
			if (step == SQLITE_ROW) {
				struct sdb_buf b = SDB_BUF_INIT;

				if (sqlite3_column_int(st, 0) == sqlite3_column_int(st, 1))
					sdb_buf_addf(&b, "%d %s", sqlite3_column_int(st, 0),
						     sdb_col(st, 2) ? sdb_col(st, 2) : "");
				else
					sdb_buf_addf(&b, "%d-%d %s",
						     sqlite3_column_int(st, 0),
						     sqlite3_column_int(st, 1),
						     sdb_col(st, 2) ? sdb_col(st, 2) : "");
				c->range = sdb_buf_detach(&b);
			}
			sqlite3_reset(st);
			if (step != SQLITE_ROW && step != SQLITE_DONE)
				return db_err(r, "cannot read ranges");
		}
	}
	c->versions = sdb_xcalloc(r->nversions ? r->nversions : 1,
				  sizeof(*c->versions));
	for (i = 0; i < r->nversions; i++) {
		struct sdb_row *w = row_of(r, r->vnames[i], &rc);

		if (rc)
			return -1;
		c->versions[i] = w && w->n ? w : NULL;
	}
	c->version_dates = (const char *const *)r->vdates;
	c->nversions = r->nversions;
	st = r->st[Q_TRUSTED];
	sqlite3_bind_int(st, 1, code);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char *source = sdb_xstrdup(sdb_col(st, 0));
		struct sdb_row *w = row_of(r, source, &rc);

		free(source);
		if (rc) {
			sqlite3_reset(st);
			return -1;
		}
		if (!w || !w->n)
			continue;
		sdb_grow_array((void **)&c->trusted, &alloc, c->ntrusted + 1,
			       sizeof(*c->trusted));
		c->trusted[c->ntrusted++] = w;
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return db_err(r, "cannot read listings");
	st = r->st[Q_VALUES];
	sqlite3_bind_int(st, 1, code);
	alloc = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_val *v;
		const char *field = sdb_col(st, 1), *value = sdb_col(st, 2);

		if (!field || !value ||
		    (strcmp(field, "name") && strcmp(field, "document"))) {
			sqlite3_reset(st);
			return sdb_db_corrupt(r->db, r->err, "a value of an "
					      "unknown field");
		}
		sdb_grow_array((void **)&c->vals, &alloc, c->nvals + 1,
			       sizeof(*c->vals));
		v = &c->vals[c->nvals++];
		memset(v, 0, sizeof(*v));
		v->id = sqlite3_column_int64(st, 0);
		v->document = !strcmp(field, "document");
		v->value = sdb_xstrdup(value);
		v->votes = sqlite3_column_int(st, 3);
		v->claim = sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE)
		return db_err(r, "cannot read values");
	st = r->st[Q_ISSUES];
	sqlite3_bind_int(st, 1, code);
	alloc = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct sdb_issue *s;

		sdb_grow_array((void **)&c->issues, &alloc, c->nissues + 1,
			       sizeof(*c->issues));
		s = &c->issues[c->nissues++];
		s->source = sdb_xstrdup(sdb_col(st, 0) ? sdb_col(st, 0) : "");
		s->field = sdb_xstrdup(sdb_col(st, 1) ? sdb_col(st, 1) : "");
		s->kind = sdb_xstrdup(sdb_col(st, 2) ? sdb_col(st, 2) : "");
		s->value = sdb_xstrdup(sdb_col(st, 3) ? sdb_col(st, 3) : "");
	}
	sqlite3_reset(st);
	return step == SQLITE_DONE ? 0 : db_err(r, "cannot read issues");
}

static int done(struct rec *r, sqlite3_stmt *st, const char *what)
{
	int step = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return step == SQLITE_DONE ? 0 : db_err(r, what);
}

static int bind_id(sqlite3_stmt *st, int i, sqlite3_int64 id)
{
	return id ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i);
}

/* Writes what the policy decided for c. */
static int write_code(struct rec *r, const struct sdb_code *c)
{
	sqlite3_stmt *st;
	size_t i;

	for (i = 0; i < c->nvals; i++) {
		const struct sdb_val *v = &c->vals[i];

		st = r->st[W_VALUE];
		sqlite3_bind_int64(st, 1, v->id);
		sdb_bind_text(st, 2, v->cls);
		sdb_bind_text(st, 3, v->since);
		sdb_bind_text(st, 4, v->until);
		sdb_bind_text(st, 5, v->by);
		sdb_bind_text(st, 6, v->why);
		if (done(r, st, "cannot classify values"))
			return -1;
	}
	for (i = 0; r->series && i < c->nperiods; i++) {
		const struct sdb_period *p = &c->periods[i];

		st = r->st[W_PERIOD];
		sqlite3_bind_text(st, 1, r->series, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, c->code);
		sdb_bind_text(st, 3, p->since);
		sdb_bind_text(st, 4, p->until);
		sdb_bind_text(st, 5, p->name);
		sdb_bind_text(st, 6, p->notes);
		sdb_bind_text(st, 7, p->refs);
		sdb_bind_text(st, 8, p->first ? p->first : "");
		if (done(r, st, "cannot store the timeline"))
			return -1;
	}
	if (c->nvoting <= 0)
		return 0;	/* only history lists it: no record */
	st = r->st[W_CANONICAL];
	sqlite3_bind_int(st, 1, c->code);
	sdb_bind_text(st, 2, c->name ? c->name->value : NULL);
	bind_id(st, 3, c->name ? c->name->id : 0);
	sdb_bind_text(st, 4, c->name_rule);
	sdb_bind_text(st, 5, sdb_class_name(c->code));
	sdb_bind_text(st, 6, c->desc ? c->desc->value : NULL);
	bind_id(st, 7, c->desc ? c->desc->id : 0);
	sdb_bind_text(st, 8, c->desc_rule);
	sqlite3_bind_int(st, 9, c->official);
	if (c->registered >= 0)
		sqlite3_bind_int(st, 10, c->registered);
	if (done(r, st, "cannot store canonical records"))
		return -1;
	for (i = 0; i < c->nrefs; i++) {
		st = r->st[W_REFERENCE];
		sqlite3_bind_int(st, 1, c->code);
		sqlite3_bind_int(st, 2, (int)i + 1);
		sdb_bind_text(st, 3, c->refs[i].document);
		sdb_bind_text(st, 4, c->refs[i].section);
		sdb_bind_text(st, 5, c->refs[i].url);
		sqlite3_bind_int64(st, 6, c->refs[i].claim);
		sdb_bind_text(st, 7, c->ref_rule);
		if (done(r, st, "cannot store canonical references"))
			return -1;
	}
	for (i = 0; i < c->naliases; i++) {
		const struct sdb_alias *a = &c->aliases[i];

		st = r->st[W_ALIAS];
		sqlite3_bind_int(st, 1, c->code);
		sdb_bind_text(st, 2, a->name);
		sdb_bind_text(st, 3, a->since);
		sdb_bind_text(st, 4, a->until);
		sdb_bind_text(st, 5, a->by);
		sqlite3_bind_int64(st, 6, a->claim);
		sqlite3_bind_int(st, 7, a->deprecated);
		if (done(r, st, "cannot store aliases"))
			return -1;
	}
	for (i = 0; i < SDB_NSTATUS; i++) {
		if (!(c->statuses & (1u << i)))
			continue;
		st = r->st[W_STATUS];
		sqlite3_bind_int(st, 1, c->code);
		sdb_bind_text(st, 2, sdb_status_name((enum sdb_status)i));
		bind_id(st, 3, c->status_claim[i]);
		if (done(r, st, "cannot store statuses"))
			return -1;
	}
	for (i = 0; i < c->nfindings; i++) {
		const struct sdb_finding *f = &c->findings[i];

		st = r->st[W_FINDING];
		sqlite3_bind_int(st, 1, c->code);
		sdb_bind_text(st, 2, f->field);
		sdb_bind_text(st, 3, f->kind);
		sqlite3_bind_int(st, 4, f->minor);
		sdb_bind_text(st, 5, f->source);
		if (done(r, st, "cannot store findings"))
			return -1;
	}
	return 0;
}

static int settle_code(struct rec *r, int code)
{
	struct sdb_code c;
	size_t i;
	int rc = -1, listed;

	r->code = code;
	if ((listed = count(r, Q_NLISTED, code)) < 0)
		return -1;
	if (!listed && r->derived && !r->derived[code])
		return 0;	/* nothing listed, nothing derived: no change */
	for (i = 0; i < NCLEAR; i++) {
		size_t k, n = i == NCLEAR - 1 ? r->ntseries : 1;

		for (k = 0; k < n; k++) {
			sqlite3_bind_int(r->clear[i], 1, code);
			if (i == NCLEAR - 1)
				sqlite3_bind_text(r->clear[i], 2, r->tseries[k],
						  -1, SQLITE_STATIC);
			if (done(r, r->clear[i], "cannot clear a code's records"))
				return -1;
		}
	}
	if (!listed)
		return 0;
	if (load_code(r, &c, code) == 0 && sdb_policy_settle(&c, r->err) == 0)
		rc = write_code(r, &c);
	release_code(r, &c);
	return rc;
}

/*
 * The series the timeline holds, and the codes with derived rows (their
 * references, aliases, statuses and findings go with a canonical record),
 * once per reconciliation of some codes.
 */
static int load_derived(struct rec *r)
{
	sqlite3_stmt *st;
	int step;

	if (sdb_db_prepare(r->db, "SELECT code FROM canonical UNION"
			   " SELECT code FROM timeline", &st, r->err))
		return -1;
	r->derived = sdb_xcalloc(600, 1);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int code = sqlite3_column_int(st, 0);

		if (code >= 100 && code <= 599)
			r->derived[code] = 1;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return db_err(r, "cannot read the records");
	if (sdb_db_prepare(r->db, "SELECT DISTINCT series FROM timeline"
			   " ORDER BY series", &st, r->err))
		return -1;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sdb_col(st, 0))
			continue;
		sdb_grow_array((void **)&r->tseries, &r->tseries_alloc,
			       r->ntseries + 1, sizeof(*r->tseries));
		r->tseries[r->ntseries++] = sdb_xstrdup(sdb_col(st, 0));
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? 0 : db_err(r, "cannot read the timeline");
}

/* The registry and its versions, once per reconciliation. */
static int load_registry(struct rec *r)
{
	sqlite3_stmt *st = r->st[Q_REGISTRY];
	size_t alloc = 0;
	int step = sqlite3_step(st);
	char *version = NULL;

	if (step == SQLITE_ROW) {
		r->registry = sdb_xstrdup(sdb_col(st, 0));
		r->series = sdb_col(st, 1) ? sdb_xstrdup(sdb_col(st, 1)) : NULL;
		version = sdb_col(st, 2) ? sdb_xstrdup(sdb_col(st, 2)) : NULL;
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return db_err(r, "cannot read the sources");
	if (!r->registry)
		return 0;
	if (!r->series && !version)
		return 0;	/* no version: no timeline */
	if (!r->series) {
		/* a registry on its own: its one version is its timeline */
		r->series = sdb_xstrdup(r->registry);
		r->vnames = sdb_xcalloc(1, sizeof(*r->vnames));
		r->vdates = sdb_xcalloc(1, sizeof(*r->vdates));
		r->vnames[0] = sdb_xstrdup(r->registry);
		r->vdates[0] = version;
		r->nversions = 1;
		return 0;
	}
	free(version);
	st = r->st[Q_VERSIONS];
	sqlite3_bind_text(st, 1, r->series, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (!sdb_col(st, 1))
			continue;
		sdb_grow_array((void **)&r->vnames, &alloc, r->nversions + 1,
			       sizeof(*r->vnames));
		r->vdates = sdb_xrealloc(r->vdates, alloc * sizeof(*r->vdates));
		r->vnames[r->nversions] = sdb_xstrdup(sdb_col(st, 0));
		r->vdates[r->nversions++] = sdb_xstrdup(sdb_col(st, 1));
	}
	sqlite3_reset(st);
	return step == SQLITE_DONE ? 0 : db_err(r, "cannot read the series");
}

int sdb_reconcile(sqlite3 *db, const unsigned char *touched,
		  struct sdb_error *err)
{
	struct rec r;
	size_t i;
	int code, ntouched, rc = -1;

	memset(&r, 0, sizeof(r));
	r.db = db;
	r.err = err;
	for (i = 0; i < NSTMT; i++)
		if (sdb_db_prepare(db, sql[i], &r.st[i], err))
			goto out;
	for (i = 0; i < NCLEAR; i++)
		if (sdb_db_prepare(db, clear_sql[i], &r.clear[i], err))
			goto out;
	if (!(r.lineage = sdb_lineage_new(db, err)) || load_registry(&r) ||
	    (touched && load_derived(&r)))
		goto out;
	if (!touched && sdb_db_exec(db, "DELETE FROM canonical;"
				    " DELETE FROM canonical_reference;"
				    " DELETE FROM canonical_alias;"
				    " DELETE FROM canonical_status;"
				    " DELETE FROM finding; DELETE FROM timeline;",
				    err))
		goto out;
	for (code = 100, ntouched = 0; touched && code <= 599; code++)
		ntouched += touched[code] != 0;
	/* reading 17 versions' rows per code costs more, past a few codes */
	if ((!touched || ntouched > 8) && r.nversions && load_version_rows(&r))
		goto out;
	for (code = 100; code <= 599; code++)
		if ((!touched || touched[code]) && settle_code(&r, code))
			goto out;
	rc = sdb_identifiers(db, err);
out:
	for (i = 0; i < NSTMT; i++)
		sqlite3_finalize(r.st[i]);
	for (i = 0; i < NCLEAR; i++)
		sqlite3_finalize(r.clear[i]);
	sdb_lineage_free(r.lineage);
	for (i = 0; i < r.nversions; i++) {
		if (r.vrows && r.vrows[i]) {
			for (code = 100; code <= 599; code++)
				row_free(r.vrows[i][code]);
			free(r.vrows[i]);
		}
		if (r.vempty)
			row_free(r.vempty[i]);
		free(r.vnames[i]);
		free(r.vdates[i]);
	}
	free(r.vrows);
	free(r.vempty);
	for (i = 0; i < r.ntseries; i++)
		free(r.tseries[i]);
	free(r.tseries);
	free(r.derived);
	free(r.vnames);
	free(r.vdates);
	free(r.registry);
	free(r.series);
	free(r.rows);
	return rc;
}

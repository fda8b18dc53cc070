/*
 * identifiers.c - C identifiers are public API: each identifier suffix
 * ("NOT_FOUND", after a prefix such as HTTP_STATUS_) means one code, and
 * an official name always keeps its own.  Names are served in tiers:
 *
 *   1. the names of codes the registry lists
 *   2. their aliases (names they officially had before)
 *   3. the names of other codes (unofficial, or no registry says)
 *   4. their aliases
 *
 * A name gets the suffix it folds to (common/names.h) unless an earlier
 * tier holds it, another code of its tier wants it too, or the header
 * uses it itself (MAP, FLAG_...); a code's name then gets SUFFIX_<code>
 * (or <code> alone), an alias none.  Every such case is written down
 * (identifier.note) and reported as a finding of kind 'identifier'.
 */
#include "reconcile.h"
#include "../common/names.h"
#include "../common/util.h"
#include "../store/db.h"

#include <stdio.h>
#include <string.h>

struct ent {
	int code;
	char *name;		/* owned; NULL: none */
	int alias;		/* 0: the code's name */
	int tier;
	char *base;		/* what the name folds to; owned */
	char *ident;		/* what it gets; owned; NULL: none */
	char *note;		/* owned */
};

struct taken {
	const char *ident;
	int code;
	const struct ent *by;
};

struct ids {
	struct ent *v;
	size_t n, alloc;
	struct taken *t;	/* sorted by ident */
	size_t nt, talloc;
};

/* Suffixes the header uses itself. */
static int reserved(const char *s)
{
	return !strcmp(s, "MAP") || !strcmp(s, "MAP_FLAGS") ||
	       !strcmp(s, "H") || !strcmp(s, "REGISTRY_VERSION") ||
	       !strcmp(s, "STATUSDB_VERSION") || !strncmp(s, "FLAG_", 5) ||
	       !strcmp(s, "FLAG");
}

static int usable(const char *s)
{
	return *s && !(*s >= '0' && *s <= '9');
}

static int taken_cmp(const void *a, const void *b)
{
	return strcmp(((const struct taken *)a)->ident,
		      ((const struct taken *)b)->ident);
}

static const struct taken *taken_find(const struct ids *x, const char *ident)
{
	struct taken key;

	if (!x->nt)
		return NULL;	/* bsearch() wants an array, even of none */
	key.ident = ident;
	return bsearch(&key, x->t, x->nt, sizeof(*x->t), taken_cmp);
}

static void take(struct ids *x, const struct ent *e)
{
	sdb_grow_array((void **)&x->t, &x->talloc, x->nt + 1, sizeof(*x->t));
	x->t[x->nt].ident = e->ident;
	x->t[x->nt].code = e->code;
	x->t[x->nt].by = e;
	x->nt++;
}

static void add(struct ids *x, int code, const char *name, int alias, int tier)
{
	struct ent *e;

	sdb_grow_array((void **)&x->v, &x->alloc, x->n + 1, sizeof(*x->v));
	e = &x->v[x->n++];
	memset(e, 0, sizeof(*e));
	e->code = code;
	e->name = name ? sdb_xstrdup(name) : NULL;
	e->alias = alias;
	e->tier = tier;
	e->base = name ? sdb_ident_snake(name, strlen(name)) : sdb_xstrdup("");
}

/* Entries of one tier, by base then code then name: rivals are adjacent. */
static int by_base(const void *a, const void *b)
{
	const struct ent *x = *(struct ent *const *)a, *y = *(struct ent *const *)b;
	int c = strcmp(x->base, y->base);

	if (c)
		return c;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	if (x->alias != y->alias)
		return x->alias < y->alias ? -1 : 1;
	return strcmp(x->name ? x->name : "", y->name ? y->name : "");
}

static const char *what(const struct ent *e)
{
	return e->alias ? "a former name" : "the name";
}

/* Settles one tier. */
static void settle_tier(struct ids *x, int tier)
{
	struct ent **v = NULL;
	size_t n = 0, alloc = 0, i, j, before = x->nt;
	char num[32];

	for (i = 0; i < x->n; i++)
		if (x->v[i].tier == tier) {
			sdb_grow_array((void **)&v, &alloc, n + 1, sizeof(*v));
			v[n++] = &x->v[i];
		}
	if (n)
		qsort(v, n, sizeof(*v), by_base);
	for (i = 0; i < n; i = j) {
		int codes = 1;

		for (j = i + 1; j < n && !strcmp(v[j]->base, v[i]->base); j++)
			codes += v[j]->code != v[j - 1]->code;
		for (; i < j; i++) {
			struct ent *e = v[i];
			const struct taken *t = usable(e->base) ?
						taken_find(x, e->base) : NULL;
			struct sdb_buf b = SDB_BUF_INIT;

			if (e->alias) {
				/* the code's own suffix, or an alias before it */
				if (t && t->code == e->code)
					continue;
				if (!usable(e->base) || reserved(e->base)) {
					continue;
				} else if (t || codes > 1) {
					sdb_buf_addf(&b, "%s (%s) folds to %s, which %s; "
						     "%d gets no identifier for it",
						     e->name, what(e), e->base,
						     t ? "another code holds"
						     : "another code's name gives too",
						     e->code);
					e->note = sdb_buf_detach(&b);
					continue;
				}
				if (i > 0 && v[i - 1]->code == e->code &&
				    v[i - 1]->alias && !strcmp(v[i - 1]->base, e->base))
					continue;	/* two aliases, one suffix */
				e->ident = sdb_xstrdup(e->base);
				continue;
			}
			snprintf(num, sizeof(num), "%d", e->code);
			if (usable(e->base) && !reserved(e->base) && !t && codes == 1) {
				e->ident = sdb_xstrdup(e->base);
				continue;
			}
			if (usable(e->base)) {
				size_t keep = strlen(e->base);

				if (keep + 1 + strlen(num) > SDB_IDENT_MAX)
					keep = SDB_IDENT_MAX - 1 - strlen(num);
				sdb_buf_add(&b, e->base, keep);
				sdb_buf_addf(&b, "_%s", num);
				if (taken_find(x, b.s))
					sdb_buf_reset(&b);
			}
			if (!b.len)
				sdb_buf_adds(&b, num);
			e->ident = sdb_buf_detach(&b);
			if (!usable(e->base))
				continue;	/* no name that makes one */
			if (reserved(e->base))
				sdb_buf_addf(&b, "%s folds to %s, which the header "
					     "uses itself; %d is %s", e->name,
					     e->base, e->code, e->ident);
			else if (t)
				sdb_buf_addf(&b, "%s folds to %s, which is %d's (%s "
					     "%s); %d is %s", e->name, e->base,
					     t->code, what(t->by),
					     t->by->name ? t->by->name : "",
					     e->code, e->ident);
			else
				sdb_buf_addf(&b, "%s folds to %s, as another code's "
					     "name does; %d is %s", e->name,
					     e->base, e->code, e->ident);
			e->note = sdb_buf_detach(&b);
		}
	}
	for (i = 0; i < n; i++)
		if (v[i]->ident)
			take(x, v[i]);
	if (x->nt > before)
		qsort(x->t, x->nt, sizeof(*x->t), taken_cmp);
	free(v);
}

static int load(sqlite3 *db, struct ids *x, struct sdb_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sdb_db_prepare(db, "SELECT code, name, registered FROM canonical"
			   " ORDER BY code", &st, err))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add(x, sqlite3_column_int(st, 0), sdb_col(st, 1), 0,
		    sqlite3_column_type(st, 2) == SQLITE_INTEGER &&
		    sqlite3_column_int(st, 2) == 1 ? 1 : 3);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sdb_db_error(db, err, "cannot read canonical records");
	if (sdb_db_prepare(db, "SELECT a.code, a.alias, k.registered FROM"
			   " canonical_alias a JOIN canonical k ON k.code = a.code"
			   " ORDER BY a.code, a.alias", &st, err))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add(x, sqlite3_column_int(st, 0), sdb_col(st, 1), 1,
		    sqlite3_column_type(st, 2) == SQLITE_INTEGER &&
		    sqlite3_column_int(st, 2) == 1 ? 2 : 4);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return sdb_db_error(db, err, "cannot read aliases");
	return 0;
}

static int store(sqlite3 *db, const struct ids *x, struct sdb_error *err)
{
	static const char *const q[] = {
		"UPDATE canonical SET ident = ?2 WHERE code = ?1",
		"UPDATE canonical_alias SET ident = ?2 WHERE code = ?1 AND alias = ?3",
		"INSERT OR REPLACE INTO identifier (ident, code, name, alias, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5)",
		"INSERT OR IGNORE INTO finding (code, field, kind, minor, source)"
		" VALUES (?1, 'name', 'identifier', 1, '')",
		"UPDATE identifier SET note = coalesce(note || '; ', '') || ?2"
		" WHERE ident = (SELECT ident FROM canonical WHERE code = ?1)",
	};
	sqlite3_stmt *st[5] = { NULL, NULL, NULL, NULL, NULL };
	size_t i, k;
	int rc = -1;

	if (sdb_db_exec(db, "DELETE FROM identifier;"
			" DELETE FROM finding WHERE kind = 'identifier';"
			" UPDATE canonical_alias SET ident = NULL;", err))
		return -1;
	for (k = 0; k < 5; k++)
		if (sdb_db_prepare(db, q[k], &st[k], err))
			goto out;
	for (i = 0; i < x->n; i++) {
		const struct ent *e = &x->v[i];

		if (e->ident) {
			sqlite3_bind_int(st[e->alias], 1, e->code);
			sqlite3_bind_text(st[e->alias], 2, e->ident, -1, SQLITE_STATIC);
			if (e->alias)
				sdb_bind_text(st[1], 3, e->name);
			if (sqlite3_step(st[e->alias]) != SQLITE_DONE)
				goto db;
			sqlite3_reset(st[e->alias]);
			sqlite3_bind_text(st[2], 1, e->ident, -1, SQLITE_STATIC);
			sqlite3_bind_int(st[2], 2, e->code);
			sdb_bind_text(st[2], 3, e->name);
			sqlite3_bind_int(st[2], 4, e->alias);
			sdb_bind_text(st[2], 5, e->alias ? NULL : e->note);
			if (sqlite3_step(st[2]) != SQLITE_DONE)
				goto db;
			sqlite3_reset(st[2]);
		}
		if (e->note) {
			sqlite3_bind_int(st[3], 1, e->code);
			if (sqlite3_step(st[3]) != SQLITE_DONE)
				goto db;
			sqlite3_reset(st[3]);
			if (e->alias) {
				sqlite3_bind_int(st[4], 1, e->code);
				sqlite3_bind_text(st[4], 2, e->note, -1, SQLITE_STATIC);
				if (sqlite3_step(st[4]) != SQLITE_DONE)
					goto db;
				sqlite3_reset(st[4]);
			}
		}
	}
	rc = 0;
	goto out;
db:
	sdb_db_error(db, err, "cannot store identifiers");
out:
	for (k = 0; k < 5; k++)
		sqlite3_finalize(st[k]);
	return rc;
}

int sdb_identifiers(sqlite3 *db, struct sdb_error *err)
{
	struct ids x;
	size_t i;
	int tier, rc;

	memset(&x, 0, sizeof(x));
	rc = load(db, &x, err);
	for (tier = 1; !rc && tier <= 4; tier++)
		settle_tier(&x, tier);
	if (!rc)
		rc = store(db, &x, err);
	for (i = 0; i < x.n; i++) {
		free(x.v[i].name);
		free(x.v[i].base);
		free(x.v[i].ident);
		free(x.v[i].note);
	}
	free(x.v);
	free(x.t);
	return rc;
}

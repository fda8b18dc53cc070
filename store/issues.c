/*
 * issues.c - a source's disagreements with itself, found as it is stored
 * (see issues.h).
 */
#include "issues.h"
#include "db.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <stdlib.h>
#include <string.h>

static int add_issue(sqlite3_stmt *st, const char *source,
		     const struct sdb_claim *c, const char *field,
		     const char *kind, const char *value, sqlite3_int64 id)
{
	return sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC) ||
	       sqlite3_bind_int(st, 2, c->code) ||
	       sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC) ||
	       sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC) ||
	       sqlite3_bind_text(st, 5, value, -1, SQLITE_TRANSIENT) ||
	       sqlite3_bind_int64(st, 6, id) || sdb_db_step_done(st);
}

/* Sorting claims for the duplicate check: by code, field, entry. */
static const struct sdb_claim *sort_base;

static int by_code_field(const void *a, const void *b)
{
	const struct sdb_claim *x = &sort_base[*(const size_t *)a];
	const struct sdb_claim *y = &sort_base[*(const size_t *)b];

	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	if (x->field != y->field)
		return x->field < y->field ? -1 : 1;
	if (x->entry != y->entry)
		return x->entry < y->entry ? -1 : 1;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

/*
 * The names and descriptions of c by code, field and entry (as
 * by_code_field() orders them), in *n indexes.  A stable counting sort by
 * code and field keeps the file's order, which is the entries' order in
 * almost every list; a group where it is not is sorted on its own.
 */
static size_t *dup_order(const struct sdb_claims *c, size_t *n)
{
	size_t *order = sdb_xmalloc((c->n ? c->n : 1) * sizeof(*order));
	size_t start[1001] = { 0 }, i, k;

#define DUP_KEY(cl) ((size_t)((cl)->code - 100) * 2 + \
		     ((cl)->field == SDB_FIELD_DESCRIPTION))
#define DUP_CLAIM(cl) (((cl)->field == SDB_FIELD_NAME || \
			(cl)->field == SDB_FIELD_DESCRIPTION) && \
		       (cl)->code >= 100 && (cl)->code <= 599)
	*n = 0;
	for (i = 0; i < c->n; i++)
		if (DUP_CLAIM(&c->v[i])) {
			start[DUP_KEY(&c->v[i]) + 1]++;
			(*n)++;
		}
	for (k = 1; k <= 1000; k++)
		start[k] += start[k - 1];
	for (i = 0; i < c->n; i++)
		if (DUP_CLAIM(&c->v[i]))
			order[start[DUP_KEY(&c->v[i])]++] = i;
	/* start[k] is now where group k + 1 begins */
	sort_base = c->v;
	for (k = 0, i = 0; k < 1000; i = start[k++]) {
		size_t j;

		for (j = i + 1; j < start[k]; j++)
			if (c->v[order[j]].entry < c->v[order[j - 1]].entry)
				break;
		if (j < start[k])
			qsort(order + i, start[k] - i, sizeof(*order),
			      by_code_field);
	}
#undef DUP_KEY
#undef DUP_CLAIM
	return order;
}

int sdb_find_issues(sqlite3_stmt *s, const char *source,
		    const struct sdb_claims *c, const sqlite3_int64 *ids)
{
	size_t i, j, *order, n = 0, *head, *next;
	unsigned char *mismatch;
	struct sdb_buf v = SDB_BUF_INIT;
	int rc = 0;

	/* links: claims chained per link number, labels against targets */
	mismatch = sdb_xcalloc((size_t)c->links + 1, 1);
	head = sdb_xmalloc(((size_t)c->links + 1) * sizeof(*head));
	next = sdb_xmalloc((c->n ? c->n : 1) * sizeof(*next));
	for (i = 0; i <= (size_t)c->links; i++)
		head[i] = (size_t)-1;
	for (i = c->n; i-- > 0;) {
		int l = c->v[i].link;

		if (l <= 0 || l > c->links)
			continue;
		next[i] = head[l];
		head[l] = i;
	}
	for (i = 1; i <= (size_t)c->links; i++) {
		size_t a, b;

		for (a = head[i]; a != (size_t)-1; a = next[a]) {
			const struct sdb_claim *l = &c->v[a];

			if (l->field != SDB_FIELD_REFERENCE)
				continue;
			mismatch[i] |= 1;	/* has a label */
			for (b = head[i]; b != (size_t)-1; b = next[b]) {
				const struct sdb_claim *t = &c->v[b];

				if (t->field != SDB_FIELD_REFERENCE_TARGET)
					continue;
				mismatch[i] |= 2;	/* has a target */
				/* they agree; a URL naming no document (its
				 * value is the URL) contradicts no label */
				if ((!strcmp(l->value, t->value) &&
				     (!l->section || !t->section ||
				      !strcmp(l->section, t->section))) ||
				    (t->url && !strcmp(t->value, t->url)))
					mismatch[i] |= 4;
			}
		}
	}
	for (i = 0; i < c->n && !rc; i++) {
		const struct sdb_claim *l = &c->v[i];

		if (l->link <= 0 || l->link > c->links || mismatch[l->link] != 3 ||
		    (l->field != SDB_FIELD_REFERENCE &&
		     l->field != SDB_FIELD_REFERENCE_TARGET))
			continue;
		sdb_buf_reset(&v);
		sdb_buf_adds(&v, l->value);
		if (l->section)
			sdb_buf_addf(&v, ", Section %s", l->section);
		rc = add_issue(s, source, l, "reference", "link", v.s, ids[i]);
	}
	free(head);
	free(next);
	free(mismatch);
	/* duplicates: one code, several entries, different values */
	order = dup_order(c, &n);
	for (i = 0; i < n && !rc; i = j) {
		const struct sdb_claim *a = &c->v[order[i]];
		int entries = 1, differ = 0;

		for (j = i + 1; j < n && c->v[order[j]].code == a->code &&
		     c->v[order[j]].field == a->field; j++) {
			const struct sdb_claim *b = &c->v[order[j]];

			entries += b->entry != c->v[order[j - 1]].entry;
			differ |= strcmp(b->value, a->value) != 0;
		}
		if (entries < 2 || !differ)
			continue;
		for (; i < j && !rc; i++) {
			const struct sdb_claim *b = &c->v[order[i]];

			rc = add_issue(s, source, b, sdb_field_name(b->field),
				       "duplicate", b->value, ids[order[i]]);
		}
	}
	free(order);
	sdb_buf_release(&v);
	return rc ? -1 : 0;
}

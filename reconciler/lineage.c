/*
 * lineage.c - obsolescence chains and dates of documents (see lineage.h).
 */
#include "lineage.h"
#include "../common/util.h"
#include "../store/db.h"

#include <string.h>

/* What is known of one document, once read. */
struct doc {
	char *name;
	char **succ;		/* documents that obsolete it; owned */
	size_t nsucc;
	int succ_read;
	char *date;		/* owned, NULL: none */
	int date_read;
};

struct sdb_lineage {
	sqlite3 *db;
	sqlite3_stmt *succ, *date;
	struct doc *v;		/* unsorted: lineages are small */
	size_t n, alloc;
};

struct sdb_lineage *sdb_lineage_new(sqlite3 *db, struct sdb_error *err)
{
	struct sdb_lineage *l = sdb_xcalloc(1, sizeof(*l));

	l->db = db;
	if (sdb_db_prepare(db, "SELECT value FROM doc_claim WHERE document = ?1"
			   " AND field = 'obsoleted-by' UNION SELECT document"
			   " FROM doc_claim WHERE value = ?1 AND field ="
			   " 'obsoletes' ORDER BY 1", &l->succ, err) ||
	    sdb_db_prepare(db, "SELECT value FROM doc_claim WHERE document = ?1"
			   " AND field = 'date' ORDER BY id LIMIT 1", &l->date,
			   err)) {
		sdb_lineage_free(l);
		return NULL;
	}
	return l;
}

void sdb_lineage_free(struct sdb_lineage *l)
{
	size_t i, k;

	if (!l)
		return;
	for (i = 0; i < l->n; i++) {
		for (k = 0; k < l->v[i].nsucc; k++)
			free(l->v[i].succ[k]);
		free(l->v[i].succ);
		free(l->v[i].name);
		free(l->v[i].date);
	}
	free(l->v);
	sqlite3_finalize(l->succ);
	sqlite3_finalize(l->date);
	free(l);
}

static struct doc *find(struct sdb_lineage *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].name, name))
			return &l->v[i];
	sdb_grow_array((void **)&l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	memset(&l->v[l->n], 0, sizeof(*l->v));
	l->v[l->n].name = sdb_xstrdup(name);
	return &l->v[l->n++];
}

/* The documents that obsolete name.  Returns 0 or -1 (err filled). */
static int successors(struct sdb_lineage *l, size_t i, struct sdb_error *err)
{
	size_t alloc = 0;
	int rc;

	if (l->v[i].succ_read)
		return 0;
	sqlite3_bind_text(l->succ, 1, l->v[i].name, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(l->succ)) == SQLITE_ROW) {
		const char *s = sdb_col(l->succ, 0);
		struct doc *d = &l->v[i];

		if (!s || !strcmp(s, d->name))
			continue;
		sdb_grow_array((void **)&d->succ, &alloc, d->nsucc + 1,
			       sizeof(*d->succ));
		d->succ[d->nsucc++] = sdb_xstrdup(s);
	}
	sqlite3_reset(l->succ);
	if (rc != SQLITE_DONE)
		return sdb_db_error(l->db, err, "cannot read the documents");
	l->v[i].succ_read = 1;
	return 0;
}

const char *sdb_lineage_successor(struct sdb_lineage *l, const char *doc,
				  const char *later, int *rc,
				  struct sdb_error *err)
{
	/* breadth first from doc; first[] is the first step of each path */
	char **queue = NULL, **first = NULL;
	size_t n = 0, head = 0, alloc = 0, falloc = 0, i, k;
	const char *found = NULL;

	*rc = 0;
	sdb_grow_array((void **)&queue, &alloc, 1, sizeof(*queue));
	sdb_grow_array((void **)&first, &falloc, 1, sizeof(*first));
	queue[n] = sdb_xstrdup(doc);
	first[n++] = NULL;
	while (head < n && !found && n < 4096) {
		struct doc *d = find(l, queue[head]);
		size_t at = (size_t)(d - l->v);

		if (successors(l, at, err)) {
			*rc = -1;
			break;
		}
		d = &l->v[at];
		for (k = 0; k < d->nsucc && !found; k++) {
			const char *via = first[head] ? first[head] : d->succ[k];

			for (i = 0; i < n; i++)	/* visited */
				if (!strcmp(queue[i], d->succ[k]))
					break;
			if (i < n)
				continue;
			if (!strcmp(d->succ[k], later)) {
				found = find(l, via)->name;
				break;
			}
			sdb_grow_array((void **)&queue, &alloc, n + 1, sizeof(*queue));
			sdb_grow_array((void **)&first, &falloc, n + 1, sizeof(*first));
			queue[n] = sdb_xstrdup(d->succ[k]);
			first[n++] = (char *)via;
		}
		head++;
	}
	for (i = 0; i < n; i++)
		free(queue[i]);
	free(queue);
	free(first);
	return found;
}

const char *sdb_lineage_date(struct sdb_lineage *l, const char *doc, int *rc,
			     struct sdb_error *err)
{
	struct doc *d = find(l, doc);
	int step;

	*rc = 0;
	if (d->date_read)
		return d->date;
	sqlite3_bind_text(l->date, 1, doc, -1, SQLITE_TRANSIENT);
	step = sqlite3_step(l->date);
	if (step == SQLITE_ROW && sdb_col(l->date, 0))
		d->date = sdb_xstrdup(sdb_col(l->date, 0));
	sqlite3_reset(l->date);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		*rc = sdb_db_error(l->db, err, "cannot read the documents");
		return NULL;
	}
	d->date_read = 1;
	return d->date;
}

/*
 * claims.c - the list of claims an importer produces.
 */
#include "importer.h"
#include "../common/util.h"

#include <string.h>

static const char *const field_names[] = {
	"name", "note", "description", "reference", "reference_target", "class",
	"identifier"
};

const char *sdb_field_name(enum sdb_field f)
{
	return field_names[f];
}

static const char *const doc_field_names[] = {
	"title", "date", "status", "obsoletes", "obsoleted-by", "updates",
	"updated-by"
};

const char *sdb_doc_field_name(enum sdb_doc_field f)
{
	return doc_field_names[f];
}

void sdb_claims_init(struct sdb_claims *c)
{
	memset(c, 0, sizeof(*c));
}

void sdb_claims_begin_link(struct sdb_claims *c)
{
	c->link = ++c->links;
}

void sdb_claims_end_link(struct sdb_claims *c)
{
	c->link = 0;
}

void sdb_claims_release(struct sdb_claims *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].value);
		free(c->v[i].section);
		free(c->v[i].url);
	}
	for (i = 0; i < c->nranges; i++)
		free(c->ranges[i].value);
	for (i = 0; i < c->ndocs; i++) {
		free(c->docs[i].document);
		free(c->docs[i].value);
	}
	free(c->docs);
	free(c->v);
	free(c->ranges);
	free(c->version);
	sdb_claims_init(c);
}

struct sdb_claim *sdb_claims_add(struct sdb_claims *c, int entry, int code,
				 enum sdb_field field, const char *value,
				 size_t start, size_t end)
{
	struct sdb_claim *cl;

	sdb_grow_array((void **)&c->v, &c->alloc, c->n + 1, sizeof(*c->v));
	cl = &c->v[c->n++];
	memset(cl, 0, sizeof(*cl));
	cl->entry = entry;
	cl->link = c->link;
	cl->code = code;
	cl->field = field;
	cl->value = sdb_xstrdup(value);
	cl->start = start;
	cl->end = end;
	return cl;
}

void sdb_claims_add_range(struct sdb_claims *c, int first, int last,
			  const char *value, size_t start, size_t end)
{
	struct sdb_range *r;

	sdb_grow_array((void **)&c->ranges, &c->ranges_alloc, c->nranges + 1,
		       sizeof(*c->ranges));
	r = &c->ranges[c->nranges++];
	r->first = first;
	r->last = last;
	r->value = sdb_xstrdup(value);
	r->start = start;
	r->end = end;
}

void sdb_claims_add_doc(struct sdb_claims *c, const char *document,
			enum sdb_doc_field field, const char *value,
			size_t start, size_t end)
{
	struct sdb_doc_claim *d;

	sdb_grow_array((void **)&c->docs, &c->docs_alloc, c->ndocs + 1,
		       sizeof(*c->docs));
	d = &c->docs[c->ndocs++];
	d->document = sdb_xstrdup(document);
	d->field = field;
	d->value = sdb_xstrdup(value);
	d->start = start;
	d->end = end;
}

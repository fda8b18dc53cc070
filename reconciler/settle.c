/*
 * settle.c - settling a code's record once its values are classified
 * (policy.c): the name, description, references and statuses by rank
 * from the rows of the same status, the rules that explain them, the
 * aliases (former names), and the findings.  See policy.h and README.md.
 */
#include "policy.h"
#include "policy_int.h"
#include "../common/names.h"
#include "../common/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Classes of names that describe the registry's status of the code. */
static int registry_status(const char *cls)
{
	return !cls || cls == SDB_CURRENT || cls == SDB_FORMER ||
	       cls == SDB_VARIANT || cls == SDB_UNREGISTERED;
}

/*
 * 1 when row r describes the same status as the record's name: a row
 * without a name does; with the record named as the registry has the
 * code (current, former, variant), a row named so too; with the record
 * named after another status (a source ranked above the registry gave
 * it), a row giving that name, in any case.
 */
static int same_status(struct sdb_code *c, const struct sdb_row *r)
{
	const struct sdb_rclaim *n = sdb_row_first(r, SDB_FIELD_NAME);
	const struct sdb_val *v, *k;

	if (!n)
		return 1;
	v = sdb_find_val(c, 0, n->value);
	k = c->name ? sdb_find_val(c, 0, c->name->value) : NULL;
	if (!k || registry_status(k->cls))
		return !v || registry_status(v->cls);
	return sdb_same_key(n->value, c->name->value);
}

/*
 * The record: its name from the highest-ranked source that gives one
 * (rank decides; fixed_name when the unused-code rule chose it), the
 * other fields from the highest-ranked rows of the same status.
 */
int sdb_settle_record(struct sdb_pctx *x, const struct sdb_rclaim *fixed_name,
			 int unused_rule, struct sdb_error *err)
{
	struct sdb_code *c = x->c;
	const struct sdb_rclaim *d[MAXDOCS];
	int have_refs = 0, have_status = 0, rc;
	size_t i, k, nd;

	(void)err;
	c->name = fixed_name;
	for (i = 0; !unused_rule && !c->name; i++) {
		struct sdb_row *r = sdb_top_row(x, i, &rc);

		if (rc)
			return -1;
		if (!r)
			break;
		c->name = sdb_row_name(r);
	}
	for (i = 0; ; i++) {
		struct sdb_row *r = sdb_top_row(x, i, &rc);

		if (rc)
			return -1;
		if (!r || (c->desc && have_refs && have_status))
			break;
		if (!same_status(c, r))
			continue;
		if (!have_refs && (nd = sdb_row_docs(r, d, MAXDOCS)) > 0) {
			c->refs = sdb_xcalloc(nd, sizeof(*c->refs));
			for (k = 0; k < nd; k++) {
				const struct sdb_rclaim *t = NULL;
				size_t j;

				/* the URL: the target of the same link */
				for (j = 0; j < r->n && d[k]->field ==
				     SDB_FIELD_REFERENCE; j++)
					if (r->v[j].field == SDB_FIELD_REFERENCE_TARGET &&
					    ((d[k]->link && r->v[j].link == d[k]->link) ||
					     !strcmp(r->v[j].value, d[k]->value))) {
						t = &r->v[j];
						break;
					}
				if (d[k]->field == SDB_FIELD_REFERENCE_TARGET)
					t = d[k];
				c->refs[k].document = d[k]->value;
				c->refs[k].section = d[k]->section ? d[k]->section
						     : t && !strcmp(t->value, d[k]->value)
						     ? t->section : NULL;
				c->refs[k].url = t ? t->url : NULL;
				c->refs[k].claim = d[k]->id;
			}
			c->nrefs = nd;
			have_refs = 1;
		}
		if (!c->desc) {
			const struct sdb_rclaim *e = sdb_row_first(r, SDB_FIELD_DESCRIPTION);

			if (e && !sdb_is_status_word(e->value, strlen(e->value)))
				c->desc = e;
		}
		if (!have_status) {
			for (k = 0; k < r->n; k++) {
				unsigned st, b;

				if (r->v[k].field != SDB_FIELD_NOTE)
					continue;
				st = sdb_note_statuses(r->v[k].value);
				for (b = 0; b < SDB_NSTATUS; b++)
					if ((st & (1u << b)) && !(c->statuses & (1u << b))) {
						c->statuses |= 1u << b;
						c->status_claim[b] = r->v[k].id;
					}
			}
			have_status = 1;
		}
	}
	return 0;
}

/* Rules: how the record's values were chosen. */
void sdb_settle_rules(struct sdb_code *c, int unused_rule)
{
	size_t i, k, names = 0, docs = 0, in_refs = 0;

	for (i = 0; i < c->nvals; i++) {
		if (c->vals[i].votes <= 0)
			continue;
		if (!c->vals[i].document) {
			names++;
		} else {
			docs++;
			for (k = 0; k < c->nrefs; k++)
				if (!strcmp(c->refs[k].document, c->vals[i].value))
					in_refs++;
		}
	}
	c->name_rule = !c->name ? NULL : unused_rule ? "unused-code"
		       : c->nvoting == 1 ? "only-source"
		       : names == 1 ? "unanimous" : "highest-rank";
	c->ref_rule = !c->nrefs ? NULL : c->nvoting == 1 ? "only-source"
		      : in_refs == docs ? "unanimous" : "highest-rank";
	c->desc_rule = !c->desc ? NULL : c->nvoting == 1 ? "only-source"
		       : "highest-rank";
}

static void add_finding(struct sdb_code *c, const char *field, const char *kind,
			const char *source, int minor)
{
	c->findings = sdb_xrealloc(c->findings, (c->nfindings + 1) *
				   sizeof(*c->findings));
	c->findings[c->nfindings].field = field;
	c->findings[c->nfindings].kind = kind;
	c->findings[c->nfindings].source = source ? source : "";
	c->findings[c->nfindings].minor = minor;
	c->nfindings++;
}

/* Issues by source, kind, field and value. */
static int by_issue(const void *a, const void *b)
{
	const struct sdb_issue *x = a, *y = b;
	int d = strcmp(x->source, y->source);

	if (!d)
		d = strcmp(x->kind, y->kind);
	if (!d)
		d = strcmp(x->field, y->field);
	if (!d)
		d = strcmp(x->value, y->value);
	return d;
}

void sdb_settle_findings(struct sdb_code *c)
{
	size_t i, k;
	int names = 0, variants_only = 1, name_minor = 1;
	int docs = 0, doc_minor = 1;

	for (i = 0; i < c->nvals; i++) {
		const struct sdb_val *v = &c->vals[i];

		if (v->votes <= 0 || v->cls == SDB_CURRENT ||
		    v->cls == SDB_UNREGISTERED)
			continue;
		if (!v->document) {
			names++;
			variants_only &= v->cls == SDB_VARIANT;
			name_minor &= v->cls == SDB_FORMER || v->cls == SDB_VARIANT;
		} else {
			docs++;
			doc_minor &= v->cls == SDB_OBSOLETED;
		}
	}
	if (names)
		add_finding(c, "name", variants_only ? "name-case" : "name", NULL,
			    name_minor);
	if (docs)
		add_finding(c, "reference", "reference", NULL, doc_minor);
	/*
	 * A source's own: one finding per (kind, field, source).  Sorted,
	 * equal triples are neighbours: one pass, not a search of every
	 * earlier issue per issue.
	 */
	if (c->nissues > 1)
		qsort(c->issues, c->nissues, sizeof(*c->issues), by_issue);
	for (i = 0; i < c->nissues; i++) {
		const struct sdb_issue *s = &c->issues[i];
		int minor = 1;

		if (i > 0 && !strcmp(c->issues[i - 1].source, s->source) &&
		    !strcmp(c->issues[i - 1].kind, s->kind) &&
		    !strcmp(c->issues[i - 1].field, s->field))
			continue;
		if (strcmp(s->kind, "link")) {
			minor = 0;
		} else {
			/* stale when every document it names is current or
			 * obsoleted: a label updated, its URL left behind
			 * (every field of this source's links: they follow) */
			for (k = i; k < c->nissues; k++) {
				const struct sdb_issue *t = &c->issues[k];
				const char *sec = strstr(t->value, ", Section ");
				char *doc;
				const struct sdb_val *v;

				if (strcmp(t->source, s->source) ||
				    strcmp(t->kind, s->kind))
					break;
				doc = sdb_xstrndup(t->value, sec ? (size_t)(sec - t->value)
						   : strlen(t->value));
				v = sdb_find_val(c, 1, doc);
				if (!v || (v->cls != SDB_CURRENT &&
					   v->cls != SDB_OBSOLETED))
					minor = 0;
				free(doc);
			}
		}
		add_finding(c, s->field, s->kind, s->source, minor);
	}
}

void sdb_settle_aliases(struct sdb_code *c, const struct sdb_rclaim *regname)
{
	size_t i, alloc = 0;

	for (i = 0; i < c->nvals; i++) {
		const struct sdb_val *v = &c->vals[i];
		struct sdb_alias *a;

		if (v->document || v->cls != SDB_FORMER ||
		    (c->name && !strcmp(c->name->value, v->value)))
			continue;
		sdb_grow_array((void **)&c->aliases, &alloc, c->naliases + 1,
			       sizeof(*c->aliases));
		a = &c->aliases[c->naliases++];
		a->name = v->value;
		a->since = v->since;
		a->until = v->until;
		a->by = v->by;
		a->claim = v->claim;
		a->deprecated = 1;
	}
	/* the registry's name, when a higher-ranked source gives another */
	if (regname && c->name && strcmp(regname->value, c->name->value)) {
		struct sdb_alias *a;
		const char *since = NULL;

		for (i = 0; i < c->nperiods; i++)
			if (sdb_str_eq(c->periods[i].name, regname->value) && !since)
				since = c->periods[i].since;
		sdb_grow_array((void **)&c->aliases, &alloc, c->naliases + 1,
			       sizeof(*c->aliases));
		a = &c->aliases[c->naliases++];
		a->name = regname->value;
		a->since = since;
		a->until = NULL;
		a->by = "the registry";
		a->claim = regname->id;
		a->deprecated = 0;
	}
}

/*
 * policy.c - classifying every value of a code, then settling its record
 * (the record itself in settle.c)
 * (see policy.h and README.md).
 *
 * The order of decisions for one code:
 *
 *  1. The registry's timeline: its versions' rows for the code, grouped
 *     into periods of the same name, notes and references.  Names and
 *     documents of earlier periods are former names and replaced
 *     documents, each with its period.
 *  2. What is current: the registry's row now.  A code the registry marks
 *     (Unused) has no name there; its name is the highest-ranked name a
 *     registry-like source gives it (418 I'm a teapot), if any.  A code
 *     the registry does not list takes the highest-ranked source's name
 *     and documents.
 *  3. Documents: current, obsoleted (the RFC index says a current document
 *     obsoletes it, through a chain; or the registry cited it before), or
 *     a conflict.
 *  4. Names: current, former (the registry's before; or given by a
 *     registry-like source in a row citing only obsoleted documents),
 *     variant (case or punctuation; or a status word such as "Reserved"),
 *     another status (a registered code's name no registry version gave),
 *     unregistered (a code the registry leaves unassigned), or conflict.
 *  5. The record: rank decides.  The highest-ranked voting source whose
 *     row describes the same status (its name current, former, a variant,
 *     or absent) gives each field; a status word is never a name nor a
 *     description.
 */
#include "policy.h"
#include "policy_int.h"
#include "../common/names.h"
#include "../common/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char sdb_class_current[] = "current";
const char sdb_class_former[] = "former";
const char sdb_class_obsoleted[] = "obsoleted";
const char sdb_class_variant[] = "variant";
const char sdb_class_another[] = "another-status";
const char sdb_class_unregistered[] = "unregistered";
const char sdb_class_conflict[] = "conflict";

const char *sdb_class_name(int code)
{
	static const char *const classes[] = {
		"Informational", "Success", "Redirection", "Client Error",
		"Server Error"
	};

	return code >= 100 && code <= 599 ? classes[code / 100 - 1] : NULL;
}

/* --- rows ------------------------------------------------------------- */

const struct sdb_rclaim *sdb_row_first(const struct sdb_row *r,
					  enum sdb_field f)
{
	size_t i;

	for (i = 0; r && i < r->n; i++)
		if (r->v[i].field == f)
			return &r->v[i];
	return NULL;
}

/* The documents a row cites: its labels, or, with none, the targets that
 * name a document.  Up to max, each document once; returns how many. */
size_t sdb_row_docs(const struct sdb_row *r, const struct sdb_rclaim **out,
		       size_t max)
{
	size_t i, k, n = 0;
	int labels = sdb_row_first(r, SDB_FIELD_REFERENCE) != NULL;

	for (i = 0; r && i < r->n && n < max; i++) {
		const struct sdb_rclaim *c = &r->v[i];

		if (c->field != (labels ? SDB_FIELD_REFERENCE
				 : SDB_FIELD_REFERENCE_TARGET) || !c->vid)
			continue;
		for (k = 0; k < n && strcmp(out[k]->value, c->value); k++)
			;
		if (k == n)
			out[n++] = c;
	}
	return n;
}

/* A row's name, unless it is only a status word. */
const struct sdb_rclaim *sdb_row_name(const struct sdb_row *r)
{
	const struct sdb_rclaim *n = sdb_row_first(r, SDB_FIELD_NAME);

	return n && !sdb_is_status_word(n->value, strlen(n->value)) ? n : NULL;
}

/* The notes of a row, "; "-joined (the caller frees). */
static char *row_notes(const struct sdb_row *r)
{
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;

	for (i = 0; r && i < r->n; i++)
		if (r->v[i].field == SDB_FIELD_NOTE) {
			if (b.len)
				sdb_buf_adds(&b, "; ");
			sdb_buf_adds(&b, r->v[i].value);
		}
	return b.len ? sdb_buf_detach(&b) : NULL;
}

/* --- values ----------------------------------------------------------- */

struct sdb_val *sdb_find_val(struct sdb_code *c, int document,
				const char *value)
{
	size_t i;

	for (i = 0; value && i < c->nvals; i++)
		if (c->vals[i].document == document &&
		    !strcmp(c->vals[i].value, value))
			return &c->vals[i];
	return NULL;
}

int sdb_same_key(const char *a, const char *b)
{
	struct sdb_buf x = SDB_BUF_INIT, y = SDB_BUF_INIT;
	int same;

	sdb_name_key(&x, a);
	sdb_name_key(&y, b);
	same = x.len && !strcmp(x.s, y.s);
	sdb_buf_release(&x);
	sdb_buf_release(&y);
	return same;
}

static char *dup_or_null(const char *s)
{
	return s ? sdb_xstrdup(s) : NULL;
}

#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
static void set_class(struct sdb_val *v, const char *cls, const char *since,
		      const char *until, const char *by, const char *unused,
		      const char *fmt, ...)
{
	struct sdb_buf b = SDB_BUF_INIT;
	va_list ap;
	int n;

	(void)unused;
	v->cls = cls;
	free(v->since);
	free(v->until);
	free(v->by);
	free(v->why);
	v->since = dup_or_null(since);
	v->until = dup_or_null(until);
	v->by = dup_or_null(by);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n > 0) {
		sdb_buf_grow(&b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b.s, (size_t)n + 1, fmt, ap);
		va_end(ap);
		b.len = (size_t)n;
	}
	v->why = sdb_buf_detach(&b);
}

/* --- the timeline ----------------------------------------------------- */

static char *period_refs(const struct sdb_row *r, struct sdb_period *p)
{
	struct sdb_buf b = SDB_BUF_INIT;
	const struct sdb_rclaim *d[MAXDOCS];
	size_t n = sdb_row_docs(r, d, MAXDOCS), i;

	p->docs = sdb_xcalloc(n ? n : 1, sizeof(*p->docs));
	for (i = 0; i < n; i++) {
		if (b.len)
			sdb_buf_adds(&b, "; ");
		sdb_buf_adds(&b, d[i]->value);
		if (d[i]->section)
			sdb_buf_addf(&b, ", Section %s", d[i]->section);
		p->docs[p->ndocs++] = sdb_xstrdup(d[i]->value);
	}
	return b.len ? sdb_buf_detach(&b) : NULL;
}

int sdb_str_eq(const char *a, const char *b)
{
	return a ? b && !strcmp(a, b) : !b;
}

static void timeline(struct sdb_code *c)
{
	size_t i, alloc = 0;
	int open = 0;

	for (i = 0; i < c->nversions; i++) {
		const struct sdb_row *r = c->versions[i];
		const struct sdb_rclaim *n = sdb_row_first(r, SDB_FIELD_NAME);
		struct sdb_period p;

		if (!r && !open)
			continue;
		memset(&p, 0, sizeof(p));
		p.since = c->version_dates[i];
		p.first = r ? r->source : NULL;
		p.name = r && n ? sdb_xstrdup(n->value) : NULL;
		p.name_claim = n ? n->id : 0;
		p.notes = row_notes(r);
		p.refs = period_refs(r, &p);
		if (open) {
			struct sdb_period *q = &c->periods[c->nperiods - 1];

			if (sdb_str_eq(q->name, p.name) && sdb_str_eq(q->notes, p.notes) &&
			    sdb_str_eq(q->refs, p.refs) && (r != NULL) == (q->first != NULL)) {
				size_t k;

				free(p.name);
				free(p.notes);
				free(p.refs);
				for (k = 0; k < p.ndocs; k++)
					free(p.docs[k]);
				free(p.docs);
				continue;
			}
			q->until = p.since;
		}
		sdb_grow_array((void **)&c->periods, &alloc, c->nperiods + 1,
			       sizeof(*c->periods));
		c->periods[c->nperiods++] = p;
		open = 1;
	}
}

static int period_cites(const struct sdb_period *p, const char *doc)
{
	size_t k;

	for (k = 0; k < p->ndocs; k++)
		if (!strcmp(p->docs[k], doc))
			return 1;
	return 0;
}

/*
 * When an earlier period of the timeline named the code name (exactly):
 * the first such period's start, the start of the period that named it
 * otherwise, and that name.  Returns 1, or 0 when none did (or it is the
 * name now).
 */
static int timeline_former_name(const struct sdb_code *c, const char *name,
				const char **since, const char **until,
				const char **by)
{
	size_t i, j;

	for (i = 0; i < c->nperiods; i++) {
		if (!sdb_str_eq(c->periods[i].name, name))
			continue;
		for (j = i + 1; j < c->nperiods && sdb_str_eq(c->periods[j].name, name); j++)
			;
		if (j == c->nperiods)
			return 0;	/* the name now */
		*since = c->periods[i].since;
		*until = c->periods[j].since;
		*by = c->periods[j].name;
		return 1;
	}
	return 0;
}

/* The same for a document the registry cited; *by lists what it cited
 * instead (static buffer, valid until the next call). */
static int timeline_former_doc(const struct sdb_code *c, const char *doc,
			       const char **since, const char **until,
			       struct sdb_buf *by)
{
	size_t i, j, k;

	for (i = 0; i < c->nperiods; i++) {
		if (!period_cites(&c->periods[i], doc))
			continue;
		for (j = i + 1; j < c->nperiods && period_cites(&c->periods[j], doc); j++)
			;
		if (j == c->nperiods)
			return 0;
		*since = c->periods[i].since;
		*until = c->periods[j].since;
		sdb_buf_reset(by);
		for (k = 0; k < c->periods[j].ndocs; k++) {
			if (by->len)
				sdb_buf_adds(by, "; ");
			sdb_buf_adds(by, c->periods[j].docs[k]);
		}
		if (!by->len)
			sdb_buf_adds(by, "nothing");
		return 1;
	}
	return 0;
}

/* --- documents -------------------------------------------------------- */

/* "draft-ietf-httpbis-x-04" -> length of "draft-ietf-httpbis-x", its rev. */
static size_t draft_base(const char *d, int *rev)
{
	size_t n = strlen(d);

	*rev = -1;
	if (strncmp(d, "draft-", 6) || n < 9 || d[n - 3] != '-' ||
	    d[n - 2] < '0' || d[n - 2] > '9' || d[n - 1] < '0' || d[n - 1] > '9')
		return n;
	*rev = (d[n - 2] - '0') * 10 + (d[n - 1] - '0');
	return n - 3;
}

/*
 * Classifies document value v against the current documents cur[].
 * Returns 0 or -1 (a database error while reading the lineage).
 */
static int classify_doc(struct sdb_code *c, struct sdb_val *v,
			const char *const *cur, size_t ncur, int registered,
			struct sdb_error *err)
{
	struct sdb_buf by = SDB_BUF_INIT;
	const char *since, *until;
	size_t i;
	int rc = 0;

	for (i = 0; i < ncur; i++)
		if (!strcmp(cur[i], v->value)) {
			set_class(v, SDB_CURRENT, NULL, NULL, NULL, NULL,
				  registered ? "the registry cites it now"
				  : "the canonical record cites it");
			return 0;
		}
	/* the RFC index: a current document obsoletes it, maybe by a chain */
	for (i = 0; i < ncur; i++) {
		const char *succ = sdb_lineage_successor(c->lineage, v->value,
							 cur[i], &rc, err);
		const char *d0, *d1;

		if (rc)
			return -1;
		if (!succ)
			continue;
		d0 = sdb_lineage_date(c->lineage, v->value, &rc, err);
		d1 = rc ? NULL : sdb_lineage_date(c->lineage, succ, &rc, err);
		if (rc)
			return -1;
		if (!strcmp(succ, cur[i]))
			set_class(v, SDB_OBSOLETED, d0, d1, succ, NULL,
				  "%s%s%s%s was obsoleted by %s%s%s%s", v->value,
				  d0 ? " (" : "", d0 ? d0 : "", d0 ? ")" : "",
				  succ, d1 ? " (" : "", d1 ? d1 : "", d1 ? ")" : "");
		else
			set_class(v, SDB_OBSOLETED, d0, d1, succ, NULL,
				  "%s%s%s%s was obsoleted by %s%s%s%s, and that "
				  "in turn by %s", v->value, d0 ? " (" : "",
				  d0 ? d0 : "", d0 ? ")" : "", succ,
				  d1 ? " (" : "", d1 ? d1 : "", d1 ? ")" : "",
				  cur[i]);
		return 0;
	}
	/* an older revision of a draft cited now */
	for (i = 0; i < ncur; i++) {
		int r1, r2;
		size_t b1 = draft_base(v->value, &r1), b2 = draft_base(cur[i], &r2);

		if (r1 >= 0 && r2 > r1 && b1 == b2 && !strncmp(v->value, cur[i], b1)) {
			set_class(v, SDB_OBSOLETED, NULL, NULL, cur[i], NULL,
				  "an older revision of %s", cur[i]);
			return 0;
		}
	}
	/* the registry cited it before */
	if (timeline_former_doc(c, v->value, &since, &until, &by)) {
		set_class(v, SDB_OBSOLETED, since, until, by.s, NULL,
			  "the registry cited it from %s until %s, then %s",
			  since, until, by.s);
		sdb_buf_release(&by);
		return 0;
	}
	sdb_buf_release(&by);
	if (ncur)
		set_class(v, SDB_CONFLICT, NULL, NULL, cur[0], NULL,
			  "%s cites %s; %s is not in its lineage",
			  registered ? "the registry" : "the canonical record",
			  cur[0], v->value);
	else
		set_class(v, SDB_CONFLICT, NULL, NULL, NULL, NULL,
			  "the canonical record cites no document");
	return 0;
}

/* --- the driver ------------------------------------------------------- */


/* The i-th voting row by rank, reading as far as needed; NULL: none. */
struct sdb_row *sdb_top_row(struct sdb_pctx *x, size_t i, int *rc)
{
	*rc = 0;
	while (i >= x->ntop && !x->top_done) {
		struct sdb_row *r = x->c->next_row(x->c->next_arg, rc);

		if (*rc)
			return NULL;
		if (!r) {
			x->top_done = 1;
			break;
		}
		sdb_grow_array((void **)&x->top, &x->top_alloc, x->ntop + 1,
			       sizeof(*x->top));
		x->top[x->ntop++] = r;
	}
	return i < x->ntop ? x->top[i] : NULL;
}

/*
 * Names given by registry-like sources in rows that cite obsoleted
 * documents and no current one: former names of the lineage (425's
 * Unordered Collection is not one: no registry-like source gives it).
 */
static void lineage_names(struct sdb_pctx *x)
{
	struct sdb_code *c = x->c;
	size_t i, k;

	for (i = 0; i < c->ntrusted; i++) {
		const struct sdb_row *r = c->trusted[i];
		const struct sdb_rclaim *d[MAXDOCS], *n = sdb_row_name(r);
		size_t nd = sdb_row_docs(r, d, MAXDOCS);
		const struct sdb_val *stale = NULL;
		struct sdb_val *v;

		if (!n || r == c->reg || !(v = sdb_find_val(c, 0, n->value)) || v->cls)
			continue;
		for (k = 0; k < nd; k++) {
			const struct sdb_val *dv = sdb_find_val(c, 1, d[k]->value);

			if (!dv || dv->cls == SDB_CURRENT)
				break;
			if (dv->cls == SDB_OBSOLETED && !stale)
				stale = dv;
		}
		if (k < nd || !stale)
			continue;
		set_class(v, SDB_FORMER, stale->since, stale->until, stale->by,
			  NULL, "named so by %s (%s) citing %s%s%s%s, %s",
			  r->source, r->kind, stale->value,
			  stale->since ? " (" : "", stale->since ? stale->since : "",
			  stale->since ? ")" : "", stale->why);
	}
}

/*
 * Classifies every name against cur (the current name, may be NULL) and
 * the timeline.  mode: 0 a registered code, 1 unregistered, 2 no
 * registry says.
 */
static void classify_names(struct sdb_pctx *x, const char *cur, int mode)
{
	struct sdb_code *c = x->c;
	size_t i, k;

	for (i = 0; i < c->nvals; i++) {
		struct sdb_val *v = &c->vals[i];
		const char *since, *until, *by;

		if (v->document || v->cls)
			continue;
		if (cur && !strcmp(v->value, cur)) {
			if (mode == 1)
				set_class(v, SDB_UNREGISTERED, NULL, NULL, NULL, NULL,
					  "the registry leaves %d unassigned (%s): "
					  "its names are unofficial", c->code,
					  c->range ? c->range : "");
			else
				set_class(v, SDB_CURRENT, NULL, NULL, NULL, NULL,
					  mode == 0 ? (c->reg && sdb_row_name(c->reg)
						       ? "the registry's name now"
						       : "the name registry-like sources "
						       "give this code, which the registry "
						       "marks unused")
					  : "the canonical name (no registry "
					  "lists %d)", c->code);
			continue;
		}
		if (timeline_former_name(c, v->value, &since, &until, &by)) {
			set_class(v, SDB_FORMER, since, until, by, NULL,
				  "the registry's name from %s until %s, then %s",
				  since, until, by ? by : "not listed");
			continue;
		}
	}
	/* names the lineage shows, now that the timeline's are known */
	if (mode == 0)
		lineage_names(x);
	for (i = 0; i < c->nvals; i++) {
		struct sdb_val *v = &c->vals[i];

		if (v->document || v->cls)
			continue;
		if (sdb_is_status_word(v->value, strlen(v->value))) {
			set_class(v, SDB_VARIANT, NULL, NULL, NULL, NULL,
				  "a status word, not a name");
			continue;
		}
		if (cur && sdb_same_key(v->value, cur)) {
			set_class(v, SDB_VARIANT, NULL, NULL, cur, NULL,
				  "differs from %s only in case or punctuation",
				  cur);
			continue;
		}
		for (k = 0; k < c->nvals; k++) {
			const struct sdb_val *f = &c->vals[k];

			if (!f->document && f->cls == SDB_FORMER &&
			    sdb_same_key(v->value, f->value))
				break;
		}
		if (k < c->nvals) {
			set_class(v, SDB_VARIANT, NULL, NULL, c->vals[k].value,
				  NULL, "differs from the former name %s only in "
				  "case or punctuation", c->vals[k].value);
			continue;
		}
		if (mode == 0)
			set_class(v, SDB_ANOTHER, NULL, NULL, cur, NULL,
				  "no version of the registry named %d so%s%s: a "
				  "status that reused the number, or a mistake",
				  c->code, cur ? "; it is " : "", cur ? cur : "");
		else
			set_class(v, SDB_CONFLICT, NULL, NULL, cur, NULL,
				  "differs from the canonical name %s",
				  cur ? cur : "(none)");
	}
}

int sdb_policy_settle(struct sdb_code *c, struct sdb_error *err)
{
	struct sdb_pctx x;
	const struct sdb_rclaim *d[MAXDOCS], *regname = NULL, *fixed = NULL;
	const char *cur = NULL;
	size_t i, nd;
	int rc = -1, mode, unused_rule = 0;

	memset(&x, 0, sizeof(x));
	x.c = c;
	timeline(c);
	c->registered = c->reg ? 1 : c->range ? 0 : -1;
	c->official = c->ntrusted > 0;
	mode = c->reg ? 0 : c->range ? 1 : 2;
	if (c->reg) {
		regname = sdb_row_name(c->reg);
		nd = sdb_row_docs(c->reg, d, MAXDOCS);
		for (i = 0; i < nd; i++)
			x.cur[x.ncur++] = d[i]->value;
		if (regname) {
			cur = regname->value;
		} else {
			/* (Unused): the best registry-like source's name, if
			 * any; never a list's that the registry does not back */
			for (i = 0; i < c->ntrusted && !fixed; i++)
				fixed = sdb_row_name(c->trusted[i]);
			cur = fixed ? fixed->value : NULL;
			unused_rule = 1;
		}
	} else {
		/* the best-ranked name, and the best-ranked documents */
		for (i = 0; ; i++) {
			struct sdb_row *r = sdb_top_row(&x, i, &rc);

			if (rc)
				goto out;
			if (!r)
				break;
			if (!cur && sdb_row_name(r))
				cur = sdb_row_name(r)->value;
			if (!x.ncur && (!sdb_row_first(r, SDB_FIELD_NAME) ||
					(cur && sdb_same_key(sdb_row_first(r, SDB_FIELD_NAME)->value,
							 cur)))) {
				size_t k;

				nd = sdb_row_docs(r, d, MAXDOCS);
				for (k = 0; k < nd; k++)
					x.cur[x.ncur++] = d[k]->value;
			}
			if (cur && x.ncur)
				break;
		}
	}
	for (i = 0; i < c->nvals; i++)
		if (c->vals[i].document &&
		    classify_doc(c, &c->vals[i], x.cur, x.ncur, mode == 0, err))
			goto out;
	classify_names(&x, cur, mode);
	if (sdb_settle_record(&x, fixed, unused_rule, err))
		goto out;
	if (!c->official)
		c->statuses |= 1u << SDB_STATUS_UNOFFICIAL;
	sdb_settle_rules(c, unused_rule);
	sdb_settle_aliases(c, regname);
	sdb_settle_findings(c);
	rc = 0;
out:
	free(x.top);
	return rc;
}

void sdb_policy_release(struct sdb_code *c)
{
	size_t i, k;

	for (i = 0; i < c->nperiods; i++) {
		free(c->periods[i].name);
		free(c->periods[i].notes);
		free(c->periods[i].refs);
		for (k = 0; k < c->periods[i].ndocs; k++)
			free(c->periods[i].docs[k]);
		free(c->periods[i].docs);
	}
	free(c->periods);
	free(c->refs);
	free(c->aliases);
	free(c->findings);
	c->periods = NULL;
	c->refs = NULL;
	c->aliases = NULL;
	c->findings = NULL;
	c->nperiods = c->nrefs = c->naliases = c->nfindings = 0;
}

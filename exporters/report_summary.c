/*
 * report_summary.c - the summary of the audit report (report.c): how many
 * lists and codes, the findings real and minor, the registry; then per
 * list its cells by classification with a one-line verdict ("RFC 7231
 * era: 1 name superseded in ..."), the real conflicts (each with what
 * the conflicting lists say) and the findings by kind.
 */
#include "report_int.h"
#include "../common/util.h"

#include <stdio.h>
#include <string.h>

/* --- the summary ------------------------------------------------------ */

/* "RFC 7231 era: 1 name superseded in 2021-10-01, ..." */
static void verdict(struct sdb_buf *b, const struct sdb_audit_list *l,
		    const size_t *counts, size_t lacks, size_t registered)
{
	size_t i, n;
	int parts = 0, j;
	static const struct {
		enum sdb_judgement j;
		const char *one, *many;
	} more[] = {
		{ SDB_J_ANOTHER, "name of another status", "names of another "
		  "status" },
		{ SDB_J_CONFLICT, "conflict", "conflicts" },
		{ SDB_J_VARIANT, "variant spelling", "variant spellings" },
		{ SDB_J_UNREGISTERED, "unregistered code", "unregistered codes" },
	};

	if (l->era)
		sdb_buf_addf(b, "%s era: ", l->era);
	for (j = SDB_J_FORMER; j >= SDB_J_OBSOLETED; j--) {
		size_t groups = 0, total = 0;

		for (i = 0; i < l->nstale; i++)
			if ((int)l->stale[i].judgement == j) {
				groups++;
				total += l->stale[i].cells;
			}
		if (!groups)
			continue;
		sdb_buf_adds(b, parts++ ? "; " : "");
		if (j == SDB_J_FORMER)
			sdb_buf_adds(b, groups > 1 || total > 1 ?
				     "names superseded" : "name superseded");
		else
			sdb_buf_adds(b, groups > 1 || total > 1 ?
				     "references obsoleted" :
				     "reference obsoleted");
		for (i = n = 0; i < l->nstale; i++) {
			if ((int)l->stale[i].judgement != j)
				continue;
			sdb_buf_addf(b, "%s%zu %s %s", n++ ? ", " : ": ",
				     l->stale[i].cells,
				     j == SDB_J_FORMER ? "in" : "by",
				     l->stale[i].key);
		}
	}
	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++) {
		n = counts[more[i].j];
		if (n)
			sdb_buf_addf(b, "%s%zu %s", parts++ ? "; " : "", n,
				     n == 1 ? more[i].one : more[i].many);
	}
	if (lacks)
		sdb_buf_addf(b, "%slacks %zu of the registry's %zu codes",
			     parts++ ? "; " : "", lacks, registered);
	if (!parts && !l->era)
		sdb_buf_adds(b, "current: every name and reference as the "
			     "registry has them now");
}

static void summary_lists(struct sdb_node *sec, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	struct sdb_node *table, *tr, *th;
	size_t l, row, registered = 0;
	int j;

	for (row = 0; row < r->n; row++)
		registered += rp->shown[row] && r->v[row].registered == 1;
	sdb_report_el_text(sec, "h3", NULL, "The lists");
	table = sdb_report_el(sec, "table", "lists");
	tr = sdb_report_el(sdb_report_el(table, "thead", NULL), "tr", NULL);
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "List"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", "num", "Codes"),
			"scope", "col");
	for (j = 0; j < SDB_NJUDGEMENTS; j++) {
		if (j == SDB_J_UNJUDGED)
			continue;
		th = sdb_report_el(tr, "th", "num");
		sdb_report_attr(th, "scope", "col");
		sdb_report_attr(th, "title", sdb_report_looks[j].meaning);
		sdb_report_add_symbol(th, (enum sdb_judgement)j);
		sdb_report_el_text(th, "span", "small",
				   sdb_report_looks[j].label);
	}
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Verdict"),
			"scope", "col");
	table = sdb_report_el(table, "tbody", NULL);
	for (l = 0; l < a->nlists; l++) {
		const struct sdb_audit_list *list = &a->lists[l];
		size_t counts[SDB_NJUDGEMENTS] = { 0 }, listed = 0, lacks = 0;
		struct sdb_buf b = SDB_BUF_INIT;
		struct sdb_node *td;

		for (row = 0; row < r->n; row++) {
			enum sdb_judgement k = sdb_audit_cell(a, row, l)->judgement;

			if (!rp->shown[row])
				continue;
			counts[k]++;
			listed += k != SDB_J_MISSING;
			lacks += k == SDB_J_MISSING && r->v[row].registered == 1;
		}
		tr = sdb_report_el(table, "tr", NULL);
		th = sdb_report_el(tr, "th", NULL);
		sdb_report_attr(th, "scope", "row");
		sdb_report_el_text(th, "b", NULL, list->label);
		sdb_report_el(th, "br", NULL);
		td = sdb_report_el(th, "span", "small");
		sdb_report_textf(td, "%s, rank %d, ", list->kind, list->rank);
		sdb_report_text(td, list->file);
		sdb_report_textf(sdb_report_el(tr, "td", "num"), "%zu", listed);
		for (j = 0; j < SDB_NJUDGEMENTS; j++) {
			if (j == SDB_J_UNJUDGED)
				continue;
			td = sdb_report_el(tr, "td", NULL);
			if (counts[j]) {
				struct sdb_buf c = SDB_BUF_INIT;

				sdb_buf_addf(&c, "num k-%s", sdb_judgement_name(
						     (enum sdb_judgement)j));
				sdb_report_attr(td, "class", c.s);
				sdb_buf_release(&c);
				sdb_report_textf(td, "%zu", counts[j]);
			} else {
				sdb_report_attr(td, "class", "num");
			}
		}
		verdict(&b, list, counts, lacks, registered);
		td = sdb_report_el(tr, "td", list->era || list->nstale ?
				   "verdict stale" : "verdict");
		sdb_report_text(td, b.s);
		sdb_buf_release(&b);
	}
}

static int cmp_finding(const void *x, const void *y)
{
	typedef const struct sdb_audit_finding *finding;
	finding a = *(const finding *)x, b = *(const finding *)y;
	int c = strcmp(a->kind, b->kind);

	return c ? c : a->code - b->code;
}

/* A link to a code's row in the matrix. */
static void code_link(struct sdb_node *parent, int code, int real)
{
	struct sdb_node *a = sdb_report_el(parent, "a", real ? "real" : NULL);

	sdb_report_attrf(a, "href", "#c-%d", code);
	sdb_report_textf(a, "%d", code);
}

/* After a real conflict: the lists whose cells of code conflict. */
static void who(struct sdb_node *li, const struct report *rp, int code)
{
	const struct sdb_audit *a = rp->a;
	size_t row = sdb_report_row_of(rp, code), l;
	const char *sep = ": ";

	for (l = 0; row < a->records->n && l < a->nlists; l++) {
		const struct sdb_audit_cell *c = sdb_audit_cell(a, row, l);
		const struct sdb_audit_claim *d;
		char cls[64];
		struct sdb_node *k;

		if (c->judgement != SDB_J_ANOTHER &&
		    c->judgement != SDB_J_CONFLICT)
			continue;
		d = sdb_report_deciding(a, c);
		sdb_report_text(li, sep);
		sep = "; ";
		sdb_report_el_text(li, "bdi", NULL, a->lists[l].label);
		sdb_report_text(li, " says ");
		snprintf(cls, sizeof(cls), "k-%s",
			 sdb_judgement_name(c->judgement));
		k = sdb_report_el(li, "span", cls);
		sdb_report_add_symbol(k, c->judgement);
		sdb_report_el_text(k, "bdi", NULL, d ? d->value : "?");
		sdb_report_textf(li, " (%s)",
				 sdb_report_looks[c->judgement].label);
	}
}

/* The real conflicts of the codes shown, an item each, in the findings'
 * order. */
void sdb_report_conflicts(struct sdb_ht_part *part, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	size_t i;

	for (i = 0; i < a->nfindings; i++) {
		const struct sdb_audit_finding *f = &a->findings[i];
		const struct sdb_record *rec = sdb_report_rec_of(rp, f->code);
		struct sdb_node *li;

		if (f->minor || !rp->shown[sdb_report_row_of(rp, f->code)])
			continue;
		li = sdb_report_new(part, "li", NULL);
		code_link(li, f->code, 1);
		if (rec && rec->name) {
			sdb_report_text(li, " ");
			sdb_report_el_text(li, "bdi", NULL, rec->name);
		}
		sdb_report_text(li, ": ");
		sdb_report_text(li, f->kind);
		if (strcmp(f->kind, f->field)) {
			sdb_report_text(li, " (");
			sdb_report_text(li, f->field);
			sdb_report_text(li, ")");
		}
		if (*f->source) {
			sdb_report_text(li, " in ");
			sdb_report_text(li, f->source);
		}
		who(li, rp, f->code);
		sdb_ht_emit(part, li);
	}
}

static void summary_findings(struct sdb_node *sec, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_audit_finding **v;
	struct sdb_node *table, *tr, *ul = NULL;
	size_t i, k, n = 0;

	v = sdb_xcalloc(a->nfindings ? a->nfindings : 1, sizeof(*v));
	for (i = 0; i < a->nfindings; i++)
		if (rp->shown[sdb_report_row_of(rp, a->findings[i].code)])
			v[n++] = &a->findings[i];
	sdb_report_el_text(sec, "h3", NULL, "Real conflicts");
	for (i = 0; i < n && !ul; i++)
		if (!v[i]->minor) {
			/* an item per conflict, each written when made */
			ul = sdb_report_el(sec, "ul", NULL);
			sdb_ht_slot(ul, SDB_REPORT_SLOT_CONFLICTS);
		}
	if (!ul)
		sdb_report_el_text(sec, "p", NULL,
				   "None: every finding is stale or "
				   "cosmetic.");
	sdb_report_el_text(sec, "h3", NULL, "Findings by kind");
	if (!n) {
		sdb_report_el_text(sec, "p", NULL, "None: the lists agree.");
		free(v);
		return;
	}
	qsort(v, n, sizeof(*v), cmp_finding);
	table = sdb_report_el(sec, "table", "kinds");
	tr = sdb_report_el(sdb_report_el(table, "thead", NULL), "tr", NULL);
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Kind"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", "num", "Real"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", "num", "Minor"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL,
					   "Codes (real ones in bold)"),
			"scope", "col");
	table = sdb_report_el(table, "tbody", NULL);
	for (i = 0; i < n; i = k) {
		size_t real = 0, minor = 0;
		struct sdb_node *td;
		int last = -1;

		for (k = i; k < n && !strcmp(v[k]->kind, v[i]->kind); k++) {
			real += !v[k]->minor;
			minor += v[k]->minor != 0;
		}
		tr = sdb_report_el(table, "tr", NULL);
		sdb_report_attr(sdb_report_el_text(tr, "th", NULL, v[i]->kind),
				"scope", "row");
		sdb_report_textf(sdb_report_el(tr, "td", "num"), "%zu", real);
		sdb_report_textf(sdb_report_el(tr, "td", "num"), "%zu", minor);
		td = sdb_report_el(tr, "td", NULL);
		for (; i < k; i++) {
			if (v[i]->code == last)
				continue;
			if (last >= 0)
				sdb_report_text(td, " ");
			code_link(td, v[i]->code, !v[i]->minor);
			last = v[i]->code;
		}
	}
	free(v);
}

struct sdb_node *sdb_report_summary(struct sdb_ht *ht, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	struct sdb_node *sec = sdb_ht_el(ht, NULL, "section"), *p;
	size_t row, codes = 0, assigned = 0, unassigned = 0, real = 0,
	       minor = 0, i;

	sdb_report_attr(sec, "id", "summary");
	sdb_report_el_text(sec, "h2", NULL, "Summary");
	for (row = 0; row < r->n; row++) {
		if (!rp->shown[row])
			continue;
		codes++;
		assigned += r->v[row].registered == 1;
		unassigned += r->v[row].registered == 0;
	}
	for (i = 0; i < a->nfindings; i++)
		if (rp->shown[sdb_report_row_of(rp, a->findings[i].code)]) {
			real += !a->findings[i].minor;
			minor += a->findings[i].minor != 0;
		}
	p = sdb_report_el(sec, "p", NULL);
	sdb_report_textf(p, "%zu lists and %zu codes: %zu the registry "
			 "assigns, %zu it leaves unassigned", a->nlists_all,
			 codes, assigned, unassigned);
	if (codes - assigned - unassigned)
		sdb_report_textf(p, ", %zu no registry lists",
				 codes - assigned - unassigned);
	sdb_report_textf(p, ". %zu findings: ", real + minor);
	sdb_report_textf(sdb_report_el(p, "b", "real"), "%zu real %s", real,
			 real == 1 ? "conflict" : "conflicts");
	sdb_report_textf(p, " and %zu minor (stale or cosmetic).", minor);
	if (r->registry) {
		p = sdb_report_el(sec, "p", NULL);
		sdb_report_text(p, "The registry is ");
		sdb_report_el_text(p, "b", NULL, r->registry);
		if (r->registry_version) {
			sdb_report_text(p, ", version ");
			sdb_report_text(p, r->registry_version);
		}
		if (a->nversions > 1)
			sdb_report_textf(p,
					 ", with %zu versions in its timeline",
					 a->nversions);
		sdb_report_text(p, ".");
	}
	if (a->nlists_all > a->nlists) {
		p = sdb_report_el(sec, "p", "cut");
		sdb_report_textf(p, "This page shows the %zu highest-ranked "
				 "lists of %zu; 'statusdb conflicts --source "
				 "NAME' and 'statusdb coverage' give the "
				 "others.", a->nlists, a->nlists_all);
	}
	summary_lists(sec, rp);
	summary_findings(sec, rp);
	return sec;
}

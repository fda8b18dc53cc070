/*
 * report_matrix.c - the matrix of the audit report (report.c): a row per
 * code (grouped by class), a column per list (by rank), each cell the
 * list's name for the code, coloured and marked by its classification,
 * with a tip (raw text, file:line:column) and a link to its evidence;
 * above it the legend and the filters the page's script runs.  And the
 * evidence: per cell, every claim the list makes about the code.
 */
#include "report_int.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* --- the matrix ------------------------------------------------------- */

static void legend(struct sdb_node *parent, const struct report *rp)
{
	struct sdb_node *ul = sdb_report_el(parent, "ul", "legend");
	int j;

	for (j = 0; j < SDB_NJUDGEMENTS; j++) {
		char cls[64];
		struct sdb_node *li, *sw;

		if (j == SDB_J_UNJUDGED && !(rp->kinds & (1u << j)))
			continue;
		li = sdb_report_el(ul, "li", NULL);
		snprintf(cls, sizeof(cls), "sw k-%s",
			 sdb_judgement_name((enum sdb_judgement)j));
		sw = sdb_report_el(li, "span", cls);
		sdb_report_add_symbol(sw, (enum sdb_judgement)j);
		sdb_report_el_text(li, "b", NULL, sdb_report_looks[j].label);
		sdb_report_text(li, ": ");
		sdb_report_text(li, sdb_report_looks[j].meaning);
	}
}

static void filters(struct sdb_node *parent, const struct report *rp)
{
	const struct sdb_records *r = rp->a->records;
	struct sdb_node *form = sdb_report_el(parent, "form", NULL), *fs, *label, *in,
		   *sel, *o;
	static const char *const only[][2] = {
		{ "all", "all codes" }, { "findings", "codes with findings" },
		{ "real", "codes with real conflicts" }
	};
	size_t row, i;
	int last = -1, j;

	sdb_report_attr(form, "id", "filters");
	sdb_report_attr(form, "aria-label", "Filters");
	sdb_ht_attr(form, "hidden", NULL);
	fs = sdb_report_el(form, "fieldset", NULL);
	sdb_report_el_text(fs, "legend", NULL, "Class");
	for (row = 0; row < r->n; row++) {
		char key[16];

		if (!rp->shown[row] || r->v[row].code / 100 == last)
			continue;
		last = r->v[row].code / 100;
		sdb_report_class_key(key, sizeof(key), r->v[row].code);
		label = sdb_report_el(fs, "label", NULL);
		in = sdb_report_el(label, "input", NULL);
		sdb_report_attr(in, "type", "checkbox");
		sdb_report_attr(in, "name", "class");
		sdb_report_attr(in, "value", key);
		sdb_ht_attr(in, "checked", NULL);
		sdb_report_textf(label, " %s %s ", key, r->v[row].class_name);
	}
	fs = sdb_report_el(form, "fieldset", NULL);
	sdb_report_el_text(fs, "legend", NULL, "Classification");
	label = sdb_report_el(fs, "label", NULL);
	sdb_report_text(label, "codes with a cell that is ");
	sel = sdb_report_el(label, "select", NULL);
	sdb_report_attr(sel, "name", "kind");
	o = sdb_report_el_text(sel, "option", NULL, "anything");
	sdb_report_attr(o, "value", "");
	for (j = 0; j < SDB_NJUDGEMENTS; j++) {
		if (!(rp->kinds & (1u << j)))
			continue;
		o = sdb_report_el(sel, "option", NULL);
		sdb_report_attr(o, "value",
				sdb_judgement_name((enum sdb_judgement)j));
		sdb_report_textf(o, "%s %s", sdb_report_looks[j].symbol,
				 sdb_report_looks[j].label);
	}
	fs = sdb_report_el(form, "fieldset", NULL);
	sdb_report_el_text(fs, "legend", NULL, "Findings");
	for (i = 0; i < 3; i++) {
		label = sdb_report_el(fs, "label", NULL);
		in = sdb_report_el(label, "input", NULL);
		sdb_report_attr(in, "type", "radio");
		sdb_report_attr(in, "name", "only");
		sdb_report_attr(in, "value", only[i][0]);
		if (!i)
			sdb_ht_attr(in, "checked", NULL);
		sdb_report_textf(label, " %s ", only[i][1]);
	}
	in = sdb_report_el(form, "p", NULL);
	sdb_report_attr(in, "id", "shown");
	sdb_report_attr(in, "role", "status");
	sdb_report_el_text(sdb_report_el(parent, "noscript", NULL), "p", NULL,
			   "Scripts are off: "
			   "the filters are hidden and every code is shown.");
}

/* The claim that gave a cell its judgement, or NULL. */
const struct sdb_audit_claim *
sdb_report_deciding(const struct sdb_audit *a, const struct sdb_audit_cell *c)
{
	size_t i;

	for (i = c->first; i < c->first + c->n; i++)
		if (a->claims[i].entry == a->claims[c->first].entry &&
		    a->claims[i].judged == (int)c->judgement)
			return &a->claims[i];
	return NULL;
}

static void cell(struct sdb_node *tr, const struct report *rp, size_t row,
		 size_t l)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_audit_cell *c = sdb_audit_cell(a, row, l);
	const struct sdb_audit_claim *why = sdb_report_deciding(a, c), *name;
	const char *jn = sdb_judgement_name(c->judgement);
	struct sdb_node *td = sdb_report_el(tr, "td", NULL), *link, *tip;
	struct sdb_short t;

	t.n = 0;
	sdb_report_attr(td, "class", sdb_short_s(sdb_short_s(&t, "k-"), jn)->s);
	sdb_report_attr(td, "data-class", jn);
	if (!c->n) {
		sdb_report_add_symbol(td, c->judgement);
		sdb_report_text(sdb_report_el(td, "span", "vh"),
				sdb_report_looks[c->judgement].label);
		return;
	}
	name = c->name != SIZE_MAX ? &a->claims[c->name] : NULL;
	link = sdb_report_el(td, "a", NULL);
	sdb_short_cat(&t, "#e-", a->records->v[row].code, "-");
	sdb_report_attr(link, "href", sdb_short_n(&t, (long long)l)->s);
	sdb_report_add_symbol(link, c->judgement);
	if (name)
		sdb_report_el_text(link, "bdi", "nm", name->value);
	else
		sdb_report_el_text(link, "span", "none", "(no name)");
	t.n = 0;
	sdb_short_s(sdb_short_s(&t, ": "), sdb_report_looks[c->judgement].label);
	sdb_report_text(sdb_report_el(link, "span", "vh"), t.s);
	tip = sdb_report_el(link, "span", "tip");
	sdb_report_el_text(tip, "b", NULL,
			   sdb_report_looks[c->judgement].label);
	sdb_report_text(tip, ": ");
	sdb_report_text(tip, why && why->why ? why->why :
			sdb_report_looks[c->judgement].meaning);
	sdb_report_el(tip, "br", NULL);
	if (name) {
		sdb_report_text(tip, "\u201C");
		sdb_report_el_text(tip, "bdi", "raw", name->raw);
		sdb_report_text(tip, "\u201D at ");
	} else {
		sdb_report_text(tip, "at ");
	}
	name = name ? name : &a->claims[c->first];
	sdb_report_text(sdb_report_el(tip, "span", "where"), a->lists[l].file);
	sdb_short_cat(&t, ":", name->line, ":");
	sdb_report_text(tip, sdb_short_n(&t, name->column)->s);
}

struct sdb_node *sdb_report_matrix(struct sdb_ht *ht, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	struct sdb_node *sec = sdb_ht_el(ht, NULL, "section"), *table, *tr, *th;
	size_t l;

	sdb_report_attr(sec, "id", "matrix");
	sdb_report_el_text(sec, "h2", NULL, "The matrix");
	sdb_report_el_text(sec, "p", NULL, "A row per code, a column per "
		"list (the most authoritative first).  Each cell is the list's "
		"name for the code, coloured and marked by how it stands "
		"against the registry: the worst of its name and its "
		"references.  Point at a cell or focus it to see its raw text "
		"and place; follow its link for every claim the list makes "
		"about the code.");
	legend(sec, rp);
	filters(sec, rp);
	table = sdb_report_el(sdb_report_el(sec, "div", "wrap"), "table",
			      "matrix");
	sdb_report_attr(table, "id", "matrix-table");
	sdb_report_el_text(table, "caption", "vh",
			   "Each list's name for each code, by "
			   "classification");
	tr = sdb_report_el(sdb_report_el(table, "thead", NULL), "tr", NULL);
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Code"),
			"scope", "col");
	for (l = 0; l < a->nlists; l++) {
		th = sdb_report_el(tr, "th", NULL);
		sdb_report_attr(th, "scope", "col");
		sdb_report_el_text(th, "bdi", NULL, a->lists[l].label);
		sdb_report_el(th, "br", NULL);
		sdb_report_textf(sdb_report_el(th, "span", "small"), "%s %d",
				 a->lists[l].kind, a->lists[l].rank);
	}
	sdb_ht_slot(table, SDB_REPORT_SLOT_ROWS);
	return sec;
}

/* The matrix's rows: a tbody per class, its rows in a slot of their own
 * (SDB_REPORT_SLOT_CLASS_ROWS + the class's digit). */
void sdb_report_matrix_rows(struct sdb_ht_part *o, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	struct sdb_node *tr, *th, *tbody;
	size_t row;
	int last = -1;

	for (row = 0; row < r->n; row++) {
		const struct sdb_record *rec = &r->v[row];
		char key[16];

		if (!rp->shown[row] || rec->code / 100 == last)
			continue;
		last = rec->code / 100;
		sdb_report_class_key(key, sizeof(key), rec->code);
		tbody = sdb_report_new(o, "tbody", NULL);
		tr = sdb_report_el(tbody, "tr", "grp");
		sdb_report_attr(tr, "data-class", key);
		th = sdb_report_el(tr, "th", NULL);
		sdb_report_attr(th, "scope", "rowgroup");
		sdb_report_attrf(th, "colspan", "%zu", a->nlists + 1);
		sdb_report_textf(th, "%s %s", key, rec->class_name);
		sdb_ht_slot(tbody, SDB_REPORT_SLOT_CLASS_ROWS + last);
		sdb_ht_emit(o, tbody);
	}
}

/* The rows of the codes of one class (1 for 1xx, ...), each written
 * when made. */
void sdb_report_class_rows(struct sdb_ht_part *o, const struct report *rp,
			   int cls)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	struct sdb_node *tr, *th;
	struct sdb_short t;
	size_t row, l;

	for (row = 0; row < r->n; row++) {
		const struct sdb_record *rec = &r->v[row];
		const struct row_info *info = &rp->info[row];

		if (!rp->shown[row] || rec->code / 100 != cls)
			continue;
		tr = sdb_report_new(o, "tr", NULL);
		sdb_report_attr(tr, "id", sdb_short_cat(&t, "c-", rec->code, ""));
		sdb_report_row_attrs(tr, rec, info);
		sdb_report_attr(tr, "data-matrix", "1");
		th = sdb_report_el(tr, "th",
				   info->findings == 2 ? "hasreal" : NULL);
		sdb_report_attr(th, "scope", "row");
		{
			struct sdb_node *link = sdb_report_el(th, "a", NULL);

			sdb_report_attr(link, "href",
					sdb_short_cat(&t, "#t-", rec->code, ""));
			sdb_report_attr(link, "title", "its registry timeline");
			sdb_report_text(link, sdb_short_cat(&t, "", rec->code, ""));
		}
		sdb_report_text(th, " ");
		if (rec->name)
			sdb_report_el_text(th, "bdi", "cn", rec->name);
		if (info->findings == 2) {
			struct sdb_node *flag = sdb_report_el_text(th, "span", "real",
							     " \u2691");

			sdb_report_attr(flag, "aria-hidden", "true");
			sdb_report_el_text(th, "span", "vh",
					   " (a real conflict)");
		}
		for (l = 0; l < a->nlists; l++)
			cell(tr, rp, row, l);
		sdb_ht_emit(o, tr);
	}
}

/* --- the evidence ----------------------------------------------------- */

static void evidence_cell(struct sdb_ht_part *o, const struct report *rp,
			  size_t row, size_t l)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_audit_cell *c = sdb_audit_cell(a, row, l);
	int code = a->records->v[row].code;
	struct sdb_node *ev = sdb_report_new(o, "section", "ev"), *h, *p, *table,
			*tr, *td;
	struct sdb_short t;
	size_t i;

	sdb_short_cat(&t, "e-", code, "-");
	sdb_report_attr(ev, "id", sdb_short_n(&t, (long long)l)->s);
	h = sdb_report_el_text(ev, "a", "back", "Back to the matrix");
	sdb_report_attr(h, "href", sdb_short_cat(&t, "#c-", code, ""));
	h = sdb_report_el(ev, "h3", NULL);
	sdb_report_text(h, sdb_short_cat(&t, "", code, " in "));
	sdb_report_el_text(h, "bdi", NULL, a->lists[l].label);
	sdb_report_text(sdb_report_el(h, "span", "small"), " ");
	sdb_report_text(sdb_report_el(h, "span", "small"), a->lists[l].file);
	p = sdb_report_el(ev, "p", NULL);
	{
		struct sdb_node *k;

		t.n = 0;
		sdb_short_s(&t, "sw k-");
		sdb_short_s(&t, sdb_judgement_name(c->judgement));
		k = sdb_report_el(p, "span", t.s);
		sdb_report_add_symbol(k, c->judgement);
	}
	sdb_report_el_text(p, "b", NULL, sdb_report_looks[c->judgement].label);
	sdb_report_text(p, ": ");
	sdb_report_text(p, sdb_report_looks[c->judgement].meaning);
	if (c->judgement == SDB_J_UNREGISTERED &&
	    a->records->v[row].registered == 0)
		sdb_report_text(p, " (the registry leaves the code "
				"unassigned).");
	else
		sdb_report_text(p, sdb_short_cat(&t, " (the worst of entry ",
						 a->claims[c->first].entry,
						 "'s name and references)."));
	table = sdb_report_el(ev, "table", NULL);
	tr = sdb_report_el(sdb_report_el(table, "thead", NULL), "tr", NULL);
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Entry"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Line:col"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Field"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Value"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Class"),
			"scope", "col");
	sdb_report_attr(sdb_report_el_text(tr, "th", NULL, "Why"),
			"scope", "col");
	table = sdb_report_el(table, "tbody", NULL);
	for (i = c->first; i < c->first + c->n; i++) {
		const struct sdb_audit_claim *cl = &a->claims[i];

		tr = sdb_report_el(table, "tr", NULL);
		sdb_report_text(sdb_report_el(tr, "td", "num"),
				sdb_short_cat(&t, "", cl->entry, ""));
		sdb_short_cat(&t, "", cl->line, ":");
		sdb_report_text(sdb_report_el(tr, "td", NULL),
				sdb_short_n(&t, cl->column)->s);
		sdb_report_el_text(tr, "td", NULL, cl->field);
		td = sdb_report_el(tr, "td", NULL);
		sdb_report_el_text(td, "bdi", NULL, cl->value);
		if (cl->section) {
			sdb_report_text(td, ", Section ");
			sdb_report_text(td, cl->section);
		}
		if (cl->url) {
			sdb_report_text(td, " ");
			sdb_report_el_text(td, "span", "raw", cl->url);
		}
		if (strcmp(cl->raw, cl->value)) {
			sdb_report_el(td, "br", NULL);
			sdb_report_text(sdb_report_el(td, "span", "small"),
					"raw: ");
			sdb_report_el_text(td, "span", "raw", cl->raw);
		}
		td = sdb_report_el(tr, "td", NULL);
		if (cl->judged >= 0) {
			t.n = 0;
			sdb_short_s(&t, "k-");
			sdb_short_s(&t, sdb_judgement_name(
					    (enum sdb_judgement)cl->judged));
			sdb_report_attr(td, "class", t.s);
			sdb_report_add_symbol(td,
					      (enum sdb_judgement)cl->judged);
			sdb_report_text(td, sdb_report_looks[cl->judged].label);
		}
		td = sdb_report_el(tr, "td", NULL);
		if (cl->why)
			sdb_report_text(td, cl->why);
	}
	sdb_ht_emit(o, ev);
}

struct sdb_node *sdb_report_evidence(struct sdb_ht *ht, const struct report *rp)
{
	struct sdb_node *sec = sdb_ht_el(ht, NULL, "section");

	(void)rp;
	sdb_report_attr(sec, "id", "evidence");
	sdb_report_el_text(sec, "h2", "vh", "Evidence");
	sdb_ht_slot(sec, SDB_REPORT_SLOT_EVIDENCE);
	return sec;
}

void sdb_report_evidence_cells(struct sdb_ht_part *o, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	size_t row, l;

	for (row = 0; row < a->records->n; row++)
		for (l = 0; rp->shown[row] && l < a->nlists; l++)
			if (sdb_audit_cell(a, row, l)->n)
				evidence_cell(o, rp, row, l);
}

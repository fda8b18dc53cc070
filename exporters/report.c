/*
 * report.c - report.html: the audit report, one self-contained HTML page
 * (no network, no external script, font or stylesheet) showing where
 * each list stands:
 *
 *   - a summary: lists, codes, findings by kind, the real conflicts, and
 *     per list its cells by classification with a one-line verdict;
 *   - the matrix: a row per code (grouped by class), a column per list
 *     (by rank), each cell the list's name for the code, coloured and
 *     marked with a symbol by its classification (audit.h); hovering or
 *     focusing a cell shows the raw text and file:line:column, its link
 *     opens the evidence (every claim of that list for that code);
 *   - the registry's timeline: per code, its name and references over
 *     the registry's versions, as strips;
 *   - filters (by class, by classification, codes with findings), done
 *     by one small inline script; without scripts the page shows all.
 *
 * The page is built with libxml2's tree API and written by its HTML
 * serializer, which escapes what needs escaping: text from the database
 * goes in as text nodes and attribute values only, never as markup.
 * Control characters and bidirectional controls in that text are shown
 * as visible marks (class "ctl"), so none can hide or reorder what
 * follows; bytes that are not UTF-8 become U+FFFD.  URLs from sources
 * are shown as text, never made links.  The CSS and the script are the
 * constants below.  The same records give the same bytes.
 */
#include "exporter.h"
#include "audit.h"
#include "../common/names.h"
#include "../common/util.h"

#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlstring.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* How each judgement looks: a symbol repeats the colour. */
static const struct look {
	const char *symbol;
	const char *label;
	const char *meaning;
} looks[SDB_NJUDGEMENTS] = {
	{ "\u2713", "current", "the registry's name and reference now" },
	{ "\u2248", "variant", "the current name but for case, spacing or "
	  "punctuation" },
	{ "\u2020", "obsoleted", "cites a document that another has since "
	  "obsoleted" },
	{ "\u21BA", "former", "a name the code officially had before" },
	{ "\u2205", "unregistered", "a code the registry leaves unassigned" },
	{ "\u21C4", "another status", "a name no version of the registry "
	  "gave the code: another status, or a mistake" },
	{ "\u2717", "conflict", "differs from the registry, and nothing "
	  "explains it" },
	{ "\u00B7", "unjudged", "listed, but with no name or document to "
	  "judge" },
	{ "\u2013", "missing", "the list does not list the code" },
};

/* The style sheet, in parts (C99 promises string literals of 4095 bytes). */
static const char *const css[] = {
	":root{--line:#8a8a8a;font-family:'DejaVu Sans',Verdana,sans-serif;"
	"font-size:14px;color:#111;background:#fff}"
	"body{margin:0 1.5em 3em}"
	"h1{font-size:1.6em;margin:.8em 0 .2em}h2{margin-top:1.6em;"
	"border-bottom:2px solid #333}"
	"a{color:inherit}nav a{margin-right:1em}"
	"table{border-collapse:separate;border-spacing:0}"
	"th,td{padding:.15em .4em;text-align:left;vertical-align:top}"
	".vh{position:absolute;width:1px;height:1px;overflow:hidden;"
	"clip:rect(0 0 0 0);white-space:nowrap}"
	".num{text-align:right;font-variant-numeric:tabular-nums}"
	".small{font-size:.85em;color:#444}"
	".ctl{unicode-bidi:isolate;font-size:.75em;border:1px solid #a33;"
	"color:#a33;padding:0 .15em;margin:0 .1em;font-family:monospace}"
	".ctl[data-cp]::before{content:attr(data-cp)}"
	"bdi{unicode-bidi:isolate}",
	/* the classifications: Okabe-Ito hues, a symbol, patterns */
	".k-current{background:#dff2e9}.k-current .sym{color:#00704f}"
	".k-variant{background:#dcecf8}.k-variant .sym{color:#0060a0}"
	".k-obsoleted{background:#f8f1bf}.k-obsoleted .sym{color:#6b5d00}"
	".k-former{background:#fcd9a0}.k-former .sym{color:#8a5a00}"
	".k-unregistered{background:#e6e6e6}.k-unregistered .sym{color:#444}"
	".k-another-status{background:#f1cfe3 radial-gradient(#cc79a7 1px,"
	"transparent 1.5px) 0 0/6px 6px}.k-another-status .sym{color:#8a2d63}"
	".k-conflict{background:repeating-linear-gradient(135deg,#f3b08c 0 6px,"
	"#fbe0d2 6px 12px);font-weight:bold}.k-conflict .sym{color:#9a3700}"
	".k-unjudged{background:#fff}"
	".k-missing{background:#fafafa;color:#777}"
	".sym{display:inline-block;width:1.1em;text-align:center;"
	"font-weight:bold}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}",
	/* the summary */
	".lists td,.lists th,.kinds td,.kinds th{border-bottom:1px solid #ccc}"
	".lists td.k-current,.lists td.k-missing{background:none}"
	".verdict{max-width:40em}.stale{font-weight:bold;color:#7a3a00}"
	".legend{list-style:none;padding:0;columns:2 24em}"
	".legend li{margin:.15em 0;break-inside:avoid}"
	".sw{display:inline-block;min-width:1.4em;text-align:center;"
	"border:1px solid var(--line);margin-right:.4em}"
	".real{color:#9a3700;font-weight:bold}",
	/* the matrix: header row and code column stay in view */
	".wrap{position:relative;overflow:auto;max-height:85vh;"
	"border:1px solid var(--line)}"
	".matrix th,.matrix td{border-right:1px solid #fff;"
	"border-bottom:1px solid #fff;white-space:nowrap}"
	".matrix thead th{position:sticky;top:0;z-index:2;background:#f2f2f2;"
	"border-bottom:2px solid #333;vertical-align:bottom}"
	".matrix thead th:first-child{left:0;z-index:3}"
	".matrix th[scope=row]{position:sticky;left:0;z-index:1;"
	"background:#fff;border-right:2px solid #333;max-width:15em;"
	"overflow:hidden;text-overflow:ellipsis}"
	".matrix th[scope=row].hasreal{box-shadow:inset 4px 0 #d55e00}"
	".matrix tr.grp th{position:sticky;left:0;background:#333;color:#fff}"
	".matrix{font-size:.92em}"
	".matrix td a{display:block;text-decoration:none;outline-offset:-2px;"
	"max-width:11em;overflow:hidden;text-overflow:ellipsis}"
	".matrix td a:focus{outline:3px solid #000}"
	".matrix td.dim{opacity:.25}"
	".cn{font-weight:normal;color:#333}"
	".none{font-style:italic;color:#555}",
	/* hover or focus: the cell's raw text and place, in a bar below */
	".tip{display:none}"
	".matrix td a:hover .tip,.matrix td a:focus .tip{display:block;"
	"position:fixed;left:0;right:0;bottom:0;z-index:20;background:#222;"
	"color:#fff;padding:.4em 1em;white-space:normal;font-weight:normal}"
	".tip .where{font-family:monospace}",
	/* the evidence: shown when its cell's link targets it */
	".ev{display:none}"
	".ev:target{display:block;position:fixed;top:1em;right:1em;"
	"bottom:1em;width:min(52em,92vw);overflow:auto;z-index:30;"
	"background:#fff;border:2px solid #222;padding:0 1em 1em;"
	"box-shadow:0 0 0 100vmax rgba(0,0,0,.25)}"
	".ev table{width:100%;table-layout:fixed}"
	".ev th:nth-child(1){width:3.5em}.ev th:nth-child(2){width:6.5em}"
	".ev th:nth-child(3){width:8.5em}.ev th:nth-child(5){width:8em}"
	".ev table td,.ev table th{border-bottom:1px solid #ccc}"
	".ev table td{overflow-wrap:anywhere}"
	".ev .back{float:right;margin-top:1.2em}"
	".ev .raw{font-family:monospace;white-space:pre-wrap}",
	/* the timeline */
	".tl{width:100%;table-layout:fixed}.tl th:first-child{width:4em}"
	".strip{position:relative;height:1.5em;background:#f4f4f4;"
	"overflow:hidden}"
	".seg{position:absolute;top:0;bottom:0;overflow:hidden;"
	"white-space:nowrap;text-overflow:ellipsis;font-size:.8em;"
	"line-height:1.9em;padding-left:.3em;box-sizing:border-box;"
	"border-left:1px solid #fff}"
	".seg.s0{background:#b9dcf2}.seg.s1{background:#f6c98a}"
	".seg.chg{border-left:4px solid #d55e00}"
	".seg.tmp{background-image:repeating-linear-gradient(45deg,"
	"transparent 0 4px,rgba(0,0,0,.18) 4px 6px)}"
	".seg.gap{background:#fff;color:#777;border:1px dashed #999}"
	".axis .strip{background:none;height:1.3em}"
	".tick{position:absolute;top:0;bottom:0;border-left:1px solid #999}"
	".year{position:absolute;top:0;font-size:.75em;padding-left:2px}"
	"form fieldset{display:inline-block;vertical-align:top;"
	"margin:0 .5em .5em 0}"
	"footer{margin-top:2em;font-size:.85em;color:#444}"
	"@media print{.wrap{overflow:visible;max-height:none;border:0}"
	"#filters,.tip,.ev,nav,noscript{display:none!important}"
	".matrix thead th,.matrix th[scope=row]{position:static}"
	"body{font-size:9pt;margin:0}tr{break-inside:avoid}}",
};

/*
 * The filters: rows show when their class is checked, when they have a
 * cell of the chosen classification (the other cells dim), and when they
 * have findings if asked.  Without this script every row shows.
 */
static const char script[] =
	"(function () {\n"
	"'use strict';\n"
	"var d = document, f = d.getElementById('filters');\n"
	"var rows = d.querySelectorAll('tr[data-code]');\n"
	"var groups = d.querySelectorAll('#matrix-table tr.grp');\n"
	"var cells = d.querySelectorAll('#matrix-table td[data-class]');\n"
	"var out = d.getElementById('shown');\n"
	"function apply() {\n"
	"  var want = {}, seen = {}, n = 0, total = 0, i, ok, r;\n"
	"  var boxes = f.querySelectorAll('input[name=class]');\n"
	"  var kind = f.elements.kind.value, only = f.elements.only.value;\n"
	"  for (i = 0; i < boxes.length; i++)\n"
	"    want[boxes[i].value] = boxes[i].checked;\n"
	"  for (i = 0; i < rows.length; i++) {\n"
	"    r = rows[i];\n"
	"    ok = want[r.getAttribute('data-class')] &&\n"
	"      (!kind || r.getAttribute('data-kinds').indexOf(' ' + kind +"
	" ' ') >= 0) &&\n"
	"      (only === 'all' || (only === 'real' ?\n"
	"        r.getAttribute('data-findings') === 'real' :\n"
	"        r.getAttribute('data-findings') !== 'none'));\n"
	"    r.hidden = !ok;\n"
	"    if (r.hasAttribute('data-matrix')) {\n"
	"      total++;\n"
	"      if (ok) { n++; seen[r.getAttribute('data-class')] = true; }\n"
	"    }\n"
	"  }\n"
	"  for (i = 0; i < groups.length; i++)\n"
	"    groups[i].hidden = !seen[groups[i].getAttribute('data-class')];\n"
	"  for (i = 0; i < cells.length; i++)\n"
	"    cells[i].classList.toggle('dim', !!kind &&\n"
	"      cells[i].getAttribute('data-class') !== kind);\n"
	"  out.textContent = n + ' of ' + total + ' codes shown';\n"
	"}\n"
	"f.hidden = false;\n"
	"f.addEventListener('change', apply);\n"
	"f.addEventListener('reset', function () { setTimeout(apply, 0); });\n"
	"apply();\n"
	"d.documentElement.setAttribute('data-script', 'ran');\n"
	"})();\n";

/* --- building the tree ------------------------------------------------ */

static xmlNodePtr must(xmlNodePtr n)
{
	if (!n)
		sdb_die("out of memory building the report");
	return n;
}

/* A new element under parent, with a class when cls is set. */
static xmlNodePtr el(xmlNodePtr parent, const char *tag, const char *cls)
{
	xmlNodePtr n = must(xmlNewChild(parent, NULL, BAD_CAST tag, NULL));

	if (cls)
		must((xmlNodePtr)xmlNewProp(n, BAD_CAST "class", BAD_CAST cls));
	return n;
}

/* Code points shown as marks: C0, DEL, C1 and the bidi controls. */
static int is_control(int c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200E || c == 0x200F || c == 0x061C;
}

static void add_utf8(struct sdb_buf *b, int c)
{
	char u[4];
	int n = xmlCopyCharMultiByte(BAD_CAST u, c);

	if (n > 0)
		sdb_buf_add(b, u, (size_t)n);
}

/*
 * Walks s as UTF-8 (bytes that are not become U+FFFD).  Text goes to b;
 * at each control character, flush(b, c, arg) is called with what
 * came before it in b.  Returns what is left in b at the end.
 */
static void walk(const char *s, struct sdb_buf *b,
		 void (*control)(struct sdb_buf *, int, void *), void *arg)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);

	while (left) {
		int len = (int)(left < 4 ? left : 4);
		int c = xmlGetUTF8Char(p, &len);

		if (c < 0 || len <= 0) {
			add_utf8(b, 0xFFFD);
			p++;
			left--;
			continue;
		}
		if (is_control(c))
			control(b, c, arg);
		else
			sdb_buf_add(b, (const char *)p, (size_t)len);
		p += len;
		left -= (size_t)len;
	}
}

/* In text: the text so far, then a mark for the control c. */
static void text_control(struct sdb_buf *b, int c, void *arg)
{
	xmlNodePtr parent = arg, mark;
	char cp[16];

	if (b->len)
		must(xmlAddChild(parent, must(xmlNewText(BAD_CAST b->s))));
	sdb_buf_reset(b);
	snprintf(cp, sizeof(cp), "U+%04X", (unsigned)c);
	mark = el(parent, "span", "ctl");
	must((xmlNodePtr)xmlNewProp(mark, BAD_CAST "title", BAD_CAST cp));
	if (c < 0x20 || c == 0x7F) {
		/* the control picture: libxml2 would drop the control */
		add_utf8(b, c == 0x7F ? 0x2421 : 0x2400 + c);
	} else {
		must((xmlNodePtr)xmlNewProp(mark, BAD_CAST "data-cp",
					    BAD_CAST cp));
		add_utf8(b, c);
	}
	must(xmlAddChild(mark, must(xmlNewText(BAD_CAST b->s))));
	sdb_buf_reset(b);
}

/* Text from the database, appended to parent as inert text. */
static void text(xmlNodePtr parent, const char *s)
{
	struct sdb_buf b = SDB_BUF_INIT;

	walk(s, &b, text_control, parent);
	if (b.len)
		must(xmlAddChild(parent, must(xmlNewText(BAD_CAST b.s))));
	sdb_buf_release(&b);
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
/* Text made here (numbers, words); still goes through text(). */
static void textf(xmlNodePtr parent, const char *fmt, ...)
{
	struct sdb_buf b = SDB_BUF_INIT;
	char small[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	sdb_buf_adds(&b, small);
	text(parent, b.s);
	sdb_buf_release(&b);
}

/* In an attribute: a control shows as its picture or "[U+202E]". */
static void attr_control(struct sdb_buf *b, int c, void *arg)
{
	(void)arg;
	if (c < 0x20 || c == 0x7F)
		add_utf8(b, c == 0x7F ? 0x2421 : 0x2400 + c);
	else
		sdb_buf_addf(b, "[U+%04X]", (unsigned)c);
}

/* An attribute whose value may come from the database. */
static void attr(xmlNodePtr n, const char *name, const char *value)
{
	struct sdb_buf b = SDB_BUF_INIT;

	walk(value, &b, attr_control, NULL);
	must((xmlNodePtr)xmlNewProp(n, BAD_CAST name, BAD_CAST b.s));
	sdb_buf_release(&b);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void attrf(xmlNodePtr n, const char *name, const char *fmt, ...)
{
	char v[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	attr(n, name, v);
}

/* An element holding text: el() then text(). */
static xmlNodePtr el_text(xmlNodePtr parent, const char *tag, const char *cls,
			  const char *s)
{
	xmlNodePtr n = el(parent, tag, cls);

	text(n, s);
	return n;
}

/* The symbol of j, hidden from screen readers (the words say it). */
static void add_symbol(xmlNodePtr parent, enum sdb_judgement j)
{
	xmlNodePtr s = el_text(parent, "span", "sym", looks[j].symbol);

	attr(s, "aria-hidden", "true");
}

/* "1xx" for 100..199. */
static void class_key(char *k, size_t n, int code)
{
	snprintf(k, n, "%dxx", code / 100);
}

/* --- what the rows hold ----------------------------------------------- */

/* Per row: the judgements among its cells, and its worst finding. */
struct row_info {
	unsigned kinds;		/* 1 << enum sdb_judgement */
	int findings;		/* 0 none, 1 minor only, 2 a real one */
	const struct sdb_audit_finding *f;	/* its first finding */
	size_t nf;
};

static const char *const findings_word[3] = { "none", "minor", "real" };

static struct row_info *row_infos(const struct sdb_audit *a)
{
	const struct sdb_records *r = a->records;
	struct row_info *info = sdb_xcalloc(r->n ? r->n : 1, sizeof(*info));
	size_t row, l, k = 0;

	for (row = 0; row < r->n; row++) {
		for (l = 0; l < a->nlists; l++)
			info[row].kinds |=
				1u << sdb_audit_cell(a, row, l)->judgement;
		while (k < a->nfindings && a->findings[k].code < r->v[row].code)
			k++;
		info[row].f = &a->findings[k];
		for (; k < a->nfindings && a->findings[k].code == r->v[row].code;
		     k++) {
			int w = a->findings[k].minor ? 1 : 2;

			info[row].nf++;
			if (w > info[row].findings)
				info[row].findings = w;
		}
	}
	return info;
}

/* The attributes the filters read, on a row of the matrix or timeline. */
static void row_attrs(xmlNodePtr tr, const struct sdb_record *rec,
		      const struct row_info *info)
{
	struct sdb_buf kinds = SDB_BUF_INIT;
	char key[16];
	int j;

	class_key(key, sizeof(key), rec->code);
	attrf(tr, "data-code", "%d", rec->code);
	attr(tr, "data-class", key);
	sdb_buf_addch(&kinds, ' ');
	for (j = 0; j < SDB_NJUDGEMENTS; j++)
		if (info->kinds & (1u << j))
			sdb_buf_addf(&kinds, "%s ",
				     sdb_judgement_name((enum sdb_judgement)j));
	attr(tr, "data-kinds", kinds.s);
	attr(tr, "data-findings", findings_word[info->findings]);
	sdb_buf_release(&kinds);
}

/* What the sections share. */
struct report {
	const struct sdb_audit *a;
	struct row_info *info;	/* per row of a->records */
	char *shown;		/* per row, and one more (0): 1 when the
				   options include the row's code */
	unsigned kinds;		/* the judgements of shown cells */
};

/* The row of code; records->n (never shown) when there is none. */
static size_t row_of(const struct report *rp, int code)
{
	const struct sdb_records *r = rp->a->records;
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->v[mid].code < code)
			lo = mid + 1;
		else if (r->v[mid].code > code)
			hi = mid;
		else
			return mid;
	}
	return r->n;
}

static const struct sdb_record *rec_of(const struct report *rp, int code)
{
	size_t row = row_of(rp, code);

	return row < rp->a->records->n ? &rp->a->records->v[row] : NULL;
}

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

static void summary_lists(xmlNodePtr sec, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	xmlNodePtr table, tr, th;
	size_t l, row, registered = 0;
	int j;

	for (row = 0; row < r->n; row++)
		registered += rp->shown[row] && r->v[row].registered == 1;
	el_text(sec, "h3", NULL, "The lists");
	table = el(sec, "table", "lists");
	tr = el(el(table, "thead", NULL), "tr", NULL);
	attr(el_text(tr, "th", NULL, "List"), "scope", "col");
	attr(el_text(tr, "th", "num", "Codes"), "scope", "col");
	for (j = 0; j < SDB_NJUDGEMENTS; j++) {
		if (j == SDB_J_UNJUDGED)
			continue;
		th = el(tr, "th", "num");
		attr(th, "scope", "col");
		attr(th, "title", looks[j].meaning);
		add_symbol(th, (enum sdb_judgement)j);
		el_text(th, "span", "small", looks[j].label);
	}
	attr(el_text(tr, "th", NULL, "Verdict"), "scope", "col");
	table = el(table, "tbody", NULL);
	for (l = 0; l < a->nlists; l++) {
		const struct sdb_audit_list *list = &a->lists[l];
		size_t counts[SDB_NJUDGEMENTS] = { 0 }, listed = 0, lacks = 0;
		struct sdb_buf b = SDB_BUF_INIT;
		xmlNodePtr td;

		for (row = 0; row < r->n; row++) {
			enum sdb_judgement k = sdb_audit_cell(a, row, l)->judgement;

			if (!rp->shown[row])
				continue;
			counts[k]++;
			listed += k != SDB_J_MISSING;
			lacks += k == SDB_J_MISSING && r->v[row].registered == 1;
		}
		tr = el(table, "tr", NULL);
		th = el(tr, "th", NULL);
		attr(th, "scope", "row");
		el_text(th, "b", NULL, list->label);
		el(th, "br", NULL);
		td = el(th, "span", "small");
		textf(td, "%s, rank %d, ", list->kind, list->rank);
		text(td, list->file);
		textf(el(tr, "td", "num"), "%zu", listed);
		for (j = 0; j < SDB_NJUDGEMENTS; j++) {
			if (j == SDB_J_UNJUDGED)
				continue;
			td = el(tr, "td", NULL);
			if (counts[j]) {
				struct sdb_buf c = SDB_BUF_INIT;

				sdb_buf_addf(&c, "num k-%s", sdb_judgement_name(
						     (enum sdb_judgement)j));
				attr(td, "class", c.s);
				sdb_buf_release(&c);
				textf(td, "%zu", counts[j]);
			} else {
				attr(td, "class", "num");
			}
		}
		verdict(&b, list, counts, lacks, registered);
		td = el(tr, "td", "verdict");
		if (list->era || list->nstale)
			attr(td, "class", "verdict stale");
		text(td, b.s);
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
static void code_link(xmlNodePtr parent, int code, int real)
{
	xmlNodePtr a = el(parent, "a", real ? "real" : NULL);

	attrf(a, "href", "#c-%d", code);
	textf(a, "%d", code);
}

static const struct sdb_audit_claim *deciding(const struct sdb_audit *a,
					      const struct sdb_audit_cell *c);

/* After a real conflict: the lists whose cells of code conflict. */
static void who(xmlNodePtr li, const struct report *rp, int code)
{
	const struct sdb_audit *a = rp->a;
	size_t row = row_of(rp, code), l;
	const char *sep = ": ";

	for (l = 0; row < a->records->n && l < a->nlists; l++) {
		const struct sdb_audit_cell *c = sdb_audit_cell(a, row, l);
		const struct sdb_audit_claim *d;
		char cls[64];
		xmlNodePtr k;

		if (c->judgement != SDB_J_ANOTHER &&
		    c->judgement != SDB_J_CONFLICT)
			continue;
		d = deciding(a, c);
		text(li, sep);
		sep = "; ";
		el_text(li, "bdi", NULL, a->lists[l].label);
		text(li, " says ");
		snprintf(cls, sizeof(cls), "k-%s",
			 sdb_judgement_name(c->judgement));
		k = el(li, "span", cls);
		add_symbol(k, c->judgement);
		el_text(k, "bdi", NULL, d ? d->value : "?");
		textf(li, " (%s)", looks[c->judgement].label);
	}
}

static void summary_findings(xmlNodePtr sec, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_audit_finding **v;
	xmlNodePtr table, tr, ul = NULL;
	size_t i, k, n = 0;

	v = sdb_xcalloc(a->nfindings ? a->nfindings : 1, sizeof(*v));
	for (i = 0; i < a->nfindings; i++)
		if (rp->shown[row_of(rp, a->findings[i].code)])
			v[n++] = &a->findings[i];
	el_text(sec, "h3", NULL, "Real conflicts");
	for (i = 0; i < n; i++) {
		const struct sdb_record *rec = rec_of(rp, v[i]->code);
		xmlNodePtr li;

		if (v[i]->minor)
			continue;
		if (!ul)
			ul = el(sec, "ul", NULL);
		li = el(ul, "li", NULL);
		code_link(li, v[i]->code, 1);
		if (rec && rec->name) {
			text(li, " ");
			el_text(li, "bdi", NULL, rec->name);
		}
		text(li, ": ");
		text(li, v[i]->kind);
		if (strcmp(v[i]->kind, v[i]->field)) {
			text(li, " (");
			text(li, v[i]->field);
			text(li, ")");
		}
		if (*v[i]->source) {
			text(li, " in ");
			text(li, v[i]->source);
		}
		who(li, rp, v[i]->code);
	}
	if (!ul)
		el_text(sec, "p", NULL, "None: every finding is stale or "
			"cosmetic.");
	el_text(sec, "h3", NULL, "Findings by kind");
	if (!n) {
		el_text(sec, "p", NULL, "None: the lists agree.");
		free(v);
		return;
	}
	qsort(v, n, sizeof(*v), cmp_finding);
	table = el(sec, "table", "kinds");
	tr = el(el(table, "thead", NULL), "tr", NULL);
	attr(el_text(tr, "th", NULL, "Kind"), "scope", "col");
	attr(el_text(tr, "th", "num", "Real"), "scope", "col");
	attr(el_text(tr, "th", "num", "Minor"), "scope", "col");
	attr(el_text(tr, "th", NULL, "Codes (real ones in bold)"), "scope",
	     "col");
	table = el(table, "tbody", NULL);
	for (i = 0; i < n; i = k) {
		size_t real = 0, minor = 0;
		xmlNodePtr td;
		int last = -1;

		for (k = i; k < n && !strcmp(v[k]->kind, v[i]->kind); k++) {
			real += !v[k]->minor;
			minor += v[k]->minor != 0;
		}
		tr = el(table, "tr", NULL);
		attr(el_text(tr, "th", NULL, v[i]->kind), "scope", "row");
		textf(el(tr, "td", "num"), "%zu", real);
		textf(el(tr, "td", "num"), "%zu", minor);
		td = el(tr, "td", NULL);
		for (; i < k; i++) {
			if (v[i]->code == last)
				continue;
			if (last >= 0)
				text(td, " ");
			code_link(td, v[i]->code, !v[i]->minor);
			last = v[i]->code;
		}
	}
	free(v);
}

static void summary(xmlNodePtr body, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	xmlNodePtr sec = el(body, "section", NULL), p;
	size_t row, codes = 0, assigned = 0, unassigned = 0, real = 0,
	       minor = 0, i;

	attr(sec, "id", "summary");
	el_text(sec, "h2", NULL, "Summary");
	for (row = 0; row < r->n; row++) {
		if (!rp->shown[row])
			continue;
		codes++;
		assigned += r->v[row].registered == 1;
		unassigned += r->v[row].registered == 0;
	}
	for (i = 0; i < a->nfindings; i++)
		if (rp->shown[row_of(rp, a->findings[i].code)]) {
			real += !a->findings[i].minor;
			minor += a->findings[i].minor != 0;
		}
	p = el(sec, "p", NULL);
	textf(p, "%zu lists and %zu codes: %zu the registry assigns, %zu it "
	      "leaves unassigned", a->nlists, codes, assigned, unassigned);
	if (codes - assigned - unassigned)
		textf(p, ", %zu no registry lists",
		      codes - assigned - unassigned);
	textf(p, ". %zu findings: ", real + minor);
	textf(el(p, "b", "real"), "%zu real %s", real,
	      real == 1 ? "conflict" : "conflicts");
	textf(p, " and %zu minor (stale or cosmetic).", minor);
	if (r->registry) {
		p = el(sec, "p", NULL);
		text(p, "The registry is ");
		el_text(p, "b", NULL, r->registry);
		if (r->registry_version) {
			text(p, ", version ");
			text(p, r->registry_version);
		}
		if (a->nversions > 1)
			textf(p, ", with %zu versions in its timeline",
			      a->nversions);
		text(p, ".");
	}
	summary_lists(sec, rp);
	summary_findings(sec, rp);
}

/* --- the matrix ------------------------------------------------------- */

static void legend(xmlNodePtr parent, const struct report *rp)
{
	xmlNodePtr ul = el(parent, "ul", "legend");
	int j;

	for (j = 0; j < SDB_NJUDGEMENTS; j++) {
		char cls[64];
		xmlNodePtr li, sw;

		if (j == SDB_J_UNJUDGED && !(rp->kinds & (1u << j)))
			continue;
		li = el(ul, "li", NULL);
		snprintf(cls, sizeof(cls), "sw k-%s",
			 sdb_judgement_name((enum sdb_judgement)j));
		sw = el(li, "span", cls);
		add_symbol(sw, (enum sdb_judgement)j);
		el_text(li, "b", NULL, looks[j].label);
		text(li, ": ");
		text(li, looks[j].meaning);
	}
}

static void filters(xmlNodePtr parent, const struct report *rp)
{
	const struct sdb_records *r = rp->a->records;
	xmlNodePtr form = el(parent, "form", NULL), fs, label, in, sel, o;
	static const char *const only[][2] = {
		{ "all", "all codes" }, { "findings", "codes with findings" },
		{ "real", "codes with real conflicts" }
	};
	size_t row, i;
	int last = -1, j;

	attr(form, "id", "filters");
	attr(form, "aria-label", "Filters");
	must((xmlNodePtr)xmlNewProp(form, BAD_CAST "hidden", NULL));
	fs = el(form, "fieldset", NULL);
	el_text(fs, "legend", NULL, "Class");
	for (row = 0; row < r->n; row++) {
		char key[16];

		if (!rp->shown[row] || r->v[row].code / 100 == last)
			continue;
		last = r->v[row].code / 100;
		class_key(key, sizeof(key), r->v[row].code);
		label = el(fs, "label", NULL);
		in = el(label, "input", NULL);
		attr(in, "type", "checkbox");
		attr(in, "name", "class");
		attr(in, "value", key);
		must((xmlNodePtr)xmlNewProp(in, BAD_CAST "checked", NULL));
		textf(label, " %s %s ", key, r->v[row].class_name);
	}
	fs = el(form, "fieldset", NULL);
	el_text(fs, "legend", NULL, "Classification");
	label = el(fs, "label", NULL);
	text(label, "codes with a cell that is ");
	sel = el(label, "select", NULL);
	attr(sel, "name", "kind");
	o = el_text(sel, "option", NULL, "anything");
	attr(o, "value", "");
	for (j = 0; j < SDB_NJUDGEMENTS; j++) {
		if (!(rp->kinds & (1u << j)))
			continue;
		o = el(sel, "option", NULL);
		attr(o, "value", sdb_judgement_name((enum sdb_judgement)j));
		textf(o, "%s %s", looks[j].symbol, looks[j].label);
	}
	fs = el(form, "fieldset", NULL);
	el_text(fs, "legend", NULL, "Findings");
	for (i = 0; i < 3; i++) {
		label = el(fs, "label", NULL);
		in = el(label, "input", NULL);
		attr(in, "type", "radio");
		attr(in, "name", "only");
		attr(in, "value", only[i][0]);
		if (!i)
			must((xmlNodePtr)xmlNewProp(in, BAD_CAST "checked", NULL));
		textf(label, " %s ", only[i][1]);
	}
	in = el(form, "p", NULL);
	attr(in, "id", "shown");
	attr(in, "role", "status");
	el_text(el(parent, "noscript", NULL), "p", NULL, "Scripts are off: "
		"the filters are hidden and every code is shown.");
}

/* The claim that gave a cell its judgement, or NULL. */
static const struct sdb_audit_claim *deciding(const struct sdb_audit *a,
					      const struct sdb_audit_cell *c)
{
	size_t i;

	for (i = c->first; i < c->first + c->n; i++)
		if (a->claims[i].entry == a->claims[c->first].entry &&
		    a->claims[i].judged == (int)c->judgement)
			return &a->claims[i];
	return NULL;
}

static void cell(xmlNodePtr tr, const struct report *rp, size_t row,
		 size_t l)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_audit_cell *c = sdb_audit_cell(a, row, l);
	const struct sdb_audit_claim *why = deciding(a, c), *name;
	const char *jn = sdb_judgement_name(c->judgement);
	xmlNodePtr td = el(tr, "td", NULL), link, tip;
	char cls[64];

	snprintf(cls, sizeof(cls), "k-%s", jn);
	attr(td, "class", cls);
	attr(td, "data-class", jn);
	if (!c->n) {
		add_symbol(td, c->judgement);
		textf(el(td, "span", "vh"), "%s", looks[c->judgement].label);
		return;
	}
	name = c->name != SIZE_MAX ? &a->claims[c->name] : NULL;
	link = el(td, "a", NULL);
	attrf(link, "href", "#e-%d-%zu", a->records->v[row].code, l);
	add_symbol(link, c->judgement);
	if (name)
		el_text(link, "bdi", "nm", name->value);
	else
		el_text(link, "span", "none", "(no name)");
	textf(el(link, "span", "vh"), ": %s", looks[c->judgement].label);
	tip = el(link, "span", "tip");
	el_text(tip, "b", NULL, looks[c->judgement].label);
	text(tip, ": ");
	text(tip, why && why->why ? why->why : looks[c->judgement].meaning);
	el(tip, "br", NULL);
	if (name) {
		text(tip, "\u201C");
		el_text(tip, "bdi", "raw", name->raw);
		text(tip, "\u201D at ");
	} else {
		text(tip, "at ");
	}
	name = name ? name : &a->claims[c->first];
	text(el(tip, "span", "where"), a->lists[l].file);
	textf(tip, ":%d:%d", name->line, name->column);
}

static void matrix(xmlNodePtr body, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	xmlNodePtr sec = el(body, "section", NULL), table, tr, th, tbody = NULL;
	size_t row, l;
	int last = -1;

	attr(sec, "id", "matrix");
	el_text(sec, "h2", NULL, "The matrix");
	el_text(sec, "p", NULL, "A row per code, a column per list (the "
		"most authoritative first).  Each cell is the list's name for "
		"the code, coloured and marked by how it stands against the "
		"registry: the worst of its name and its references.  Point "
		"at a cell or focus it to see its raw text and place; follow "
		"its link for every claim the list makes about the code.");
	legend(sec, rp);
	filters(sec, rp);
	table = el(el(sec, "div", "wrap"), "table", "matrix");
	attr(table, "id", "matrix-table");
	el_text(table, "caption", "vh", "Each list's name for each code, by "
		"classification");
	tr = el(el(table, "thead", NULL), "tr", NULL);
	attr(el_text(tr, "th", NULL, "Code"), "scope", "col");
	for (l = 0; l < a->nlists; l++) {
		th = el(tr, "th", NULL);
		attr(th, "scope", "col");
		el_text(th, "bdi", NULL, a->lists[l].label);
		el(th, "br", NULL);
		textf(el(th, "span", "small"), "%s %d", a->lists[l].kind,
		      a->lists[l].rank);
	}
	for (row = 0; row < r->n; row++) {
		const struct sdb_record *rec = &r->v[row];
		const struct row_info *info = &rp->info[row];
		char key[16];

		if (!rp->shown[row])
			continue;
		class_key(key, sizeof(key), rec->code);
		if (rec->code / 100 != last) {
			last = rec->code / 100;
			tbody = el(table, "tbody", NULL);
			tr = el(tbody, "tr", "grp");
			attr(tr, "data-class", key);
			th = el(tr, "th", NULL);
			attr(th, "scope", "rowgroup");
			attrf(th, "colspan", "%zu", a->nlists + 1);
			textf(th, "%s %s", key, rec->class_name);
		}
		tr = el(tbody, "tr", NULL);
		attrf(tr, "id", "c-%d", rec->code);
		row_attrs(tr, rec, info);
		attr(tr, "data-matrix", "1");
		th = el(tr, "th", info->findings == 2 ? "hasreal" : NULL);
		attr(th, "scope", "row");
		{
			xmlNodePtr link = el(th, "a", NULL);

			attrf(link, "href", "#t-%d", rec->code);
			attr(link, "title", "its registry timeline");
			textf(link, "%d", rec->code);
		}
		text(th, " ");
		if (rec->name)
			el_text(th, "bdi", "cn", rec->name);
		if (info->findings == 2) {
			xmlNodePtr flag = el_text(th, "span", "real", " \u2691");

			attr(flag, "aria-hidden", "true");
			el_text(th, "span", "vh", " (a real conflict)");
		}
		for (l = 0; l < a->nlists; l++)
			cell(tr, rp, row, l);
	}
}

/* --- the evidence ----------------------------------------------------- */

static void evidence_cell(xmlNodePtr sec, const struct report *rp,
			  size_t row, size_t l)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_audit_cell *c = sdb_audit_cell(a, row, l);
	int code = a->records->v[row].code;
	xmlNodePtr ev = el(sec, "section", "ev"), h, p, table, tr, td;
	size_t i;

	attrf(ev, "id", "e-%d-%zu", code, l);
	h = el_text(ev, "a", "back", "Back to the matrix");
	attrf(h, "href", "#c-%d", code);
	h = el(ev, "h3", NULL);
	textf(h, "%d in ", code);
	el_text(h, "bdi", NULL, a->lists[l].label);
	text(el(h, "span", "small"), " ");
	text(el(h, "span", "small"), a->lists[l].file);
	p = el(ev, "p", NULL);
	{
		char cls[64];
		xmlNodePtr k;

		snprintf(cls, sizeof(cls), "sw k-%s",
			 sdb_judgement_name(c->judgement));
		k = el(p, "span", cls);
		add_symbol(k, c->judgement);
	}
	el_text(p, "b", NULL, looks[c->judgement].label);
	text(p, ": ");
	text(p, looks[c->judgement].meaning);
	if (c->judgement == SDB_J_UNREGISTERED &&
	    a->records->v[row].registered == 0)
		text(p, " (the registry leaves the code unassigned).");
	else
		textf(p, " (the worst of entry %d's name and references).",
		      a->claims[c->first].entry);
	table = el(ev, "table", NULL);
	tr = el(el(table, "thead", NULL), "tr", NULL);
	attr(el_text(tr, "th", NULL, "Entry"), "scope", "col");
	attr(el_text(tr, "th", NULL, "Line:col"), "scope", "col");
	attr(el_text(tr, "th", NULL, "Field"), "scope", "col");
	attr(el_text(tr, "th", NULL, "Value"), "scope", "col");
	attr(el_text(tr, "th", NULL, "Class"), "scope", "col");
	attr(el_text(tr, "th", NULL, "Why"), "scope", "col");
	table = el(table, "tbody", NULL);
	for (i = c->first; i < c->first + c->n; i++) {
		const struct sdb_audit_claim *cl = &a->claims[i];

		tr = el(table, "tr", NULL);
		textf(el(tr, "td", "num"), "%d", cl->entry);
		textf(el(tr, "td", NULL), "%d:%d", cl->line, cl->column);
		el_text(tr, "td", NULL, cl->field);
		td = el(tr, "td", NULL);
		el_text(td, "bdi", NULL, cl->value);
		if (cl->section) {
			text(td, ", Section ");
			text(td, cl->section);
		}
		if (cl->url) {
			text(td, " ");
			el_text(td, "span", "raw", cl->url);
		}
		if (strcmp(cl->raw, cl->value)) {
			el(td, "br", NULL);
			text(el(td, "span", "small"), "raw: ");
			el_text(td, "span", "raw", cl->raw);
		}
		td = el(tr, "td", NULL);
		if (cl->judged >= 0) {
			char cls[64];

			snprintf(cls, sizeof(cls), "k-%s",
				 sdb_judgement_name((enum sdb_judgement)cl->judged));
			attr(td, "class", cls);
			add_symbol(td, (enum sdb_judgement)cl->judged);
			text(td, looks[cl->judged].label);
		}
		td = el(tr, "td", NULL);
		if (cl->why)
			text(td, cl->why);
	}
}

static void evidence(xmlNodePtr body, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	xmlNodePtr sec = el(body, "section", NULL);
	size_t row, l;

	attr(sec, "id", "evidence");
	el_text(sec, "h2", "vh", "Evidence");
	for (row = 0; row < a->records->n; row++)
		for (l = 0; rp->shown[row] && l < a->nlists; l++)
			if (sdb_audit_cell(a, row, l)->n)
				evidence_cell(sec, rp, row, l);
}

/* --- the timeline ----------------------------------------------------- */

/* Days since 1970-01-01 of "YYYY-MM-DD"; -1 when s is not such a date. */
static long days(const char *s)
{
	long y, m, d, era, yoe, doy, doe;
	int i;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	/* Howard Hinnant's days_from_civil */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The axis: from the first version to a little past the last. */
struct axis {
	long from, to;
};

/* Where day t is on the axis, in hundredths of a percent. */
static long at(const struct axis *x, long t)
{
	if (t < x->from)
		t = x->from;
	if (t > x->to)
		t = x->to;
	return (t - x->from) * 10000 / (x->to - x->from);
}

static void place(xmlNodePtr n, long left, long right)
{
	long w = right - left;

	attrf(n, "style", "left:%ld.%02ld%%;width:%ld.%02ld%%", left / 100,
	      left % 100, w / 100, w % 100);
}

static void axis_strip(xmlNodePtr td, const struct sdb_audit *a,
		       const struct axis *x)
{
	xmlNodePtr strip = el(td, "div", "strip");
	size_t i;
	long y, last;

	attr(strip, "aria-hidden", "true");
	for (i = 0; i < a->nversions; i++) {
		long t = days(a->versions[i]);
		xmlNodePtr tick;

		if (t < 0)
			continue;
		tick = el(strip, "span", "tick");
		attrf(tick, "style", "left:%ld.%02ld%%", at(x, t) / 100,
		      at(x, t) % 100);
		attr(tick, "title", a->versions[i]);
	}
	y = atol(a->versions[0]) + 1;
	last = atol(a->versions[a->nversions - 1]);
	for (; y > 1 && y <= last; y++) {
		char date[16];
		xmlNodePtr label;

		snprintf(date, sizeof(date), "%04ld-01-01", y % 10000);
		label = el(strip, "span", "year");
		attrf(label, "style", "left:%ld.%02ld%%",
		      at(x, days(date)) / 100, at(x, days(date)) % 100);
		textf(label, "%ld", y);
	}
}

static int same(const char *s, const char *t)
{
	return s && t ? !strcmp(s, t) : s == t;
}

static int temporary(const struct sdb_audit_period *p)
{
	return p->notes && (sdb_note_statuses(p->notes) &
			    (1u << SDB_STATUS_TEMPORARY));
}

/*
 * One lane of a code's periods p[0..n): its names, or its references
 * (refs set).  Periods that agree on the lane's value (and, for names,
 * on being temporary) make one segment.
 */
static void lane(xmlNodePtr td, const struct sdb_audit_period *p, size_t n,
		 int refs, const struct axis *x)
{
	xmlNodePtr strip = el(td, "div", "strip");
	size_t i, j;
	int shade = 0;

	for (i = 0; i < n; i = j) {
		const char *v = refs ? p[i].refs : p[i].name;
		int tmp = !refs && temporary(&p[i]);
		struct sdb_buf cls = SDB_BUF_INIT, title = SDB_BUF_INIT;
		const char *until;
		long t0, t1;
		xmlNodePtr seg;

		for (j = i + 1; j < n && same(refs ? p[j].refs : p[j].name, v) &&
		     (refs || temporary(&p[j]) == tmp); j++)
			;
		until = p[j - 1].until;
		t0 = days(p[i].since);
		t1 = until ? days(until) : x->to;
		if (t0 < 0 || t1 < t0)
			continue;	/* not a date statusdb writes */
		if (i)
			shade ^= 1;
		sdb_buf_addf(&cls, "seg s%d%s%s%s", shade, i ? " chg" : "",
			     v ? "" : " gap", tmp ? " tmp" : "");
		sdb_buf_addf(&title, "%s to %s: ", p[i].since,
			     until ? until : "now");
		sdb_buf_adds(&title, v ? v : "not listed");
		if (!refs && p[j - 1].notes) {
			sdb_buf_adds(&title, " (");
			sdb_buf_adds(&title, p[j - 1].notes);
			sdb_buf_adds(&title, ")");
		}
		seg = el(strip, "span", cls.s);
		place(seg, at(x, t0), at(x, t1));
		attr(seg, "title", title.s);
		el_text(seg, "span", "vh", title.s);
		if (v)
			el_text(seg, "bdi", NULL, v);
		sdb_buf_release(&cls);
		sdb_buf_release(&title);
	}
}

static void timeline(xmlNodePtr body, const struct report *rp)
{
	const struct sdb_audit *a = rp->a;
	const struct sdb_records *r = a->records;
	xmlNodePtr sec = el(body, "section", NULL), p, table, thead, tr, th;
	struct axis x;
	size_t row, k = 0;

	attr(sec, "id", "timeline");
	el_text(sec, "h2", NULL, "The registry's timeline");
	x.from = a->nversions ? days(a->versions[0]) : -1;
	x.to = a->nversions ? days(a->versions[a->nversions - 1]) : -1;
	if (!a->nperiods || x.from < 0 || x.to <= x.from) {
		el_text(sec, "p", NULL, "This database holds no history of a "
			"registry: import its versions as SERIES@DATE.");
		return;
	}
	x.to += (x.to - x.from) / 12;
	p = el(sec, "p", NULL);
	text(p, "How ");
	el_text(p, "b", NULL, a->series);
	textf(p, " named and cited each code it lists over its %zu versions, "
	      "from ", a->nversions);
	text(p, a->versions[0]);
	text(p, " to ");
	text(p, a->versions[a->nversions - 1]);
	text(p, ".  Each segment is a period in which the versions agree; "
	     "a thick left edge marks a change (a rename, a new reference); "
	     "hatched: a temporary registration; dashed: not listed, or "
	     "no name.");
	table = el(sec, "table", "tl");
	thead = el(table, "thead", NULL);
	tr = el(thead, "tr", NULL);
	attr(el_text(tr, "th", NULL, "Code"), "scope", "col");
	attr(el_text(tr, "th", NULL, "Name"), "scope", "col");
	attr(el_text(tr, "th", NULL, "References"), "scope", "col");
	tr = el(thead, "tr", "axis");
	el(tr, "td", NULL);
	axis_strip(el(tr, "td", NULL), a, &x);
	axis_strip(el(tr, "td", NULL), a, &x);
	table = el(table, "tbody", NULL);
	for (row = 0; row < r->n; row++) {
		const struct sdb_record *rec = &r->v[row];
		size_t first, n;
		xmlNodePtr link;

		while (k < a->nperiods && a->periods[k].code < rec->code)
			k++;
		for (first = k; k < a->nperiods &&
		     a->periods[k].code == rec->code; k++)
			;
		n = k - first;
		if (!n || !rp->shown[row])
			continue;
		tr = el(table, "tr", NULL);
		attrf(tr, "id", "t-%d", rec->code);
		row_attrs(tr, rec, &rp->info[row]);
		th = el(tr, "th", NULL);
		attr(th, "scope", "row");
		link = el(th, "a", NULL);
		attrf(link, "href", "#c-%d", rec->code);
		textf(link, "%d", rec->code);
		lane(el(tr, "td", NULL), &a->periods[first], n, 0, &x);
		lane(el(tr, "td", NULL), &a->periods[first], n, 1, &x);
	}
}

/* --- the page --------------------------------------------------------- */

static void head(xmlNodePtr html)
{
	xmlNodePtr h = el(html, "head", NULL), m;
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;

	m = el(h, "meta", NULL);
	attr(m, "charset", "utf-8");
	m = el(h, "meta", NULL);
	attr(m, "name", "viewport");
	attr(m, "content", "width=device-width, initial-scale=1");
	m = el(h, "meta", NULL);
	attr(m, "name", "generator");
	attr(m, "content", "statusdb");
	el_text(h, "title", NULL, "statusdb audit: where each list stands");
	/* constants: the serializer writes style and script raw */
	for (i = 0; i < sizeof(css) / sizeof(css[0]); i++)
		sdb_buf_adds(&b, css[i]);
	must(xmlAddChild(el(h, "style", NULL), must(xmlNewText(BAD_CAST b.s))));
	sdb_buf_release(&b);
}

static void footer(xmlNodePtr body, const struct sdb_records *r)
{
	xmlNodePtr f = el(body, "footer", NULL), ul;
	size_t i;

	el_text(f, "p", NULL, "Generated by statusdb from these sources; "
		"the page loads nothing from the network.");
	ul = el(f, "ul", NULL);
	for (i = 0; i < r->nbanner; i++)
		el_text(ul, "li", NULL, r->banner[i]);
}

static void page(xmlDocPtr doc, const struct report *rp)
{
	xmlNodePtr html = must(xmlNewDocNode(doc, NULL, BAD_CAST "html", NULL));
	xmlNodePtr body, h, nav;
	static const char *const parts[][2] = {
		{ "#summary", "Summary" }, { "#matrix", "Matrix" },
		{ "#timeline", "Timeline" }
	};
	size_t i;

	xmlDocSetRootElement(doc, html);
	must(xmlAddPrevSibling(html, must(xmlNewDocComment(doc, BAD_CAST
		" report.html - generated by statusdb from its database; "
		"do not edit "))));
	attr(html, "lang", "en");
	head(html);
	body = el(html, "body", NULL);
	h = el(body, "header", NULL);
	el_text(h, "h1", NULL, "Where each list stands");
	nav = el(h, "nav", NULL);
	attr(nav, "aria-label", "Contents");
	for (i = 0; i < 3; i++)
		attr(el_text(nav, "a", NULL, parts[i][1]), "href", parts[i][0]);
	summary(body, rp);
	matrix(body, rp);
	timeline(body, rp);
	evidence(body, rp);
	footer(body, rp->a->records);
	must(xmlAddChild(el(body, "script", NULL),
			 must(xmlNewText(BAD_CAST script))));
}

int sdb_export_html(const struct sdb_records *r,
		    const struct sdb_export_opts *o, sqlite3 *db,
		    struct sdb_buf *out, struct sdb_error *err)
{
	struct sdb_audit a;
	struct report rp;
	xmlDocPtr doc;
	xmlOutputBufferPtr ob;
	size_t row, l;
	int rc = 0;

	if (sdb_audit_load(db, r, &a, err))
		return SDB_EXPORT_EDB;
	memset(&rp, 0, sizeof(rp));
	rp.a = &a;
	rp.info = row_infos(&a);
	rp.shown = sdb_xcalloc(r->n + 1, 1);
	for (row = 0; row < r->n; row++) {
		rp.shown[row] = (char)sdb_export_includes(o, &r->v[row]);
		for (l = 0; rp.shown[row] && l < a.nlists; l++)
			rp.kinds |= 1u << sdb_audit_cell(&a, row, l)->judgement;
	}
	doc = (xmlDocPtr)must((xmlNodePtr)htmlNewDocNoDtD(NULL, NULL));
	must((xmlNodePtr)xmlCreateIntSubset(doc, BAD_CAST "html", NULL, NULL));
	page(doc, &rp);
	ob = xmlAllocOutputBuffer(NULL);
	if (!ob)
		sdb_die("out of memory writing the report");
	htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 1);
	if (ob->error || xmlOutputBufferFlush(ob) < 0) {
		memset(err, 0, sizeof(*err));
		snprintf(err->message, sizeof(err->message),
			 "cannot serialize the report (libxml2 error %d)",
			 ob->error);
		rc = SDB_EXPORT_EDATA;
	} else {
		sdb_buf_add(out, (const char *)xmlOutputBufferGetContent(ob),
			    xmlOutputBufferGetSize(ob));
	}
	xmlOutputBufferClose(ob);
	xmlFreeDoc(doc);
	free(rp.info);
	free(rp.shown);
	sdb_audit_release(&a);
	return rc;
}

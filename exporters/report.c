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
 * The page is built as a tree (html_tree.h: an arena of nodes, written
 * with the bytes libxml2's HTML serializer gives the same tree, and
 * escaped by libxml2): text from the database goes in as text nodes and
 * attribute values only, never as markup.
 * Control characters and bidirectional controls in that text are shown
 * as visible marks (class "ctl"), so none can hide or reorder what
 * follows; bytes that are not UTF-8 become U+FFFD.  URLs from sources
 * are shown as text, never made links.  The CSS and the script are the
 * constants below.  The same records give the same bytes.
 *
 * This file holds the page's skeleton (head, style sheet, script, header
 * and footer), the helpers that build the tree, what the rows hold, and
 * sdb_export_html().  The sections are in report_summary.c,
 * report_matrix.c (the matrix, its filters and the evidence) and
 * report_timeline.c; report_int.h is what they share.
 */
#include "report_int.h"
#include "../common/util.h"

#include <libxml/parserInternals.h>
#include <libxml/xmlstring.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* How each judgement looks: a symbol repeats the colour. */
const struct look sdb_report_looks[SDB_NJUDGEMENTS] = {
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

/* A new element under parent, with a class when cls is set. */
struct sdb_node *sdb_report_el(struct sdb_node *parent, const char *tag,
			       const char *cls)
{
	struct sdb_node *n = sdb_ht_el(sdb_ht_of(parent), parent, tag);

	if (cls)
		sdb_ht_attr(n, "class", cls);
	return n;
}

struct sdb_node *sdb_report_new(struct sdb_ht_part *part, const char *tag,
				const char *cls)
{
	struct sdb_node *n = sdb_ht_el(sdb_ht_part_tree(part), NULL, tag);

	if (cls)
		sdb_ht_attr(n, "class", cls);
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
 * at each control character, control(b, c, arg) is called with what
 * came before it in b.  Leaves in b what is left at the end.  A run of
 * printable ASCII, most of any text, is copied at once.
 */
static void walk(const char *s, struct sdb_buf *b,
		 void (*control)(struct sdb_buf *, int, void *), void *arg)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	const unsigned char *end = p + strlen((const char *)p), *q;

	while (p < end) {
		int len, c;

		for (q = p; q < end && *q >= 0x20 && *q < 0x7F; q++)
			;
		if (q > p) {
			sdb_buf_add(b, (const char *)p, (size_t)(q - p));
			p = q;
			continue;
		}
		len = (int)(end - p < 4 ? end - p : 4);
		c = xmlGetUTF8Char(p, &len);
		if (c < 0 || len <= 0) {
			add_utf8(b, 0xFFFD);
			p++;
			continue;
		}
		if (is_control(c))
			control(b, c, arg);
		else
			sdb_buf_add(b, (const char *)p, (size_t)len);
		p += len;
	}
}

/* In text: the text so far, then a mark for the control c. */
static void text_control(struct sdb_buf *b, int c, void *arg)
{
	struct sdb_node *parent = arg, *mark;
	char cp[16];

	if (b->len)
		sdb_ht_text(parent, b->s, b->len);
	sdb_buf_reset(b);
	snprintf(cp, sizeof(cp), "U+%04X", (unsigned)c);
	mark = sdb_report_el(parent, "span", "ctl");
	sdb_ht_attr(mark, "title", cp);
	if (c < 0x20 || c == 0x7F) {
		/* the control picture: libxml2 would drop the control */
		add_utf8(b, c == 0x7F ? 0x2421 : 0x2400 + c);
	} else {
		sdb_ht_attr(mark, "data-cp", cp);
		add_utf8(b, c);
	}
	sdb_ht_text(mark, b->s, b->len);
	sdb_buf_reset(b);
}

/* The length of s when it is all printable ASCII (walk() would copy it
 * as it is), else SIZE_MAX. */
static size_t printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while ((unsigned char)(*p - 0x20) < 0x7F - 0x20)	/* ' ' to '~' */
		p++;
	return *p ? SIZE_MAX : (size_t)(p - (const unsigned char *)s);
}

/* Text from the database, appended to parent as inert text. */
void sdb_report_text(struct sdb_node *parent, const char *s)
{
	struct sdb_buf *b;
	size_t n = printable(s ? s : "");

	if (n != SIZE_MAX) {	/* most text: nothing to mark */
		if (n)
			sdb_ht_text(parent, s, n);
		return;
	}
	b = sdb_ht_scratch(sdb_ht_of(parent));
	sdb_buf_reset(b);
	walk(s, b, text_control, parent);
	if (b->len)
		sdb_ht_text(parent, b->s, b->len);
}

/* Text made here (numbers, words); still goes through sdb_report_text(). */
void sdb_report_textf(struct sdb_node *parent, const char *fmt, ...)
{
	char small[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	sdb_report_text(parent, small);
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
void sdb_report_attr(struct sdb_node *n, const char *name, const char *value)
{
	struct sdb_buf *b;

	if (printable(value ? value : "") != SIZE_MAX) {
		sdb_ht_attr(n, name, value ? value : "");
		return;
	}
	b = sdb_ht_scratch(sdb_ht_of(n));
	sdb_buf_reset(b);
	walk(value, b, attr_control, NULL);
	sdb_ht_attr(n, name, b->s);
}

void sdb_report_attrf(struct sdb_node *n, const char *name, const char *fmt, ...)
{
	char v[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	sdb_report_attr(n, name, v);
}

/* An element holding text: sdb_report_el() then sdb_report_text(). */
struct sdb_node *sdb_report_el_text(struct sdb_node *parent, const char *tag,
				    const char *cls, const char *s)
{
	struct sdb_node *n = sdb_report_el(parent, tag, cls);

	sdb_report_text(n, s);
	return n;
}

/* The symbol of j, hidden from screen readers (the words say it). */
void sdb_report_add_symbol(struct sdb_node *parent, enum sdb_judgement j)
{
	struct sdb_node *s = sdb_report_el_text(parent, "span", "sym",
					  sdb_report_looks[j].symbol);

	sdb_report_attr(s, "aria-hidden", "true");
}

/* "1xx" for 100..199. */
void sdb_report_class_key(char *k, size_t n, int code)
{
	snprintf(k, n, "%dxx", code / 100);
}

/* --- what the rows hold ----------------------------------------------- */

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
		for (; k < a->nfindings && a->findings[k].code == r->v[row].code;
		     k++) {
			int w = a->findings[k].minor ? 1 : 2;

			if (w > info[row].findings)
				info[row].findings = w;
		}
	}
	return info;
}

/* The attributes the filters read, on a row of the matrix or timeline. */
void sdb_report_row_attrs(struct sdb_node *tr, const struct sdb_record *rec,
			  const struct row_info *info)
{
	struct sdb_short t;
	char key[16], kinds[SDB_NJUDGEMENTS * 20];
	size_t n = 0;
	int j;

	sdb_report_attr(tr, "data-code", sdb_short_cat(&t, "", rec->code, ""));
	sdb_report_class_key(key, sizeof(key), rec->code);
	sdb_report_attr(tr, "data-class", key);
	kinds[n++] = ' ';
	for (j = 0; j < SDB_NJUDGEMENTS; j++)
		if (info->kinds & (1u << j)) {
			const char *w = sdb_judgement_name((enum sdb_judgement)j);
			size_t len = strlen(w);

			memcpy(kinds + n, w, len);	/* each under 19 */
			n += len;
			kinds[n++] = ' ';
		}
	kinds[n] = '\0';
	sdb_report_attr(tr, "data-kinds", kinds);
	sdb_report_attr(tr, "data-findings", findings_word[info->findings]);
}

/* The row of code; records->n (never shown) when there is none. */
size_t sdb_report_row_of(const struct report *rp, int code)
{
	return sdb_records_index(rp->a->records, code);
}

const struct sdb_record *sdb_report_rec_of(const struct report *rp, int code)
{
	size_t row = sdb_report_row_of(rp, code);

	return row < rp->a->records->n ? &rp->a->records->v[row] : NULL;
}

/* --- the page --------------------------------------------------------- */

static void head(struct sdb_node *html)
{
	struct sdb_node *h = sdb_report_el(html, "head", NULL), *m;
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;

	m = sdb_report_el(h, "meta", NULL);
	sdb_report_attr(m, "charset", "utf-8");
	m = sdb_report_el(h, "meta", NULL);
	sdb_report_attr(m, "name", "viewport");
	sdb_report_attr(m, "content", "width=device-width, initial-scale=1");
	m = sdb_report_el(h, "meta", NULL);
	sdb_report_attr(m, "name", "generator");
	sdb_report_attr(m, "content", "statusdb");
	sdb_report_el_text(h, "title", NULL,
			   "statusdb audit: where each list stands");
	/* constants: the serializer writes style and script raw */
	for (i = 0; i < sizeof(css) / sizeof(css[0]); i++)
		sdb_buf_adds(&b, css[i]);
	sdb_ht_text(sdb_report_el(h, "style", NULL), b.s, b.len);
	sdb_buf_release(&b);
}

/* The footer; its list of sources goes in SDB_REPORT_SLOT_SOURCES. */
static struct sdb_node *footer(struct sdb_ht *ht)
{
	struct sdb_node *f = sdb_ht_el(ht, NULL, "footer");

	sdb_report_el_text(f, "p", NULL,
			   "Generated by statusdb from these sources; "
			   "the page loads nothing from the network.");
	sdb_ht_slot(sdb_report_el(f, "ul", NULL), SDB_REPORT_SLOT_SOURCES);
	return f;
}

/* A line per source, each written when made: 10,000 lists are 10,000
 * lines. */
static void sources(struct sdb_ht_part *part, const struct sdb_records *r)
{
	size_t i;

	for (i = 0; i < r->nbanner; i++) {
		struct sdb_node *li = sdb_report_new(part, "li", NULL);

		sdb_report_text(li, r->banner[i]);
		sdb_ht_emit(part, li);
	}
}

/* What the page's writer holds before it hands it to o->flush. */
#define FLUSH_AT ((size_t)64 * 1024)

/* The comment the page starts with, after its doctype. */
#define PAGE_START "<!DOCTYPE html>\n<!-- report.html - generated by " \
	"statusdb from its database; do not edit -->"

static struct sdb_node *page(struct sdb_ht *ht)
{
	struct sdb_node *html = sdb_ht_el(ht, NULL, "html"), *body, *h, *nav;
	static const char *const parts[][2] = {
		{ "#summary", "Summary" }, { "#matrix", "Matrix" },
		{ "#timeline", "Timeline" }
	};
	size_t i;

	sdb_report_attr(html, "lang", "en");
	head(html);
	body = sdb_report_el(html, "body", NULL);
	h = sdb_report_el(body, "header", NULL);
	sdb_report_el_text(h, "h1", NULL, "Where each list stands");
	nav = sdb_report_el(h, "nav", NULL);
	sdb_report_attr(nav, "aria-label", "Contents");
	for (i = 0; i < 3; i++)
		sdb_report_attr(sdb_report_el_text(nav, "a", NULL, parts[i][1]),
				"href", parts[i][0]);
	/* the sections: each a tree of its own, written and freed in turn */
	for (i = SDB_REPORT_SLOT_SUMMARY; i <= SDB_REPORT_SLOT_FOOTER; i++)
		sdb_ht_slot(body, (int)i);
	sdb_ht_text(sdb_report_el(body, "script", NULL), script,
		    sizeof(script) - 1);
	return html;
}

/* Writes a streamed part where its slot stands in the skeleton. */
static int fill(void *arg, int slot, struct sdb_ht_part *part)
{
	const struct report *rp = arg;
	struct sdb_ht *ht = sdb_ht_part_tree(part);

	switch (slot) {
	case SDB_REPORT_SLOT_SUMMARY:
		return sdb_ht_emit(part, sdb_report_summary(ht, rp));
	case SDB_REPORT_SLOT_MATRIX:
		return sdb_ht_emit(part, sdb_report_matrix(ht, rp));
	case SDB_REPORT_SLOT_TIMELINE:
		return sdb_ht_emit(part, sdb_report_timeline(ht, rp));
	case SDB_REPORT_SLOT_EVIDENCE_SECTION:
		return sdb_ht_emit(part, sdb_report_evidence(ht, rp));
	case SDB_REPORT_SLOT_FOOTER:
		return sdb_ht_emit(part, footer(ht));
	case SDB_REPORT_SLOT_SOURCES:
		sources(part, rp->a->records);
		return 0;
	case SDB_REPORT_SLOT_CONFLICTS:
		sdb_report_conflicts(part, rp);
		return 0;
	case SDB_REPORT_SLOT_ROWS:
		sdb_report_matrix_rows(part, rp);
		return 0;
	case SDB_REPORT_SLOT_EVIDENCE:
		sdb_report_evidence_cells(part, rp);
		return 0;
	default:
		sdb_report_class_rows(part, rp,
				      slot - SDB_REPORT_SLOT_CLASS_ROWS);
		return 0;
	}
}

int sdb_export_html(const struct sdb_records *r,
		    const struct sdb_export_opts *o, sqlite3 *db,
		    struct sdb_buf *out, struct sdb_error *err)
{
	struct sdb_audit a;
	struct report rp;
	struct sdb_ht *skeleton;
	size_t row, l;
	int rc;

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
	skeleton = sdb_ht_new();
	sdb_buf_adds(out, PAGE_START);
	/* all is read: the page may go out as it is written */
	rc = sdb_ht_write_flushed(page(skeleton), out, fill, &rp, o->flush,
				  o->flush_arg, FLUSH_AT);
	sdb_buf_addch(out, '\n');
	sdb_ht_free(skeleton);
	free(rp.info);
	free(rp.shown);
	sdb_audit_release(&a);
	return rc ? SDB_EXPORT_EWRITE : 0;
}

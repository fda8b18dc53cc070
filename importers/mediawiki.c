/*
 * mediawiki.c - MediaWiki table markup, as in a copy of the IANA registry:
 *
 *   ==4xx: Client Error==            a class heading
 *   {|                               a table
 *   ! Code                           header cells name the columns
 *   |-                               a new row
 *   | 413                            a data cell ("a || b" on one line too)
 *   | [http://www.iana.org/go/rfc7231 RFC7231, Section 6.5.11]
 *   |}                               the end of the table
 *
 * No library parses wikitext here, so this is a small tokenizer that
 * reads what MediaWiki's preprocessor and parser would show:
 *
 * - Comments (<!-- -->, over lines, unclosed: to the end) are dropped
 *   before anything else, so a table inside one is no table.  So are
 *   <ref>...</ref> and the other extension tags that show no text of the
 *   cell; <nowiki>, <pre> and the like show their content as it is.
 * - In a cell: [[target|label]] is its label, [[target]] its target,
 *   [[File:...]] and [[Category:...]] nothing; [http://url label] is its
 *   label (a reference cell's links are references), [text] without a
 *   URL is text; '' and ''' (italic, bold) are dropped; <br> is a space;
 *   HTML's formatting tags are dropped, other <...> are text; character
 *   references are decoded.
 * - Templates: {{abbr|OK|Okay}}, {{nowrap|X}}, {{code|X}} and other
 *   formatting templates show X, {{lang|xx|X}} X, {{!}} "|", {{nbsp}} a
 *   space, {{rfc|7231}} "RFC 7231"; footnote and maintenance templates
 *   ({{efn|...}}, {{cn}}, {{sfn|...}}, {{cite web|...}}, {{anchor|...}})
 *   show nothing.  Any other template could show anything: in a code,
 *   name, description or reference cell it is refused, with its place.
 *
 * Cells may run over several lines; a row must have as many cells as the
 * header; a table must be closed.  Tables without a code column are not
 * status tables and are skipped.  Every search for a closing bracket,
 * tag or comment is bounded by the cell (or remembered), so that the time
 * is linear in the file.
 */
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <stdio.h>
#include <string.h>

struct span {
	size_t start, end;
};

struct row {
	struct span *cells;
	size_t n, alloc;
	size_t start;		/* offset of the "|-" or first cell */
};

/* What the preprocessor takes out of the text before parsing it. */
enum region_kind {
	REGION_COMMENT,		/* <!-- -->: nothing */
	REGION_DROP,		/* <ref>...</ref>: nothing of the cell */
	REGION_LITERAL		/* <nowiki>...</nowiki>: its content as text */
};

struct region {
	size_t start, end;	/* the whole, tags included */
	size_t cstart, cend;	/* the content */
	enum region_kind kind;
};

/* A bracket pair in a cell: "[[ ]]" or "{{ }}", and its first pipes. */
struct pair {
	size_t open, close;	/* offsets of the "[[" and of the "]]" */
	size_t pipe[3];		/* top-level '|' in it, 0: none */
};

/* An external link read in a cell: [url label]. */
struct xlink {
	size_t url, url_end;	/* raw text of the URL */
	size_t label, label_end;/* the label's bytes in the cell's text */
};

/* The first template that shows unknown text, for the error. */
struct tpl_error {
	size_t at;		/* offset of its "{{", or (size_t)-1 */
	char name[64];
};

/*
 * A search remembered: the first match at or after `from` is at `at`
 * (len: none), so a later search from between them needs no scan.
 */
struct memo {
	size_t from, at;
};

struct wiki {
	const struct sdb_input *in;
	struct sdb_claims *out;
	struct sdb_error *err;
	struct region *regions;	/* in file order, not nested */
	size_t nregions, regions_alloc;
	size_t rcur;		/* first region that may hold a line end */
	struct span heading;	/* current class heading, empty if none */
	struct row header;
	struct row row;
	enum sdb_role *roles;
	int code_col;		/* -1: not a status table */
	int tables;		/* status tables seen */
	/* per cell, reused */
	struct pair *pairs;
	size_t npairs, pairs_alloc;
	struct xlink *links;
	size_t nlinks, links_alloc;
	struct memo close_memo;	/* the cell's last search for ']' */
	struct memo gt_memo;	/* and for '>' */
};

static int starts_ci(const char *t, size_t len, size_t i, const char *s)
{
	size_t n = strlen(s);

	return len - i >= n && sdb_strnieq(t + i, s, n);
}

/* Extension tags: what their content shows in a cell. */
static const struct {
	const char *name;
	enum region_kind kind;
} ext_tags[] = {
	{ "nowiki", REGION_LITERAL }, { "pre", REGION_LITERAL },
	{ "math", REGION_LITERAL }, { "chem", REGION_LITERAL },
	{ "syntaxhighlight", REGION_LITERAL }, { "source", REGION_LITERAL },
	{ "ref", REGION_DROP }, { "references", REGION_DROP },
	{ "gallery", REGION_DROP }, { "templatestyles", REGION_DROP },
	{ "timeline", REGION_DROP }, { "graph", REGION_DROP },
	{ "score", REGION_DROP }, { "imagemap", REGION_DROP },
	{ "indicator", REGION_DROP }, { "mapframe", REGION_DROP },
	{ "maplink", REGION_DROP }, { "categorytree", REGION_DROP },
	{ "section", REGION_DROP },
};
#define NEXT_TAGS (sizeof(ext_tags) / sizeof(ext_tags[0]))

static void add_region(struct wiki *w, size_t start, size_t end,
		       size_t cstart, size_t cend, enum region_kind kind)
{
	struct region *r;

	sdb_grow_array((void **)&w->regions, &w->regions_alloc,
		       w->nregions + 1, sizeof(*w->regions));
	r = &w->regions[w->nregions++];
	r->start = start;
	r->end = end;
	r->cstart = cstart;
	r->cend = cend;
	r->kind = kind;
}

/* Offset of the first s at or after i, or len. */
static size_t find(const char *t, size_t len, size_t i, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	while (i + n <= len && (p = memchr(t + i, s[0], len - i - n + 1))) {
		i = (size_t)(p - t);
		if (!memcmp(t + i, s, n))
			return i;
		i++;
	}
	return len;
}

/* find(), remembered in *m: linear however often it is asked. */
static size_t find_memo(const char *t, size_t len, size_t i, const char *s,
			struct memo *m)
{
	if (m->from <= i && i <= m->at && m->at <= len)
		return m->at;
	m->from = i;
	m->at = find(t, len, i, s);
	return m->at;
}

/*
 * An extension tag at t[i] == '<': its region.  no_close[k] remembers
 * that ext_tags[k] has no closing tag after an offset, and gt_memo the
 * last '>' found, so that no search is made twice.  Returns 1 if one.
 */
static int ext_region(struct wiki *w, size_t i, size_t *no_close,
		      struct memo *gt_memo)
{
	const char *t = w->in->text;
	size_t len = w->in->len, k, j, gt, close;

	for (k = 0; k < NEXT_TAGS; k++) {
		size_t n = strlen(ext_tags[k].name);

		j = i + 1 + n;
		if (starts_ci(t, len, i + 1, ext_tags[k].name) && j < len &&
		    (t[j] == '>' || t[j] == '/' || t[j] == ' ' ||
		     t[j] == '\t' || t[j] == '\n' || t[j] == '\r'))
			break;
	}
	if (k == NEXT_TAGS)
		return 0;
	gt = find_memo(t, len, j, ">", gt_memo);
	if (gt == len)
		return 0;
	if (t[gt - 1] == '/') {		/* <ref name="x" /> */
		add_region(w, i, gt + 1, gt + 1, gt + 1,
			   ext_tags[k].kind == REGION_LITERAL ? REGION_COMMENT
							      : ext_tags[k].kind);
		return 1;
	}
	/* the closing tag: "</name" and '>' */
	for (close = gt + 1; close < no_close[k]; close++) {
		close = find(t, len, close, "</");
		if (close == len)
			break;
		if (starts_ci(t, len, close + 2, ext_tags[k].name)) {
			size_t e = close + 2 + strlen(ext_tags[k].name);

			while (e < len && (t[e] == ' ' || t[e] == '\t'))
				e++;
			if (e < len && t[e] == '>') {
				add_region(w, i, e + 1, gt + 1, close,
					   ext_tags[k].kind);
				return 1;
			}
		}
	}
	/* unclosed: the tag is text */
	no_close[k] = gt + 1;
	return 0;
}

/* Comments and extension tags, in one pass over the file. */
static void find_regions(struct wiki *w)
{
	const char *t = w->in->text;
	size_t len = w->in->len, i = 0, no_close[NEXT_TAGS], k;
	struct memo gt_memo = { 1, 0 };
	const char *lt;

	for (k = 0; k < NEXT_TAGS; k++)
		no_close[k] = len;
	while (i < len && (lt = memchr(t + i, '<', len - i))) {
		i = (size_t)(lt - t);
		if (len - i >= 4 && !memcmp(t + i, "<!--", 4)) {
			size_t e = find(t, len, i + 4, "-->");

			add_region(w, i, e < len ? e + 3 : len, i, i,
				   REGION_COMMENT);
			i = w->regions[w->nregions - 1].end;
		} else if (ext_region(w, i, no_close, &gt_memo)) {
			i = w->regions[w->nregions - 1].end;
		} else {
			i++;
		}
	}
}

/* The index of the first region ending after off. */
static size_t region_after(const struct wiki *w, size_t off)
{
	size_t lo = 0, hi = w->nregions;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->regions[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 when the line break at off is inside a region (off only grows). */
static int break_in_region(struct wiki *w, size_t off)
{
	while (w->rcur < w->nregions && w->regions[w->rcur].end <= off)
		w->rcur++;
	return w->rcur < w->nregions && w->regions[w->rcur].start < off;
}

/* Past blanks and comments at s, up to e. */
static size_t skip_blank(const struct wiki *w, size_t s, size_t e)
{
	const char *t = w->in->text;
	size_t r = region_after(w, s);

	for (;;) {
		while (s < e && (t[s] == ' ' || t[s] == '\t'))
			s++;
		if (s < e && r < w->nregions && w->regions[r].start == s &&
		    w->regions[r].kind == REGION_COMMENT) {
			s = w->regions[r++].end;
			continue;
		}
		return s < e ? s : e;
	}
}

static void row_add(struct row *r, size_t start, size_t end)
{
	sdb_grow_array((void **)&r->cells, &r->alloc, r->n + 1, sizeof(*r->cells));
	r->cells[r->n].start = start;
	r->cells[r->n].end = end;
	r->n++;
}

/*
 * The cell separators of a line, [start, end): each '|', and each double
 * sep ("||", "!!"), outside comments, tags, links and templates.
 */
struct seps {
	size_t *at;		/* offsets */
	int *dbl;		/* 1: a double separator */
	size_t n, alloc, alloc2;
};

static void find_seps(const struct wiki *w, size_t start, size_t end,
		      char sep, struct seps *s)
{
	const char *t = w->in->text;
	size_t i = start, r = region_after(w, start);
	long square = 0, curly = 0;

	s->n = 0;
	while (i < end) {
		if (r < w->nregions && w->regions[r].start == i) {
			i = w->regions[r++].end;
			continue;
		}
		if (t[i] == '[') {
			square++;
		} else if (t[i] == ']' && square) {
			square--;
		} else if (i + 1 < end && t[i] == '{' && t[i + 1] == '{') {
			curly++;
			i++;
		} else if (i + 1 < end && t[i] == '}' && t[i + 1] == '}' &&
			   curly) {
			curly--;
			i++;
		} else if (!square && !curly && (t[i] == sep || t[i] == '|')) {
			int dbl = i + 1 < end && t[i + 1] == t[i] && t[i] == sep;

			if (dbl || t[i] == '|') {
				sdb_grow_array((void **)&s->at, &s->alloc,
					       s->n + 1, sizeof(*s->at));
				sdb_grow_array((void **)&s->dbl, &s->alloc2,
					       s->n + 1, sizeof(*s->dbl));
				s->at[s->n] = i;
				s->dbl[s->n++] = dbl;
				i += (size_t)dbl;
			}
		}
		i++;
	}
}

/* Appends the cells of one "| a || b" or "! a !! b" line to r. */
static void split_cells(const struct wiki *w, struct row *r, size_t start,
			size_t end, char sep)
{
	struct seps s;
	size_t i, cell = start, first_single = (size_t)-1;

	memset(&s, 0, sizeof(s));
	find_seps(w, start, end, sep, &s);
	for (i = 0; i <= s.n; i++) {
		size_t e = i < s.n ? s.at[i] : end;

		if (i < s.n && !s.dbl[i]) {
			if (first_single == (size_t)-1)
				first_single = s.at[i];
			continue;
		}
		/* "style=... | content": attributes before a single bar */
		if (first_single != (size_t)-1 &&
		    memchr(w->in->text + cell, '=', first_single - cell))
			row_add(r, first_single + 1, e);
		else
			row_add(r, cell, e);
		if (i < s.n)
			cell = s.at[i] + 2;
		first_single = (size_t)-1;
	}
	free(s.at);
	free(s.dbl);
}

/* Templates: what they show. */
enum tpl_kind { TPL_PARAM1, TPL_PARAM2, TPL_CONST, TPL_DROP, TPL_RFC };

static const struct {
	const char *name;
	enum tpl_kind kind;
	const char *text;	/* TPL_CONST */
} templates[] = {
	{ "abbr", TPL_PARAM1, NULL }, { "nowrap", TPL_PARAM1, NULL },
	{ "nobr", TPL_PARAM1, NULL }, { "code", TPL_PARAM1, NULL },
	{ "mono", TPL_PARAM1, NULL }, { "tt", TPL_PARAM1, NULL },
	{ "kbd", TPL_PARAM1, NULL }, { "samp", TPL_PARAM1, NULL },
	{ "var", TPL_PARAM1, NULL }, { "small", TPL_PARAM1, NULL },
	{ "big", TPL_PARAM1, NULL }, { "strong", TPL_PARAM1, NULL },
	{ "em", TPL_PARAM1, NULL }, { "smallcaps", TPL_PARAM1, NULL },
	{ "sc", TPL_PARAM1, NULL }, { "vanchor", TPL_PARAM1, NULL },
	{ "lang", TPL_PARAM2, NULL },
	{ "!", TPL_CONST, "|" }, { "=", TPL_CONST, "=" },
	{ "nbsp", TPL_CONST, "\xC2\xA0" }, { "spaces", TPL_CONST, " " },
	{ "ndash", TPL_CONST, "\xE2\x80\x93" },
	{ "mdash", TPL_CONST, "\xE2\x80\x94" }, { "'", TPL_CONST, "'" },
	{ "rfc", TPL_RFC, NULL }, { "ietf rfc", TPL_RFC, NULL },
	{ "cn", TPL_DROP, NULL }, { "citation needed", TPL_DROP, NULL },
	{ "fact", TPL_DROP, NULL }, { "efn", TPL_DROP, NULL },
	{ "efn-ua", TPL_DROP, NULL }, { "efn-lr", TPL_DROP, NULL },
	{ "refn", TPL_DROP, NULL }, { "sfn", TPL_DROP, NULL },
	{ "sfnp", TPL_DROP, NULL }, { "r", TPL_DROP, NULL },
	{ "rp", TPL_DROP, NULL }, { "dubious", TPL_DROP, NULL },
	{ "clarify", TPL_DROP, NULL }, { "when", TPL_DROP, NULL },
	{ "who", TPL_DROP, NULL }, { "which", TPL_DROP, NULL },
	{ "by whom", TPL_DROP, NULL }, { "vague", TPL_DROP, NULL },
	{ "failed verification", TPL_DROP, NULL },
	{ "better source needed", TPL_DROP, NULL },
	{ "anchor", TPL_DROP, NULL }, { "citation", TPL_DROP, NULL },
	{ "cite web", TPL_DROP, NULL }, { "cite book", TPL_DROP, NULL },
	{ "cite journal", TPL_DROP, NULL }, { "cite news", TPL_DROP, NULL },
	{ "cite ietf", TPL_DROP, NULL }, { "cite rfc", TPL_DROP, NULL },
	{ "ref label", TPL_DROP, NULL }, { "note label", TPL_DROP, NULL },
	{ "dead link", TPL_DROP, NULL }, { "update after", TPL_DROP, NULL },
};

/* HTML tags MediaWiki allows in wikitext: dropped, their content kept. */
static const char *const html_tags[] = {
	"abbr", "b", "bdi", "bdo", "big", "blockquote", "br", "caption",
	"center", "cite", "code", "data", "dd", "del", "dfn", "div", "dl",
	"dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
	"ins", "kbd", "li", "mark", "ol", "p", "q", "rb", "rp", "rt", "rtc",
	"ruby", "s", "samp", "small", "span", "strike", "strong", "sub",
	"sup", "table", "td", "th", "time", "tr", "tt", "u", "ul", "var",
	"wbr", NULL
};

/*
 * The length of an allowed HTML tag at t[i] == '<' that ends before stop
 * (the cell ends at end); *br set for <br>.  0: not one, the '<' is text.
 */
static size_t html_tag(struct wiki *w, size_t i, size_t stop, size_t end,
		       int *br)
{
	const char *t = w->in->text;
	size_t j = i + 1, n, k, gt;

	if (j < stop && t[j] == '/')
		j++;
	for (n = 0; j + n < stop && ((t[j + n] >= 'a' && t[j + n] <= 'z') ||
				     (t[j + n] >= 'A' && t[j + n] <= 'Z') ||
				     (t[j + n] >= '0' && t[j + n] <= '9')); n++)
		;
	if (!n || j + n >= stop || !strchr(" \t\r\n/>", t[j + n]))
		return 0;
	for (k = 0; html_tags[k]; k++)
		if (strlen(html_tags[k]) == n && sdb_strnieq(t + j, html_tags[k], n))
			break;
	if (!html_tags[k])
		return 0;
	gt = find_memo(t, end, j + n, ">", &w->gt_memo);
	if (gt >= stop)
		return 0;
	*br = !strcmp(html_tags[k], "br");
	return gt + 1 - i;
}

/* The pair whose opening is at off, or NULL. */
static const struct pair *pair_at(const struct wiki *w, size_t off)
{
	size_t lo = 0, hi = w->npairs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->pairs[mid].open < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->npairs && w->pairs[lo].open == off ? &w->pairs[lo] : NULL;
}

/*
 * The "[[ ]]" and "{{ }}" pairs of [start, end), with their top-level
 * pipes, in one pass with a stack: pairs[] ends sorted by opening.
 */
static void find_pairs(struct wiki *w, size_t start, size_t end)
{
	const char *t = w->in->text;
	size_t i = start, r = region_after(w, start), *stack = NULL, n = 0;
	size_t alloc = 0, k;

	w->npairs = 0;
	while (i + 1 < end) {
		char c = t[i];

		if (r < w->nregions && w->regions[r].start == i) {
			i = w->regions[r++].end;
			continue;
		}
		if ((c == '[' || c == '{') && t[i + 1] == c) {
			sdb_grow_array((void **)&w->pairs, &w->pairs_alloc,
				       w->npairs + 1, sizeof(*w->pairs));
			memset(&w->pairs[w->npairs], 0, sizeof(*w->pairs));
			w->pairs[w->npairs].open = i;
			sdb_grow_array((void **)&stack, &alloc, n + 1,
				       sizeof(*stack));
			stack[n++] = w->npairs++;
			i += 2;
			continue;
		}
		if ((c == ']' || c == '}') && t[i + 1] == c && n &&
		    t[w->pairs[stack[n - 1]].open] == (c == ']' ? '[' : '{')) {
			w->pairs[stack[--n]].close = i;
			i += 2;
			continue;
		}
		if (c == '|' && n) {
			struct pair *p = &w->pairs[stack[n - 1]];

			for (k = 0; k < 3 && p->pipe[k]; k++)
				;
			if (k < 3)
				p->pipe[k] = i;
		}
		i++;
	}
	free(stack);
}

/* A template's name: raw text up to its first pipe, folded, '_' ' '. */
static void template_name(const struct wiki *w, const struct pair *p,
			  char *name, size_t size)
{
	size_t e = p->pipe[0] ? p->pipe[0] : p->close, i, k = 0;
	struct sdb_buf b = SDB_BUF_INIT;

	sdb_fold_ws(&b, w->in->text + p->open + 2, e - p->open - 2);
	for (i = 0; i < b.len && k + 1 < size; i++)
		name[k++] = b.s[i] == '_' ? ' ' : b.s[i];
	name[k] = '\0';
	sdb_buf_release(&b);
}

/* {{rfc|7231}}, {{IETF RFC|7231|7232}}: "RFC 7231, RFC 7232". */
static int rfc_template(const struct wiki *w, const struct pair *p,
			struct sdb_mtext *m)
{
	const char *t = w->in->text;
	size_t k, a, e, i;
	struct sdb_buf b = SDB_BUF_INIT;

	if (!p->pipe[0])
		return -1;
	for (k = 0; k < 3 && p->pipe[k]; k++) {
		a = p->pipe[k] + 1;
		e = k + 1 < 3 && p->pipe[k + 1] ? p->pipe[k + 1] : p->close;
		while (a < e && t[a] == ' ')
			a++;
		while (e > a && t[e - 1] == ' ')
			e--;
		for (i = a; i < e && t[i] >= '0' && t[i] <= '9'; i++)
			;
		if (i == a || i != e || e - a > 5) {
			sdb_buf_release(&b);
			return -1;
		}
		sdb_buf_addf(&b, "%sRFC %.*s", k ? ", " : "", (int)(e - a), t + a);
	}
	if (k == 3 && p->pipe[2] && find(t, p->close, p->pipe[2] + 1, "|") <
	    p->close) {
		sdb_buf_release(&b);
		return -1;
	}
	sdb_mtext_add(m, b.s, b.len, p->open, p->close + 2);
	sdb_buf_release(&b);
	return 0;
}

/* URL schemes that make "[...]" an external link. */
static const char *const schemes[] = {
	"http://", "https://", "ftp://", "ftps://", "sftp://", "//",
	"mailto:", "news:", "irc://", "ircs://", "gopher://", "nntp://",
	"telnet://", "urn:", "git://", "svn://", "ssh://", NULL
};

static int has_scheme(const char *t, size_t len, size_t i)
{
	size_t k;

	for (k = 0; schemes[k]; k++)
		if (starts_ci(t, len, i, schemes[k]))
			return 1;
	return 0;
}

/* Where the text stops being read plainly: the next markup candidate. */
static int special(char c)
{
	return c == '\'' || c == '[' || c == '{' || c == '<' || c == '&';
}

/* Where reading jumps: at `at` go on at `to`; a link's label ends there. */
struct skip {
	size_t at, to;
	size_t link;		/* index in w->links + 1, 0: none */
};

static void push_skip(struct skip **v, size_t *n, size_t *alloc, size_t at,
		      size_t to, size_t link)
{
	sdb_grow_array((void **)v, alloc, *n + 1, sizeof(**v));
	(*v)[*n].at = at;
	(*v)[*n].to = to;
	(*v)[*n].link = link;
	(*n)++;
}

/*
 * A template at pair p: what it shows, into m, and where to read on
 * (*i, with a skip pushed when a parameter is read).  Returns -1 for a
 * template that shows unknown text (skipped).
 */
static int do_template(struct wiki *w, const struct pair *p,
		       struct sdb_mtext *m, size_t *i, struct skip **skips,
		       size_t *nskips, size_t *skips_alloc, char *name,
		       size_t size)
{
	size_t k;

	template_name(w, p, name, size);
	*i = p->close + 2;
	for (k = 0; k < sizeof(templates) / sizeof(templates[0]); k++)
		if (sdb_strieq(name, templates[k].name))
			break;
	if (k == sizeof(templates) / sizeof(templates[0]))
		return -1;
	switch (templates[k].kind) {
	case TPL_CONST:
		sdb_mtext_add(m, templates[k].text, strlen(templates[k].text),
			      p->open, p->close + 2);
		return 0;
	case TPL_RFC:
		return rfc_template(w, p, m);
	case TPL_PARAM1:
	case TPL_PARAM2: {
		int at = templates[k].kind == TPL_PARAM2;

		if (p->pipe[at]) {
			push_skip(skips, nskips, skips_alloc,
				  p->pipe[at + 1] ? p->pipe[at + 1] : p->close,
				  p->close + 2, 0);
			*i = p->pipe[at] + 1;
		}
		return 0;
	}
	case TPL_DROP:
		return 0;
	}
	return 0;
}

/*
 * What the cell [start, end) shows, into m (initialized), with its
 * external links in w->links.  A template showing unknown text is
 * skipped, and the first such is reported in *te.
 */
static void wiki_text(struct wiki *w, size_t start, size_t end,
		      struct sdb_mtext *m, struct tpl_error *te)
{
	const struct sdb_input *in = w->in;
	const char *t = in->text;
	struct skip *skips = NULL;
	size_t nskips = 0, skips_alloc = 0, i = start, r, run;

	te->at = (size_t)-1;
	w->nlinks = 0;
	w->close_memo.from = w->gt_memo.from = 1;
	w->close_memo.at = w->gt_memo.at = 0;
	find_pairs(w, start, end);
	r = region_after(w, start);
	while (i < end) {
		const struct pair *p;
		size_t stop = end, n, un;
		char c, u[4];
		int br;

		if (nskips && skips[nskips - 1].at <= i) {
			struct skip *k = &skips[--nskips];

			if (k->link)
				w->links[k->link - 1].label_end = m->s.len;
			i = k->to;
			continue;
		}
		if (r < w->nregions && w->regions[r].start <= i) {
			const struct region *g = &w->regions[r++];

			if (g->start == i) {
				if (g->kind == REGION_LITERAL)
					sdb_mtext_add_decoded(m, in, g->cstart,
							      g->cend);
				i = g->end;
			}
			continue;
		}
		/* plain text up to the next candidate */
		if (r < w->nregions && w->regions[r].start < stop)
			stop = w->regions[r].start;
		if (nskips && skips[nskips - 1].at < stop)
			stop = skips[nskips - 1].at;
		for (run = i; i < stop && !special(t[i]); i++)
			;
		sdb_mtext_add_raw(m, in, run, i);
		if (i >= stop)
			continue;
		c = t[i];
		if (c == '\'' && i + 1 < stop && t[i + 1] == '\'') {
			/* '' italic, ''' bold, ''''' both; more: apostrophes */
			for (n = 0; i + n < stop && t[i + n] == '\''; n++)
				;
			if (n == 4)
				sdb_mtext_add_raw(m, in, i, i + 1);
			else if (n > 5)
				sdb_mtext_add_raw(m, in, i, i + n - 5);
			i += n;
		} else if (c == '[' && i + 1 < stop && t[i + 1] == '[' &&
			   (p = pair_at(w, i)) && p->close && p->close < stop) {
			size_t a = i + 2;

			while (a < p->close && t[a] == ' ')
				a++;
			if (starts_ci(t, p->close, a, "file:") ||
			    starts_ci(t, p->close, a, "image:") ||
			    starts_ci(t, p->close, a, "category:")) {
				i = p->close + 2;
				continue;
			}
			if (a < p->close && t[a] == ':')
				a++;
			/* the label, or the target: read on, "]]" skipped */
			push_skip(&skips, &nskips, &skips_alloc, p->close,
				  p->close + 2, 0);
			i = p->pipe[0] ? p->pipe[0] + 1 : a;
		} else if (c == '{' && i + 1 < stop && t[i + 1] == '{' &&
			   (p = pair_at(w, i)) && p->close && p->close < stop) {
			char name[64];

			if (do_template(w, p, m, &i, &skips, &nskips,
					&skips_alloc, name, sizeof(name)) &&
			    te->at == (size_t)-1) {
				te->at = p->open;
				snprintf(te->name, sizeof(te->name), "%s", name);
			}
		} else if (c == '[' && has_scheme(t, stop, i + 1) &&
			   (n = find_memo(t, end, i + 1, "]",
					  &w->close_memo)) < stop) {
			size_t sp;
			struct xlink *x;

			for (sp = i + 1; sp < n && t[sp] != ' ' && t[sp] != '\t';
			     sp++)
				;
			sdb_grow_array((void **)&w->links, &w->links_alloc,
				       w->nlinks + 1, sizeof(*w->links));
			x = &w->links[w->nlinks++];
			x->url = i + 1;
			x->url_end = sp;
			x->label = x->label_end = m->s.len;
			/* the label, read like the rest; the ']' skipped */
			push_skip(&skips, &nskips, &skips_alloc, n, n + 1,
				  w->nlinks);
			i = sp < n ? sp + 1 : n;
		} else if (c == '<' && (n = html_tag(w, i, stop, end, &br))) {
			if (br)
				sdb_mtext_add(m, " ", 1, i, i + n);
			i += n;
		} else if (c == '&' && (n = sdb_entity(t + i, stop - i, u, &un))) {
			sdb_mtext_add(m, u, un, i, i + n);
			i += n;
		} else {
			sdb_mtext_add_raw(m, in, i, i + 1);
			i++;
		}
	}
	free(skips);
}

/*
 * What cell c shows, folded, into m (initialized).  A template showing
 * unknown text is an error when strict.  Returns 0 or -1.
 */
static int template_error(struct wiki *w, const struct tpl_error *te)
{
	return sdb_error_at(w->err, w->in, te->at,
		"template '{{%s}}' shows text statusdb cannot tell (it reads "
		"abbr, lang, nowrap, code, rfc and the like, and drops "
		"footnotes)", te->name);
}

static int cell_text(struct wiki *w, struct span c, struct sdb_mtext *m,
		     int strict)
{
	struct sdb_mtext raw;
	struct tpl_error te;

	sdb_mtext_init(&raw);
	wiki_text(w, c.start, c.end, &raw, &te);
	sdb_mtext_fold(m, &raw);
	sdb_mtext_release(&raw);
	return strict && te.at != (size_t)-1 ? template_error(w, &te) : 0;
}

/* The bytes [a, b) of m as a text of their own. */
static void sub_text(const struct sdb_mtext *m, size_t a, size_t b,
		     struct sdb_mtext *out)
{
	size_t i;

	sdb_mtext_init(out);
	for (i = a; i < b; i++)
		sdb_mtext_add(out, m->s.s + i, 1, m->from[i], m->to[i]);
}

/* A reference cell: its "[url label]" links, else its text. */
static int emit_references(struct wiki *w, int entry, int code, struct span c)
{
	struct sdb_mtext raw, f, label;
	struct tpl_error te;
	struct sdb_buf url = SDB_BUF_INIT;
	size_t k;

	sdb_mtext_init(&raw);
	wiki_text(w, c.start, c.end, &raw, &te);
	if (te.at != (size_t)-1) {
		sdb_mtext_release(&raw);
		return template_error(w, &te);
	}
	for (k = 0; k < w->nlinks; k++) {
		const struct xlink *x = &w->links[k];

		sdb_buf_reset(&url);
		sdb_decode_entities(&url, w->in->text + x->url,
				    x->url_end - x->url);
		sdb_claims_begin_link(w->out);
		sub_text(&raw, x->label, x->label_end, &label);
		sdb_emit_reference_m(w->out, w->in, entry, code, &label);
		sdb_mtext_release(&label);
		sdb_emit_target(w->out, w->in, entry, code, url.s, x->url,
				x->url_end);
		sdb_claims_end_link(w->out);
	}
	if (!w->nlinks) {
		sdb_mtext_init(&f);
		sdb_mtext_fold(&f, &raw);
		sdb_emit_reference_m(w->out, w->in, entry, code, &f);
		sdb_mtext_release(&f);
	}
	sdb_buf_release(&url);
	sdb_mtext_release(&raw);
	return 0;
}

static int finish_row(struct wiki *w)
{
	const struct sdb_input *in = w->in;
	struct row *r = &w->row;
	struct sdb_mtext m;
	size_t i;
	int code, entry, rc = 0;

	if (!r->n || w->code_col < 0) {
		r->n = 0;
		return 0;
	}
	if (r->n != w->header.n)
		return sdb_error_at(w->err, in, r->start,
			"row has %zu cells but the table's header has %zu",
			r->n, w->header.n);
	sdb_mtext_init(&m);
	if (cell_text(w, r->cells[w->code_col], &m, 1)) {
		sdb_mtext_release(&m);
		return -1;
	}
	code = sdb_parse_code(m.s.s, m.s.len);
	if (code < 0) {
		rc = sdb_error_at(w->err, in, m.s.len ? m.from[0] : r->start,
			m.s.len ? "invalid status code '%.*s': want three digits, 100 to 599"
				: "row has no status code%.*s",
			(int)(m.s.len > 40 ? 40 : m.s.len), m.s.s);
		sdb_mtext_release(&m);
		return rc;
	}
	sdb_mtext_release(&m);
	entry = ++w->out->entries;
	if (w->heading.end > w->heading.start) {
		sdb_mtext_init(&m);
		if (cell_text(w, w->heading, &m, 1)) {
			sdb_mtext_release(&m);
			return -1;
		}
		if (m.s.len) {
			size_t s, e;

			sdb_mtext_span(&m, 0, m.s.len, &s, &e);
			sdb_emit_class(w->out, in, entry, code, m.s.s, s, e);
		}
		sdb_mtext_release(&m);
	}
	for (i = 0; i < r->n && !rc; i++) {
		enum sdb_role role = w->roles[i];

		if (role == SDB_ROLE_REFERENCE) {
			rc = emit_references(w, entry, code, r->cells[i]);
			continue;
		}
		if (role != SDB_ROLE_NAME && role != SDB_ROLE_DESCRIPTION)
			continue;
		sdb_mtext_init(&m);
		rc = cell_text(w, r->cells[i], &m, 1);
		if (!rc && role == SDB_ROLE_NAME)
			sdb_emit_name_m(w->out, in, entry, code, &m);
		else if (!rc)
			sdb_emit_description_m(w->out, in, entry, code, &m);
		sdb_mtext_release(&m);
	}
	r->n = 0;
	return rc;
}

static void start_table(struct wiki *w)
{
	const char **names = sdb_xcalloc(w->header.n, sizeof(*names));
	size_t i;

	for (i = 0; i < w->header.n; i++) {
		struct sdb_mtext m;

		sdb_mtext_init(&m);
		cell_text(w, w->header.cells[i], &m, 0);
		names[i] = sdb_buf_detach(&m.s);
		sdb_mtext_release(&m);
	}
	free(w->roles);
	w->roles = sdb_xcalloc(w->header.n, sizeof(*w->roles));
	w->code_col = sdb_column_roles(names, w->header.n, w->roles);
	if (w->code_col >= 0)
		w->tables++;
	for (i = 0; i < w->header.n; i++)
		free((char *)names[i]);
	free(names);
}

/* "==4xx: Client Error==": the heading's text, level 2 or deeper. */
static void heading(struct wiki *w, size_t s, size_t le)
{
	const char *t = w->in->text;
	size_t a = s, b = le;
	int level = 0;

	while (a < b && t[a] == '=') {
		a++;
		level++;
	}
	while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
		b--;
	while (b > a && t[b - 1] == '=')
		b--;
	if (level >= 2) {
		w->heading.start = a;
		w->heading.end = b;
		sdb_trim_span(w->in, &w->heading.start, &w->heading.end);
	}
}

int sdb_import_mediawiki(const struct sdb_input *in, struct sdb_claims *out,
			 struct sdb_error *err)
{
	struct wiki w;
	size_t li, table_at = 0;
	int in_table = 0, have_header = 0, rc = 0;
	struct span *last = NULL;	/* cell that continuation lines extend */

	memset(&w, 0, sizeof(w));
	w.in = in;
	w.out = out;
	w.err = err;
	w.code_col = -1;
	find_regions(&w);

	for (li = 0; li < in->nlines && !rc;) {
		size_t ls = in->lines[li], le = sdb_input_line_end(in, li), s;
		const char *t = in->text;

		/* a line break inside a comment or a tag does not end it */
		while (li + 1 < in->nlines && break_in_region(&w, le))
			le = sdb_input_line_end(in, ++li);
		li++;
		s = skip_blank(&w, ls, le);
		if (s == le)
			continue;	/* blank, or only comments */
		if (!in_table) {
			if (le - s >= 2 && t[s] == '{' && t[s + 1] == '|') {
				in_table = 1;
				have_header = 0;
				table_at = s;
				w.header.n = w.row.n = 0;
				w.code_col = -1;
				last = NULL;
			} else if (t[s] == '=') {
				heading(&w, s, le);
			}
			continue;
		}
		if (le - s >= 2 && t[s] == '{' && t[s + 1] == '|') {
			rc = sdb_error_at(err, in, s, "nested tables are not supported");
		} else if (le - s >= 2 && t[s] == '|' && t[s + 1] == '}') {
			if (!have_header && w.header.n)
				start_table(&w);
			rc = finish_row(&w);
			in_table = 0;
			w.code_col = -1;
			last = NULL;
		} else if (le - s >= 2 && t[s] == '|' && t[s + 1] == '+') {
			last = NULL;	/* a caption */
		} else if (le - s >= 2 && t[s] == '|' && t[s + 1] == '-') {
			if (!have_header && w.header.n) {
				start_table(&w);
				have_header = 1;
			}
			rc = finish_row(&w);
			w.row.start = s;
			last = NULL;
		} else if (t[s] == '!' && !have_header) {
			split_cells(&w, &w.header, s + 1, le, '!');
			last = &w.header.cells[w.header.n - 1];
		} else if (t[s] == '|' || t[s] == '!') {
			if (!have_header) {
				if (w.header.n)
					start_table(&w);
				have_header = 1;
			}
			if (!w.row.n && w.row.start < table_at)
				w.row.start = s;
			split_cells(&w, &w.row, s + 1, le, t[s]);
			last = &w.row.cells[w.row.n - 1];
		} else if (last) {
			last->end = le;	/* a cell running over lines */
		}
	}
	if (!rc && in_table)
		rc = sdb_error_at(err, in, in->len,
			"table opened at line %d is never closed with '|}'",
			sdb_input_pos(in, table_at).line);
	if (!rc && !w.tables)
		rc = sdb_error_at(err, in, 0,
			"no status-code table found (a '{|' table with a Code column)");
	free(w.header.cells);
	free(w.row.cells);
	free(w.roles);
	free(w.regions);
	free(w.pairs);
	free(w.links);
	return rc;
}

int sdb_sniff_mediawiki(const struct sdb_input *in)
{
	size_t li;
	int open = 0, rows = 0;

	for (li = 0; li < in->nlines && li < 2000; li++) {
		const char *t = in->text + in->lines[li];
		size_t n = sdb_input_line_end(in, li) - in->lines[li];

		if (n >= 2 && t[0] == '{' && t[1] == '|')
			open = 1;
		else if (n >= 2 && t[0] == '|' && t[1] == '-')
			rows++;
	}
	return open && rows ? 90 : open ? 40 : 0;
}

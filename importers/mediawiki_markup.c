/*
 * mediawiki_markup.c - what MediaWiki shows of the wikitext in a table
 * (the format is described in mediawiki.c):
 *
 * - the preprocessor's regions, found once for the whole file: comments
 *   (<!-- -->) and extension tags (<ref>, <nowiki>, ...);
 * - what a cell shows: internal and external links, templates, '' and
 *   ''' formatting, MediaWiki's HTML tags, character references.
 *
 * Every search for a closing bracket, tag or comment is bounded by the
 * cell (or remembered), so that the time is linear in the file.
 */
#include "importer.h"
#include "mediawiki.h"
#include "text.h"
#include "../common/util.h"

#include <stdio.h>
#include <string.h>

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
void sdb_wiki_find_regions(struct wiki *w)
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
size_t sdb_wiki_region_after(const struct wiki *w, size_t off)
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
	size_t i = start, r = sdb_wiki_region_after(w, start), *stack = NULL, n = 0;
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
void sdb_wiki_text(struct wiki *w, size_t start, size_t end,
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
	r = sdb_wiki_region_after(w, start);
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

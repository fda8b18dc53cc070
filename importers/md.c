/*
 * md.c - shared Markdown plumbing over cmark-gfm (see md.h).
 */
#define _GNU_SOURCE
#include "md.h"
#include "text.h"
#include "../common/util.h"

#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>

/* Offset in in->text of cmark's 1-based line and column (text, no BOM). */
static size_t md_offset(const struct sdb_input *in, int line, int col)
{
	size_t off;

	if (line < 1 || (size_t)line > in->nlines || col < 1)
		return (size_t)-1;
	off = in->lines[line - 1] + (size_t)col - 1;
	return off <= in->len ? off : (size_t)-1;
}

/*
 * A copy of s with its "---" YAML front matter blanked, line breaks kept;
 * NULL when s starts with none (cmark then reads s itself).
 */
static char *blank_front_matter(const char *s, size_t n)
{
	size_t i, line;
	char *t;

	if (n < 4 || memcmp(s, "---", 3) || (s[3] != '\n' && s[3] != '\r'))
		return NULL;
	for (line = 4; line < n;) {
		size_t e = line;

		while (e < n && s[e] != '\n')
			e++;
		if ((e - line >= 3 && (!memcmp(s + line, "---", 3) ||
				       !memcmp(s + line, "...", 3))) &&
		    (e - line == 3 || (e - line == 4 && s[line + 3] == '\r'))) {
			t = sdb_xstrndup(s, n);
			for (i = 0; i < e; i++)
				if (t[i] != '\n' && t[i] != '\r')
					t[i] = ' ';
			return t;
		}
		line = e + 1;
	}
	return NULL;
}

static const char *def_text;	/* qsort has no context argument */

static int def_cmp(const void *a, const void *b)
{
	const struct md_def *x = a, *y = b;
	size_t nx = x->url_end - x->url_start, ny = y->url_end - y->url_start;
	int c = memcmp(def_text + x->url_start, def_text + y->url_start,
		       nx < ny ? nx : ny);

	if (c)
		return c;
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return x->url_start < y->url_start ? -1 : x->url_start > y->url_start;
}

/*
 * Link reference definitions, "[label]: url": cmark-gfm consumes them
 * without a position, so their places are indexed here once.
 */
static void index_defs(struct md_doc *d)
{
	const struct sdb_input *in = d->in;
	size_t li, alloc = 0;

	for (li = 0; li < in->nlines; li++) {
		size_t s = in->lines[li], e = sdb_input_line_end(in, li), i = s;
		struct md_def def;

		while (i < e && i - s < 3 && d->buf[i] == ' ')
			i++;
		if (i >= e || d->buf[i] != '[')
			continue;
		def.label_start = ++i;
		while (i < e && d->buf[i] != ']')
			i += d->buf[i] == '\\' ? 2 : 1;
		if (i + 1 >= e || d->buf[i + 1] != ':')
			continue;
		def.label_end = i;
		i += 2;
		while (i < e && (d->buf[i] == ' ' || d->buf[i] == '\t'))
			i++;
		if (i < e && d->buf[i] == '<')
			i++;
		def.url_start = i;
		while (i < e && d->buf[i] != ' ' && d->buf[i] != '\t' &&
		       d->buf[i] != '>')
			i++;
		def.url_end = i;
		if (def.url_end == def.url_start)
			continue;
		sdb_grow_array((void **)&d->defs, &alloc, d->ndefs + 1,
			       sizeof(*d->defs));
		d->defs[d->ndefs++] = def;
	}
	def_text = d->buf;
	if (d->ndefs)
		qsort(d->defs, d->ndefs, sizeof(*d->defs), def_cmp);
}

int md_parse(struct md_doc *d, const struct sdb_input *in,
	     struct sdb_error *err)
{
	cmark_syntax_extension *table;
	struct md_scan sc;
	size_t i, start, end;

	memset(d, 0, sizeof(*d));
	d->in = in;
	d->own = blank_front_matter(in->text, in->len);
	d->buf = d->own ? d->own : in->text;
	md_asked_reset();
	cmark_gfm_core_extensions_ensure_registered();
	d->parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS,
					      md_allocator());
	table = cmark_find_syntax_extension("table");
	if (table)
		cmark_parser_attach_syntax_extension(d->parser, table);
	/* a line at a time, each checked against the limits of md.h */
	md_scan_init(&sc);
	for (i = 0; i < in->nlines; i++) {
		start = in->lines[i];
		end = i + 1 < in->nlines ? in->lines[i + 1] : in->len;
		if (md_check_line(&sc, in, d->buf, start, end, err) < 0)
			goto refused;
		cmark_parser_feed(d->parser, d->buf + start, end - start);
		if (md_check_memory(in, start, err) < 0)
			goto refused;
	}
	d->root = cmark_parser_finish(d->parser);
	if (!d->root)
		sdb_die("out of memory parsing Markdown");
	index_defs(d);
	return 0;
refused:
	md_release(d);
	return -1;
}

void md_release(struct md_doc *d)
{
	if (d->root)
		cmark_node_free(d->root);
	if (d->parser)
		cmark_parser_free(d->parser);
	free(d->own);
	free(d->defs);
	memset(d, 0, sizeof(*d));
}

static int is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

int md_heading_class(const char *text)
{
	static const struct { const char *word; int digit; } words[] = {
		{ "informational", 1 }, { "success", 2 }, { "redirect", 3 },
		{ "client error", 4 }, { "server error", 5 },
	};
	const char *p;
	size_t i;

	for (p = text; *p; p++)
		if (*p >= '1' && *p <= '5' && (p[1] == 'x' || p[1] == 'X') &&
		    (p[2] == 'x' || p[2] == 'X') && !is_alnum(p[3]) &&
		    (p == text || !is_alnum(p[-1])))
			return *p - '0';
	for (p = text; *p; p++)
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (sdb_strnieq(p, words[i].word, strlen(words[i].word)))
				return words[i].digit;
	return 0;
}

int md_is_br(cmark_node *node)
{
	const char *lit;
	size_t n;

	if (cmark_node_get_type(node) != CMARK_NODE_HTML_INLINE)
		return 0;
	lit = cmark_node_get_literal(node);
	if (!lit || !sdb_strnieq(lit, "<br", 3))
		return 0;
	n = strlen(lit);
	return lit[n - 1] == '>' && (n == 4 || lit[3] == '/' || lit[3] == ' ');
}

void md_text(struct sdb_buf *b, cmark_node *node)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER || c == node)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			sdb_buf_adds(b, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			sdb_buf_addch(b, ' ');
			break;
		case CMARK_NODE_HTML_INLINE:
			if (md_is_br(c))
				sdb_buf_addch(b, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
		case CMARK_NODE_ITEM:
			if (b->len)
				sdb_buf_addch(b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

char *md_plain(cmark_node *node)
{
	struct sdb_buf b = SDB_BUF_INIT, f = SDB_BUF_INIT;

	md_text(&b, node);
	sdb_fold_ws(&f, b.s, b.len);
	sdb_buf_release(&b);
	return sdb_buf_detach(&f);
}

size_t md_block_start(const struct md_doc *d, cmark_node *block)
{
	int line = cmark_node_get_start_line(block);

	if (line < 1 || (size_t)line > d->in->nlines)
		return 0;
	return d->in->lines[line - 1];
}

size_t md_block_end(const struct md_doc *d, cmark_node *block)
{
	int line = cmark_node_get_end_line(block);

	if (line < 1 || (size_t)line > d->in->nlines)
		return d->in->len;
	return sdb_input_line_end(d->in, (size_t)line - 1);
}

/* The bytes a node's text starts with in the source, verbatim. */
static void node_expect(cmark_node *node, char *out, size_t cap)
{
	const char *lit = NULL;
	size_t n = 0;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		lit = cmark_node_get_literal(node);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		lit = "[";
		break;
	default:
		break;
	}
	/*
	 * up to what cmark may have decoded or unescaped: entities, escapes,
	 * and a table cell's "\|", which cmark gives as "|"
	 */
	if (lit)
		while (lit[n] && n + 1 < cap && n < 24 && !strchr("&\\\n|", lit[n]))
			n++;
	if (lit)
		memcpy(out, lit, n);
	out[n] = '\0';
}

static int matches_at(const struct md_doc *d, size_t off, size_t ceil,
		      const char *expect)
{
	size_t n = strlen(expect);

	return off != (size_t)-1 && off + n <= ceil &&
	       !memcmp(d->buf + off, expect, n);
}

static int locate_leaf(const struct md_doc *d, cmark_node *node,
		       const char *expect, size_t floor, size_t ceil,
		       size_t *off)
{
	char own[32];
	int line = cmark_node_get_start_line(node);
	int col = cmark_node_get_start_column(node);
	size_t o, k;
	const char *hit;

	if (!expect) {
		node_expect(node, own, sizeof(own));
		expect = own;
	}
	o = md_offset(d->in, line, col);
	if (o != (size_t)-1 && o >= floor && matches_at(d, o, ceil, expect)) {
		*off = o;
		return 0;
	}
	/* cmark-gfm undercounts lines after a multi-line inline */
	for (k = 1; *expect && line > 0 && k <= 8; k++) {
		o = md_offset(d->in, line + (int)k, col);
		if (o != (size_t)-1 && o >= floor &&
		    matches_at(d, o, ceil, expect)) {
			*off = o;
			return 0;
		}
	}
	if (!*expect || floor >= ceil)
		return -1;
	/*
	 * Inside a table cell, an escaped pipe ("\|") before a node moves
	 * cmark's column left of the text: search from the hint on first.
	 */
	o = md_offset(d->in, line, col);
	hit = NULL;
	if (o != (size_t)-1 && o > floor && o < ceil)
		hit = memmem(d->buf + o, ceil - o, expect, strlen(expect));
	if (!hit)
		hit = memmem(d->buf + floor, ceil - floor, expect, strlen(expect));
	if (!hit)
		return -1;
	*off = (size_t)(hit - d->buf);
	return 0;
}

int md_locate(const struct md_doc *d, cmark_node *node, const char *expect,
	      size_t floor, size_t ceil, size_t *off)
{
	cmark_node *leaf = node;
	size_t o;

	if (ceil > d->in->len)
		ceil = d->in->len;
	if (expect || !cmark_node_first_child(node))
		return locate_leaf(d, node, expect, floor, ceil, off);
	/*
	 * Links and emphasis: find their first text, then step back over the
	 * markup that opens them ("[", "**", "_", "`").  A loop, not
	 * recursion: the chain of first children may be very long.
	 */
	while (cmark_node_first_child(leaf))
		leaf = cmark_node_first_child(leaf);
	if (locate_leaf(d, leaf, NULL, floor, ceil, &o))
		return locate_leaf(d, node, expect, floor, ceil, off);
	while (o > floor && d->buf[o - 1] && strchr("[*_~`", d->buf[o - 1])) {
		o--;
		if (d->buf[o] == '[' && cmark_node_get_type(node) == CMARK_NODE_LINK)
			break;
	}
	/* the text found is not a link's: look for the link's own "[" */
	if (cmark_node_get_type(node) == CMARK_NODE_LINK && d->buf[o] != '[')
		return locate_leaf(d, node, NULL, floor, ceil, off);
	*off = o;
	return 0;
}

/*
 * Raw length of the inline node located at at: its literal as written,
 * backslash escapes allowed; else cmark's end column on that line.
 */
static size_t node_raw_len(const struct md_doc *d, cmark_node *node, size_t at,
			   size_t ceil)
{
	const char *lit = cmark_node_get_literal(node);
	size_t i = 0, j = at, n;

	while (lit && lit[i] && j < ceil) {
		if (d->buf[j] == lit[i]) {
			i++;
			j++;
		} else if (d->buf[j] == '\\' && j + 1 < ceil &&
			   d->buf[j + 1] == lit[i]) {
			i++;
			j += 2;
		} else {
			break;
		}
	}
	if (lit && !lit[i])
		return j - at;
	/* not verbatim (entities): cmark's end column on that line */
	n = lit ? strlen(lit) : 0;
	if (cmark_node_get_end_line(node) == cmark_node_get_start_line(node) &&
	    cmark_node_get_end_column(node) >= cmark_node_get_start_column(node))
		n = (size_t)(cmark_node_get_end_column(node) -
			     cmark_node_get_start_column(node)) + 1;
	return at + n <= ceil ? n : ceil - at;
}

static int is_mark(char c)
{
	return c == '*' || c == '_' || c == '`' || c == '~';
}

/* Where node, located at at, ends: past a leaf's text or a link. */
static size_t node_end(const struct md_doc *d, cmark_node *node, size_t at,
		       size_t ceil)
{
	size_t us, ue, ts, te, after;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
	case CMARK_NODE_HTML_INLINE:
		return at + node_raw_len(d, node, at, ceil);
	case CMARK_NODE_LINK:
		if (!md_link_parts(d, node, at, ceil, &us, &ue, &ts, &te, &after))
			return after;
		return at + 1;
	default:
		return at + 1;
	}
}

int md_children_span(const struct md_doc *d, cmark_node *node, size_t floor,
		     size_t ceil, size_t *start, size_t *end)
{
	cmark_node *first = cmark_node_first_child(node);
	cmark_node *last = cmark_node_last_child(node), *c;
	size_t s, e, at;

	if (ceil > d->in->len)
		ceil = d->in->len;
	while (first && md_is_br(first))
		first = cmark_node_next(first);
	while (last && last != first && md_is_br(last))
		last = cmark_node_previous(last);
	if (!first || !last || md_is_br(first))
		return -1;
	if (md_locate(d, first, NULL, floor, ceil, &s))
		return -1;
	/*
	 * Each child after the one before it: cmark's columns can be off
	 * (escaped pipes in a cell), and the last child's text may occur
	 * earlier too.
	 */
	at = s;
	for (c = first; c != last; c = cmark_node_next(c)) {
		size_t next = node_end(d, c, at, ceil);

		if (md_locate(d, cmark_node_next(c), NULL, next, ceil, &at))
			return -1;
	}
	/* the last leaf inside last decides where the text ends */
	c = last;
	while (cmark_node_first_child(last) && cmark_node_get_type(last) !=
	       CMARK_NODE_LINK)
		last = cmark_node_last_child(last);
	if (last != c && md_locate(d, last, NULL, at, ceil, &at))
		return -1;
	e = node_end(d, last, at, ceil);
	/* closing emphasis or code marks belong to the text */
	while (e < ceil && is_mark(d->buf[e]))
		e++;
	while (s > floor && is_mark(d->buf[s - 1]))
		s--;
	*start = s;
	*end = e;
	return 0;
}

/* Past the label "[...]" that starts at at; returns the offset after ']'. */
static size_t skip_label(const char *t, size_t n, size_t at)
{
	size_t i = at + 1;
	int depth = 1;

	while (i < n && depth) {
		if (t[i] == '\\') {
			i += 2;
			continue;
		}
		if (t[i] == '`') {
			size_t run = 0, j;

			while (i + run < n && t[i + run] == '`')
				run++;
			for (j = i + run; j < n; j++) {
				size_t r = 0;

				while (j + r < n && t[j + r] == '`')
					r++;
				if (r == run)
					break;
				j += r ? r - 1 : 0;
			}
			i = j < n ? j + run : i + run;
			continue;
		}
		if (t[i] == '[')
			depth++;
		else if (t[i] == ']')
			depth--;
		i++;
	}
	return i;
}

int md_verbatim(const struct md_doc *d, const char *value, size_t start,
		size_t end)
{
	struct sdb_buf b = SDB_BUF_INIT;
	int same;

	sdb_fold_ws(&b, d->in->text + start, end - start);
	same = !strcmp(b.s, value);
	sdb_buf_release(&b);
	return same;
}

int md_label_span(const struct md_doc *d, size_t at, size_t ceil,
		  size_t *start, size_t *end)
{
	size_t n = ceil < d->in->len ? ceil : d->in->len, s = at + 1, e;

	if (at >= n || d->buf[at] != '[')
		return -1;
	e = skip_label(d->buf, n, at);
	if (e > n || d->buf[e - 1] != ']')
		return -1;
	e--;
	sdb_trim_span(d->in, &s, &e);
	if (s >= e)
		return -1;
	*start = s;
	*end = e;
	return 0;
}

static const struct md_def *find_def(const struct md_doc *d, const char *url)
{
	size_t lo = 0, hi = d->ndefs, n = strlen(url);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct md_def *x = &d->defs[mid];
		size_t nx = x->url_end - x->url_start;
		int c = memcmp(d->buf + x->url_start, url, nx < n ? nx : n);

		if (!c)
			c = nx < n ? -1 : nx > n;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < d->ndefs) {
		const struct md_def *x = &d->defs[lo];

		if ((size_t)(x->url_end - x->url_start) == n &&
		    !memcmp(d->buf + x->url_start, url, n))
			return x;
	}
	return NULL;
}

int md_link_parts(const struct md_doc *d, cmark_node *link, size_t at,
		  size_t ceil, size_t *url_start, size_t *url_end,
		  size_t *title_start, size_t *title_end, size_t *after)
{
	const char *t = d->buf, *url = cmark_node_get_url(link);
	size_t n = ceil < d->in->len ? ceil : d->in->len, i, open;
	char close;

	if (at >= n)
		return -1;
	i = skip_label(t, n, at);

	*title_start = *title_end = 0;
	if (i >= n || t[i] != '(') {
		/* a reference link: [text][label], [text][] or [text] */
		const struct md_def *def = url ? find_def(d, url) : NULL;

		if (i < n && t[i] == '[')
			i = skip_label(t, n, i);
		*after = i;
		if (!def)
			return -1;
		*url_start = def->url_start;
		*url_end = def->url_end;
		return 0;
	}
	i++;
	while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	if (i < n && t[i] == '<') {
		*url_start = ++i;
		while (i < n && t[i] != '>' && t[i] != '\n')
			i += t[i] == '\\' ? 2 : 1;
		*url_end = i;
		i++;
	} else {
		int depth = 0;

		*url_start = i;
		while (i < n && !strchr(" \t\r\n", t[i]) && !(t[i] == ')' && !depth)) {
			if (t[i] == '\\')
				i++;
			else if (t[i] == '(')
				depth++;
			else if (t[i] == ')')
				depth--;
			i++;
		}
		*url_end = i;
	}
	while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r'))
		i++;
	if (i < n && (t[i] == '"' || t[i] == '\'' || t[i] == '(')) {
		close = t[i] == '(' ? ')' : t[i];
		open = ++i;
		while (i < n && t[i] != close)
			i += t[i] == '\\' ? 2 : 1;
		if (i >= n)
			return -1;
		*title_start = open;
		*title_end = i;
		i++;
		while (i < n && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' ||
				 t[i] == '\r'))
			i++;
	}
	if (i >= n || t[i] != ')')
		return -1;
	*after = i + 1;
	return 0;
}

/*
 * md.c - shared Markdown plumbing over cmark-gfm (see md.h).
 */
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

/* Blanks "---" YAML front matter at the start, keeping line breaks. */
static void blank_front_matter(char *s, size_t n)
{
	size_t i, line;

	if (n < 4 || memcmp(s, "---", 3) || (s[3] != '\n' && s[3] != '\r'))
		return;
	for (line = 4; line < n;) {
		size_t e = line;

		while (e < n && s[e] != '\n')
			e++;
		if ((e - line >= 3 && (!memcmp(s + line, "---", 3) ||
				       !memcmp(s + line, "...", 3))) &&
		    (e - line == 3 || (e - line == 4 && s[line + 3] == '\r'))) {
			for (i = 0; i < e; i++)
				if (s[i] != '\n' && s[i] != '\r')
					s[i] = ' ';
			return;
		}
		line = e + 1;
	}
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

int md_parse(struct md_doc *d, const struct sdb_input *in)
{
	cmark_syntax_extension *table;

	memset(d, 0, sizeof(*d));
	d->in = in;
	d->buf = sdb_xstrndup(in->text, in->len);
	blank_front_matter(d->buf, in->len);
	cmark_gfm_core_extensions_ensure_registered();
	d->parser = cmark_parser_new(CMARK_OPT_SOURCEPOS);
	if (!d->parser)
		sdb_die("out of memory creating a Markdown parser");
	table = cmark_find_syntax_extension("table");
	if (table)
		cmark_parser_attach_syntax_extension(d->parser, table);
	cmark_parser_feed(d->parser, d->buf, in->len);
	d->root = cmark_parser_finish(d->parser);
	if (!d->root)
		sdb_die("out of memory parsing Markdown");
	index_defs(d);
	return 0;
}

void md_release(struct md_doc *d)
{
	if (d->root)
		cmark_node_free(d->root);
	if (d->parser)
		cmark_parser_free(d->parser);
	free(d->buf);
	free(d->defs);
	memset(d, 0, sizeof(*d));
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
	cmark_node *c;

	for (c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
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
		default:
			md_text(b, c);
			break;
		}
	}
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
	/* up to what cmark may have decoded or unescaped */
	if (lit)
		while (lit[n] && n + 1 < cap && n < 24 && !strchr("&\\\n", lit[n]))
			n++;
	if (lit)
		memcpy(out, lit, n);
	out[n] = '\0';
}

static int matches_at(const struct md_doc *d, size_t off, const char *expect)
{
	size_t n = strlen(expect);

	return off != (size_t)-1 && off + n <= d->in->len &&
	       !memcmp(d->buf + off, expect, n);
}

static int locate_leaf(const struct md_doc *d, cmark_node *node,
		       const char *expect, size_t floor, size_t *off);

int md_locate(const struct md_doc *d, cmark_node *node, const char *expect,
	      size_t floor, size_t *off)
{
	cmark_node *leaf = node;
	size_t o;

	if (expect || !cmark_node_first_child(node))
		return locate_leaf(d, node, expect, floor, off);
	/*
	 * Links and emphasis: find their first text, then step back over the
	 * markup that opens them ("[", "**", "_", "`").
	 */
	while (cmark_node_first_child(leaf))
		leaf = cmark_node_first_child(leaf);
	if (locate_leaf(d, leaf, NULL, floor, &o))
		return locate_leaf(d, node, expect, floor, off);
	while (o > floor && strchr("[*_~`", d->buf[o - 1])) {
		o--;
		if (d->buf[o] == '[' && cmark_node_get_type(node) == CMARK_NODE_LINK)
			break;
	}
	*off = o;
	return 0;
}

static int locate_leaf(const struct md_doc *d, cmark_node *node,
		       const char *expect, size_t floor, size_t *off)
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
	if (o != (size_t)-1 && o >= floor && matches_at(d, o, expect)) {
		*off = o;
		return 0;
	}
	/* cmark-gfm undercounts lines after a multi-line inline */
	for (k = 1; *expect && line > 0 && k <= 8; k++) {
		o = md_offset(d->in, line + (int)k, col);
		if (o != (size_t)-1 && o >= floor && matches_at(d, o, expect)) {
			*off = o;
			return 0;
		}
	}
	if (!*expect || floor >= d->in->len)
		return -1;
	hit = strstr(d->buf + floor, expect);
	if (!hit)
		return -1;
	*off = (size_t)(hit - d->buf);
	return 0;
}

/* Raw length of a located inline node whose literal is verbatim. */
static size_t node_raw_len(const struct md_doc *d, cmark_node *node, size_t at)
{
	const char *lit = cmark_node_get_literal(node);
	size_t n = lit ? strlen(lit) : 0;

	if (lit && at + n <= d->in->len && !memcmp(d->buf + at, lit, n))
		return n;
	/* not verbatim (entities, escapes): cmark's end column on that line */
	if (cmark_node_get_end_line(node) == cmark_node_get_start_line(node) &&
	    cmark_node_get_end_column(node) >= cmark_node_get_start_column(node))
		return (size_t)(cmark_node_get_end_column(node) -
				cmark_node_get_start_column(node)) + 1;
	return n;
}

int md_children_span(const struct md_doc *d, cmark_node *node, size_t floor,
		     size_t *start, size_t *end)
{
	cmark_node *first = cmark_node_first_child(node);
	cmark_node *last = cmark_node_last_child(node);
	size_t s, e;

	while (first && md_is_br(first))
		first = cmark_node_next(first);
	while (last && last != first && md_is_br(last))
		last = cmark_node_previous(last);
	if (!first || !last || md_is_br(first))
		return -1;
	if (md_locate(d, first, NULL, floor, &s))
		return -1;
	/* the last leaf inside last decides where the text ends */
	while (cmark_node_first_child(last) && cmark_node_get_type(last) !=
	       CMARK_NODE_LINK)
		last = cmark_node_last_child(last);
	if (last == first)
		e = s;
	else if (md_locate(d, last, NULL, s, &e))
		return -1;
	if (cmark_node_get_type(last) == CMARK_NODE_LINK) {
		size_t us, ue, ts, te, after;

		if (md_link_parts(d, last, e, &us, &ue, &ts, &te, &after))
			return -1;
		e = after;
	} else {
		e += node_raw_len(d, last, e);
	}
	/* closing emphasis or code marks belong to the text */
	while (e < d->in->len && (d->buf[e] == '*' || d->buf[e] == '_' ||
				  d->buf[e] == '`' || d->buf[e] == '~'))
		e++;
	while (s > floor && (d->buf[s - 1] == '*' || d->buf[s - 1] == '_' ||
			     d->buf[s - 1] == '`' || d->buf[s - 1] == '~'))
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
		  size_t *url_start, size_t *url_end,
		  size_t *title_start, size_t *title_end, size_t *after)
{
	const char *t = d->buf, *url = cmark_node_get_url(link);
	size_t n = d->in->len, i = skip_label(t, n, at), open;
	char close;

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

/*
 * html_locate.c - finding the raw text of an HTML page's elements and
 * text nodes (see html_locate.h).
 */
#include "html_locate.h"
#include "text.h"
#include "../common/util.h"

/* Just past the first s at or after i, or len. */
size_t sdb_html_skip_past(const char *t, size_t len, size_t i, const char *s)
{
	size_t n = strlen(s);

	for (; i + n <= len; i++)
		if (!memcmp(t + i, s, n))
			return i + n;
	return len;
}

/* The markup at t[i] == '<'. */
static void scan_tag(const char *t, size_t len, size_t i, struct tag *g)
{
	size_t j;
	char q;

	memset(g, 0, sizeof(*g));
	g->start = i;
	g->end = i + 1;
	if (len - i >= 4 && !memcmp(t + i, "<!--", 4)) {
		g->kind = TAG_OTHER;
		g->end = sdb_html_skip_past(t, len, i + 4, "-->");
		return;
	}
	if (len - i >= 9 && sdb_strnieq(t + i, "<!doctype", 9)) {
		/* its identifiers are quoted */
		for (j = i + 9, q = 0; j < len && (q || t[j] != '>'); j++)
			if (q ? t[j] == q : (t[j] == '"' || t[j] == '\''))
				q = q ? 0 : t[j];
		g->kind = TAG_OTHER;
		g->end = j < len ? j + 1 : len;
		return;
	}
	if (i + 1 < len && t[i + 1] == '?') {
		/* an SGML processing instruction ends at the first '>' */
		g->kind = TAG_OTHER;
		g->end = sdb_html_skip_past(t, len, i + 2, ">");
		return;
	}
	/* "<![CDATA[" and other "<!" are text to libxml2 */
	if (i + 2 < len && t[i + 1] == '/' &&
	    is_letter((unsigned char)t[i + 2])) {
		g->kind = TAG_END;
		j = i + 2;
	} else if (i + 1 < len && is_letter((unsigned char)t[i + 1])) {
		g->kind = TAG_START;
		j = i + 1;
	} else {
		return;
	}
	g->name = j;
	while (j < len && !is_ws(t[j]) && t[j] != '>' && t[j] != '/')
		j++;
	g->name_end = j;
	if (g->kind == TAG_END) {
		while (j < len && t[j] != '>')
			j++;
		g->end = j < len ? j + 1 : len;
		return;
	}
	/* attributes: a quote starts a value only after '=' */
	for (;;) {
		while (j < len && is_ws(t[j]))
			j++;
		if (j >= len || t[j] == '>')
			break;
		if (t[j] == '/' && j + 1 < len && t[j + 1] == '>') {
			j++;
			break;
		}
		while (j < len && !is_ws(t[j]) && t[j] != '>' && t[j] != '=' &&
		       !(t[j] == '/' && j + 1 < len && t[j + 1] == '>'))
			j++;
		while (j < len && is_ws(t[j]))
			j++;
		if (j >= len || t[j] != '=')
			continue;
		j++;
		while (j < len && is_ws(t[j]))
			j++;
		if (j < len && (t[j] == '"' || t[j] == '\'')) {
			q = t[j++];
			while (j < len && t[j] != q)
				j++;
			if (j < len)
				j++;
		} else {
			while (j < len && !is_ws(t[j]) && t[j] != '>')
				j++;
		}
	}
	g->end = j < len ? j + 1 : len;
}

static int tag_is(const struct sdb_input *in, const struct tag *g,
		  const char *name)
{
	size_t n = strlen(name);

	return g->name_end - g->name == n &&
	       sdb_strnieq(in->text + g->name, name, n);
}

/* Just past markup g, and past the content of a script or style. */
static size_t after_tag(const struct sdb_input *in, const struct tag *g)
{
	size_t i = g->end;

	if (g->kind != TAG_START || !(tag_is(in, g, "script") ||
				      tag_is(in, g, "style")) ||
	    (i >= 2 && in->text[i - 2] == '/'))
		return i;
	for (; i + 2 < in->len; i++)
		if (in->text[i] == '<' && in->text[i + 1] == '/' &&
		    is_letter((unsigned char)in->text[i + 2]))
			return i;
	return in->len;
}

/* The next start tag named name at or after i.  Returns 0 or -1. */
static int next_start(const struct sdb_input *in, size_t i, const char *name,
		      struct tag *g)
{
	const char *lt;

	while (i < in->len && (lt = memchr(in->text + i, '<', in->len - i))) {
		scan_tag(in->text, in->len, (size_t)(lt - in->text), g);
		if (g->kind == TAG_START && tag_is(in, g, name))
			return 0;
		i = after_tag(in, g);
	}
	return -1;
}

/* The node after n in document order. */
xmlNodePtr sdb_html_next_node(xmlNodePtr n)
{
	if (n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	for (; n; n = n->parent) {
		if (n->next)
			return n->next;
		if (n->parent && n->parent->type != XML_ELEMENT_NODE)
			return NULL;
	}
	return NULL;
}

/* The node after n and its descendants, within top (NULL: the page). */
xmlNodePtr sdb_html_next_after(xmlNodePtr n, xmlNodePtr top)
{
	for (; n && n != top; n = n->parent) {
		if (n->next)
			return n->next;
		if (n->parent && n->parent->type != XML_ELEMENT_NODE)
			return NULL;
	}
	return NULL;
}

/* The node after n in document order within top's descendants. */
xmlNodePtr sdb_html_next_within(xmlNodePtr n, xmlNodePtr top)
{
	if (n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	return sdb_html_next_after(n, top);
}

int sdb_html_is_inside(xmlNodePtr n, xmlNodePtr top)
{
	for (; n; n = n->parent)
		if (n == top)
			return 1;
	return 0;
}

/* libxml2's line for a node, 0 when it has none or it is capped. */
static long line_of(xmlNodePtr n)
{
	long line = xmlGetLineNo(n);

	return line > 0 && line < 65535 ? line : 0;
}

static int on_line(const struct sdb_input *in, const struct tag *g,
		   xmlNodePtr node)
{
	long line = line_of(node);

	return !line || (sdb_input_pos(in, g->start).line <= line &&
			 line <= sdb_input_pos(in, g->end - 1).line);
}

/*
 * Finds node's start tag after element from (NULL: the page's start),
 * whose start tag ends at from_end: as many tags of node's name are
 * skipped as there are elements of that name between the two.  libxml2's
 * line for node confirms it.  Returns 0, or -1 (not found).
 */
int sdb_html_locate_from(const struct html *h, xmlNodePtr from, size_t from_end,
		       xmlNodePtr node, struct tag *g)
{
	const char *name = (const char *)node->name;
	xmlNodePtr n = from ? sdb_html_next_node(from) : h->doc->children;
	size_t skip = 0, at = from_end;

	for (; n && n != node; n = sdb_html_next_node(n))
		if (is_name(n, name))
			skip++;
	if (!n)
		return -1;
	while (!next_start(h->in, at, name, g)) {
		if (!skip--)
			return on_line(h->in, g, node) ? 0 : -1;
		at = after_tag(h->in, g);
	}
	return -1;
}

/* sdb_html_locate_from() the last element located, which node then becomes. */
static int locate(struct html *h, xmlNodePtr node, struct tag *g)
{
	if (sdb_html_locate_from(h, h->last, h->last_end, node, g))
		return -1;
	h->last = node;
	h->last_end = g->end;
	return 0;
}

static void add_utf8(char *u, size_t *n, unsigned long cp)
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		*n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		*n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		*n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		*n = 4;
	}
}

/*
 * The character reference at t[i] == '&' as libxml2's HTML parser reads
 * it: its UTF-8 into u (*n bytes, 0 for a dropped invalid reference), and
 * its length in the text.  Returns 0 when it is literal text.
 */
static size_t entity(const char *t, size_t len, size_t i, char *u, size_t *n)
{
	size_t j = i + 1, k;
	unsigned long cp = 0;
	char name[40];
	const htmlEntityDesc *e;

	if (j < len && t[j] == '#') {
		int hex = j + 1 < len && (t[j + 1] == 'x' || t[j + 1] == 'X');

		for (j += 1 + (size_t)hex, k = j; j < len; j++) {
			int c = (unsigned char)t[j];
			int d = is_digit(c) ? c - '0' :
				hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

			if (d < 0)
				break;
			if (cp < 0x110000)
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (j == k)
			return 0;
		if (j < len && t[j] == ';')
			j++;
		*n = 0;
		if (cp == 0x9 || cp == 0xA || cp == 0xD ||
		    (cp >= 0x20 && cp <= 0xD7FF) ||
		    (cp >= 0xE000 && cp <= 0xFFFD) ||
		    (cp >= 0x10000 && cp <= 0x10FFFF))
			add_utf8(u, n, cp);
		return j - i;
	}
	for (k = 0; j < len && k + 1 < sizeof(name) &&
		    (is_letter((unsigned char)t[j]) ||
		     is_digit((unsigned char)t[j])); j++)
		name[k++] = t[j];
	name[k] = '\0';
	if (!k || j >= len || t[j] != ';' ||
	    !(e = htmlEntityLookup((const xmlChar *)name)) || !e->value)
		return 0;
	add_utf8(u, n, e->value);
	return j + 1 - i;
}

/*
 * Whether the raw text at i reads as s[0, n), entities decoded; *end is
 * then just past it.  Stray end tags inside are passed over: libxml2
 * drops them and joins the text around them.
 */
int sdb_html_match(const struct sdb_input *in, size_t i, const char *s,
		 size_t n, size_t *end)
{
	const char *t = in->text;
	size_t k = 0, el, un;
	char u[4];
	struct tag g;

	while (k < n) {
		if (i >= in->len)
			return 0;
		if (t[i] == '&' && (el = entity(t, in->len, i, u, &un)) &&
		    un <= n - k && !memcmp(s + k, u, un)) {
			i += el;
			k += un;
			continue;
		}
		if (t[i] == '<' && k) {
			scan_tag(t, in->len, i, &g);
			if (g.kind == TAG_END) {
				i = g.end;
				continue;
			}
			if (g.kind != TAG_NONE)
				return 0;
		}
		if (t[i] != s[k])
			return 0;
		i++;
		k++;
	}
	*end = i;
	return 1;
}

/*
 * Finds text node n's raw text in [*pos, limit), outside markup, and
 * moves *pos past it.  libxml2 gives a text node the line where its text
 * ends or later, so the search stops there too.  Returns 0 or -1.
 */
static int locate_text(const struct html *h, size_t *pos, size_t limit,
		       xmlNodePtr n, struct loc *l)
{
	const struct sdb_input *in = h->in;
	const char *s = (const char *)n->content;
	size_t i = *pos, len = strlen(s), end;
	long line = line_of(n);
	struct tag g;

	if ((size_t)line < in->nlines && in->lines[line] < limit)
		limit = in->lines[line];
	while (i < limit) {
		if (in->text[i] == '<') {
			scan_tag(in->text, in->len, i, &g);
			if (g.kind != TAG_NONE) {
				i = after_tag(in, &g);
				continue;
			}
		}
		if (sdb_html_match(in, i, s, len, &end)) {
			l->node = n;
			l->start = i;
			l->end = end;
			*pos = end;
			return 0;
		}
		i++;
	}
	return -1;
}

int sdb_html_is_blank(const char *s)
{
	for (; *s; s++)
		if (!is_ws((unsigned char)*s))
			return 0;
	return 1;
}

char *sdb_html_node_text(xmlNodePtr n)
{
	xmlChar *s = xmlNodeGetContent(n);
	struct sdb_buf b = SDB_BUF_INIT;

	if (s)
		sdb_fold_ws(&b, (const char *)s, strlen((const char *)s));
	xmlFree(s);
	return sdb_buf_detach(&b);
}

/*
 * Where b's raw text ends at the latest: at the start tag of the next
 * element (html, head and body may be implied or repeated: not those).
 */
static size_t box_limit(const struct html *h, const struct box *b)
{
	xmlNodePtr n = sdb_html_next_after(b->node, NULL);
	struct tag g;

	while (n && (n->type != XML_ELEMENT_NODE || is_name(n, "html") ||
		     is_name(n, "head") || is_name(n, "body")))
		n = sdb_html_next_node(n);
	if (n && !sdb_html_locate_from(h, b->node, b->tag.end, n, &g))
		return g.start;
	return h->in->len;
}

/* The text nodes under b->node, located after its start tag. */
static void box_texts(const struct html *h, struct box *b)
{
	size_t pos = b->tag.end, limit = box_limit(h, b);
	xmlNodePtr n;

	for (n = b->node->children; n; n = sdb_html_next_within(n, b->node)) {
		struct loc l;

		if (n->type != XML_TEXT_NODE || !n->content ||
		    sdb_html_is_blank((const char *)n->content) ||
		    is_name(n->parent, "script") || is_name(n->parent, "style"))
			continue;
		if (locate_text(h, &pos, limit, n, &l))
			continue;
		sdb_grow_array((void **)&b->texts, &b->alloc, b->n + 1,
			       sizeof(*b->texts));
		b->texts[b->n++] = l;
	}
}

/* Locates node's start tag (moving h->last) and its text. */
void sdb_html_box_open(struct html *h, xmlNodePtr node, struct box *b)
{
	memset(b, 0, sizeof(*b));
	b->node = node;
	b->text = sdb_html_node_text(node);
	if (locate(h, node, &b->tag))
		return;
	b->found = 1;
	box_texts(h, b);
}

void sdb_html_box_release(struct box *b)
{
	free(b->texts);
	free(b->text);
	memset(b, 0, sizeof(*b));
}

/* The span from the first to the last located text under top. */
int sdb_html_text_span(const struct box *b, xmlNodePtr top, size_t *start,
		     size_t *end)
{
	size_t i;
	int any = 0;

	for (i = 0; i < b->n; i++) {
		if (!sdb_html_is_inside(b->texts[i].node, top))
			continue;
		if (!any)
			*start = b->texts[i].start;
		*end = b->texts[i].end;
		any = 1;
	}
	return any ? 0 : -1;
}

size_t sdb_html_texts_in(const struct box *b, xmlNodePtr top)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		n += sdb_html_is_inside(b->texts[i].node, top);
	return n;
}

/* Where to report a problem with b: its text, its tag, or its line. */
size_t sdb_html_box_offset(const struct html *h, const struct box *b)
{
	long line;

	if (b->n) {
		size_t s = b->texts[0].start, e = b->texts[0].end;

		sdb_trim_span(h->in, &s, &e);
		return s;
	}
	if (b->found)
		return b->tag.start;
	line = line_of(b->node);
	return line ? sdb_input_offset(h->in, (int)line, 1) : 0;
}

/* Re-decodes claims from index `from` on with all of HTML's entities. */
void sdb_html_decode_values(const struct html *h, size_t from)
{
	const struct sdb_input *in = h->in;
	size_t i, j, el, un;
	char u[4];

	for (i = from; i < h->out->n; i++) {
		struct sdb_claim *c = &h->out->v[i];
		struct sdb_buf b = SDB_BUF_INIT, f = SDB_BUF_INIT;

		for (j = c->start; j < c->end;) {
			if (in->text[j] == '&' &&
			    (el = entity(in->text, c->end, j, u, &un))) {
				sdb_buf_add(&b, u, un);
				j += el;
			} else {
				sdb_buf_addch(&b, in->text[j++]);
			}
		}
		sdb_fold_ws(&f, b.s, b.len);
		free(c->value);
		c->value = sdb_buf_detach(&f);
		sdb_buf_release(&b);
	}
}

/* The value of attribute name in start tag g, raw text at [*vs, *ve). */
static int attribute(const struct sdb_input *in, const struct tag *g,
		     const char *name, size_t *vs, size_t *ve)
{
	const char *t = in->text;
	size_t j = g->name_end, ns, ne, end = g->end, n = strlen(name);

	for (;;) {
		while (j < end && is_ws(t[j]))
			j++;
		if (j >= end || t[j] == '>' || (t[j] == '/' && j + 1 < end &&
						t[j + 1] == '>'))
			return -1;
		for (ns = j; j < end && !is_ws(t[j]) && t[j] != '>' &&
			     t[j] != '=' && !(t[j] == '/' && j + 1 < end &&
					      t[j + 1] == '>'); j++)
			;
		ne = j;
		while (j < end && is_ws(t[j]))
			j++;
		if (j >= end || t[j] != '=')
			continue;
		j++;
		while (j < end && is_ws(t[j]))
			j++;
		if (j < end && (t[j] == '"' || t[j] == '\'')) {
			char q = t[j++];

			*vs = j;
			while (j < end && t[j] != q)
				j++;
			*ve = j;
			if (j < end)
				j++;
		} else {
			*vs = j;
			while (j < end && !is_ws(t[j]) && t[j] != '>')
				j++;
			*ve = j;
		}
		if (ne - ns == n && sdb_strnieq(t + ns, name, n))
			return 0;
	}
}

/* An attribute's value, folded, and its raw text; NULL when absent. */
char *sdb_html_attr_value(const struct html *h, xmlNodePtr node,
			const struct tag *g, const char *name,
			size_t *vs, size_t *ve)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	struct sdb_buf b = SDB_BUF_INIT;

	if (!v)
		return NULL;
	sdb_fold_ws(&b, (const char *)v, strlen((const char *)v));
	xmlFree(v);
	if (!b.len || attribute(h->in, g, name, vs, ve)) {
		sdb_buf_release(&b);
		return NULL;
	}
	sdb_trim_span(h->in, vs, ve);
	return sdb_buf_detach(&b);
}

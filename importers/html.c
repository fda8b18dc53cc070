/*
 * html.c - HTML or XHTML pages, in either of two shapes.
 *
 * Tables whose first row names the columns, as on the IANA registry's page;
 * the nearest heading (h2 to h6) above a table is its class:
 *
 *   <h2>HTTP Status Codes</h2>
 *   <table>
 *     <tr><th>Value</th><th>Description</th><th>Reference</th></tr>
 *     <tr><td>413</td><td>Payload Too Large</td>
 *         <td>[<a href="http://www.iana.org/go/rfc7231">RFC7231, Section
 *         6.5.11</a>]</td></tr>
 *     <tr><td>418-420</td><td>Unassigned</td><td></td></tr>
 *
 * or link-annotated lists: a link whose text is "NNN: Name" starts an
 * entry, its title is the description, and the links after it in the same
 * list item, paragraph or table row cite its specifications:
 *
 *   <li><a href="413" title="The 413 (Payload Too Large) status code ...">
 *       413: Payload Too Large</a> <a href="/specs/rfc7231">RFC 7231</a></li>
 *
 * libxml2's HTML parser builds the tree (no network, its errors recovered
 * silently, the text read as UTF-8 whatever the page declares).  It gives
 * elements only a line, so the raw text of every claim is found in the
 * file: an element's start tag by counting off the tags of its name from
 * the last element located (locate()), a text node's raw text by matching
 * its content, entities and all, after its element's start tag
 * (locate_text()).  Tables without a code column are not status tables:
 * they are searched for links like any other part of the page.
 */
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

enum tag_kind { TAG_NONE, TAG_START, TAG_END, TAG_OTHER };

/* A piece of markup in the raw text, as libxml2's HTML parser reads it. */
struct tag {
	enum tag_kind kind;	/* TAG_NONE: a '<' that is text */
	size_t start, end;	/* the '<' .. just past the markup */
	size_t name, name_end;	/* start and end tags: the tag name */
};

/* A text node and its raw text, text[start, end), untrimmed. */
struct loc {
	xmlNodePtr node;
	size_t start, end;
};

/* An element located in the raw text, with its located text nodes. */
struct box {
	xmlNodePtr node;
	struct tag tag;		/* its start tag */
	int found;		/* tag and texts are known */
	struct loc *texts;	/* its non-blank text nodes, in order */
	size_t n, alloc;
	char *text;		/* its text, folded; owned */
};

struct html {
	const struct sdb_input *in;
	struct sdb_claims *out;
	struct sdb_error *err;
	xmlDocPtr doc;
	xmlNodePtr last;	/* last element located, NULL: none yet */
	size_t last_end;	/* just past its start tag */
	char *heading;		/* the class heading's text, NULL: none */
	size_t hstart, hend;	/* its raw text */
	int tables;		/* status tables seen */
	int entry, code;	/* link-annotated entry, 0 when none */
	xmlNodePtr item;	/* the element that entry's links are in */
};

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

static int is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_name(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	       !strcmp((const char *)n->name, name);
}

/* Just past the first s at or after i, or len. */
static size_t skip_past(const char *t, size_t len, size_t i, const char *s)
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
		g->end = skip_past(t, len, i + 4, "-->");
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
		g->end = skip_past(t, len, i + 2, ">");
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
static xmlNodePtr next_node(xmlNodePtr n)
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
static xmlNodePtr next_after(xmlNodePtr n, xmlNodePtr top)
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
static xmlNodePtr next_within(xmlNodePtr n, xmlNodePtr top)
{
	if (n->type == XML_ELEMENT_NODE && n->children)
		return n->children;
	return next_after(n, top);
}

static int is_inside(xmlNodePtr n, xmlNodePtr top)
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
static int locate_from(const struct html *h, xmlNodePtr from, size_t from_end,
		       xmlNodePtr node, struct tag *g)
{
	const char *name = (const char *)node->name;
	xmlNodePtr n = from ? next_node(from) : h->doc->children;
	size_t skip = 0, at = from_end;

	for (; n && n != node; n = next_node(n))
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

/* locate_from() the last element located, which node then becomes. */
static int locate(struct html *h, xmlNodePtr node, struct tag *g)
{
	if (locate_from(h, h->last, h->last_end, node, g))
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
static int match(const struct sdb_input *in, size_t i, const char *s,
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
		if (match(in, i, s, len, &end)) {
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

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (!is_ws((unsigned char)*s))
			return 0;
	return 1;
}

static char *node_text(xmlNodePtr n)
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
	xmlNodePtr n = next_after(b->node, NULL);
	struct tag g;

	while (n && (n->type != XML_ELEMENT_NODE || is_name(n, "html") ||
		     is_name(n, "head") || is_name(n, "body")))
		n = next_node(n);
	if (n && !locate_from(h, b->node, b->tag.end, n, &g))
		return g.start;
	return h->in->len;
}

/* The text nodes under b->node, located after its start tag. */
static void box_texts(const struct html *h, struct box *b)
{
	size_t pos = b->tag.end, limit = box_limit(h, b);
	xmlNodePtr n;

	for (n = b->node->children; n; n = next_within(n, b->node)) {
		struct loc l;

		if (n->type != XML_TEXT_NODE || !n->content ||
		    is_blank((const char *)n->content) ||
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
static void box_open(struct html *h, xmlNodePtr node, struct box *b)
{
	memset(b, 0, sizeof(*b));
	b->node = node;
	b->text = node_text(node);
	if (locate(h, node, &b->tag))
		return;
	b->found = 1;
	box_texts(h, b);
}

static void box_release(struct box *b)
{
	free(b->texts);
	free(b->text);
	memset(b, 0, sizeof(*b));
}

/* The span from the first to the last located text under top. */
static int text_span(const struct box *b, xmlNodePtr top, size_t *start,
		     size_t *end)
{
	size_t i;
	int any = 0;

	for (i = 0; i < b->n; i++) {
		if (!is_inside(b->texts[i].node, top))
			continue;
		if (!any)
			*start = b->texts[i].start;
		*end = b->texts[i].end;
		any = 1;
	}
	return any ? 0 : -1;
}

static size_t texts_in(const struct box *b, xmlNodePtr top)
{
	size_t i, n = 0;

	for (i = 0; i < b->n; i++)
		n += is_inside(b->texts[i].node, top);
	return n;
}

/* Where to report a problem with b: its text, its tag, or its line. */
static size_t box_offset(const struct html *h, const struct box *b)
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
static void html_values(const struct html *h, size_t from)
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

/* A name: its first text, and later texts that are only "(...)" notes. */
static void emit_name(struct html *h, const struct box *b, int entry,
		      int code, size_t first)
{
	const struct sdb_input *in = h->in;
	size_t i, from = h->out->n;

	for (i = first; i < b->n; i++) {
		size_t s = b->texts[i].start, e = b->texts[i].end;

		sdb_trim_span(in, &s, &e);
		if (i > first && !(e - s >= 2 && in->text[s] == '(' &&
				   in->text[e - 1] == ')'))
			continue;
		sdb_emit_name(h->out, in, entry, code, s, e);
	}
	html_values(h, from);
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
static char *attr_value(const struct html *h, xmlNodePtr node,
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

/*
 * A reference label at [s, e): value NULL when the raw text is one text,
 * so that "Section 6.5.11" is found in it.  A citation whose section was
 * not found in the raw text ("&sect; 6.5.11") points at the whole label.
 */
static void emit_reference(struct html *h, int entry, int code,
			   const char *value, size_t s, size_t e)
{
	const struct sdb_input *in = h->in;
	size_t i = h->out->n, j;

	sdb_emit_reference(h->out, in, entry, code, value, s, e);
	sdb_trim_span(in, &s, &e);
	for (; i < h->out->n; i++) {
		struct sdb_claim *c = &h->out->v[i];
		size_t n = c->section ? strlen(c->section) : 0;

		for (j = c->start; n && j + n <= c->end; j++)
			if (!memcmp(in->text + j, c->section, n))
				break;
		if (n && j + n > c->end) {
			c->start = s;
			c->end = e;
		}
	}
}

/*
 * Link a, whose start tag is g: its label (the text of a among b's texts)
 * a reference unless labels is 0, its href a reference target, the two
 * sharing a link number.
 */
static void emit_link(struct html *h, const struct box *b, xmlNodePtr a,
		      const struct tag *g, int entry, int code, int labels)
{
	char *url, *label = node_text(a);
	size_t s, e;

	sdb_claims_begin_link(h->out);
	if (labels && *label && !text_span(b, a, &s, &e))
		emit_reference(h, entry, code,
			       texts_in(b, a) == 1 ? NULL : label, s, e);
	free(label);
	url = attr_value(h, a, g, "href", &s, &e);
	if (url)
		sdb_emit_target(h->out, h->in, entry, code, url, s, e);
	free(url);
	sdb_claims_end_link(h->out);
}

/* Every link under b->node, by emit_link(). */
static void emit_links(struct html *h, const struct box *b, int entry,
		       int code, int labels)
{
	xmlNodePtr n, prev = b->node;
	size_t prev_end = b->tag.end;
	struct tag g;

	for (n = b->node->children; n; n = next_within(n, b->node)) {
		if (!is_name(n, "a") || locate_from(h, prev, prev_end, n, &g))
			continue;
		prev = n;
		prev_end = g.end;
		emit_link(h, b, n, &g, entry, code, labels);
	}
}

static int has_link(xmlNodePtr top)
{
	xmlNodePtr n;

	for (n = top->children; n; n = next_within(n, top))
		if (is_name(n, "a"))
			return 1;
	return 0;
}

/* The nearest heading's text becomes the class of the rows below it. */
static void set_heading(struct html *h, xmlNodePtr node)
{
	struct box b;

	box_open(h, node, &b);
	free(h->heading);
	h->heading = NULL;
	if (*b.text && !text_span(&b, node, &h->hstart, &h->hend)) {
		h->heading = b.text;
		b.text = NULL;
	}
	box_release(&b);
}

/* The rows of a table, not those of tables inside it. */
static size_t table_rows(xmlNodePtr table, xmlNodePtr **rows)
{
	xmlNodePtr c, r;
	size_t n = 0, alloc = 0;

	*rows = NULL;
	for (c = table->children; c; c = c->next) {
		xmlNodePtr from = c, to = c->next;

		if (is_name(c, "thead") || is_name(c, "tbody") ||
		    is_name(c, "tfoot")) {
			from = c->children;
			to = NULL;
		}
		for (r = from; r && r != to; r = r->next)
			if (is_name(r, "tr")) {
				sdb_grow_array((void **)rows, &alloc, n + 1,
					       sizeof(**rows));
				(*rows)[n++] = r;
			}
	}
	return n;
}

static size_t row_cells(xmlNodePtr row, xmlNodePtr **cells)
{
	xmlNodePtr c;
	size_t n = 0, alloc = 0;

	*cells = NULL;
	for (c = row->children; c; c = c->next)
		if (is_name(c, "td") || is_name(c, "th")) {
			sdb_grow_array((void **)cells, &alloc, n + 1,
				       sizeof(**cells));
			(*cells)[n++] = c;
		}
	return n;
}

/* "413", "104-199" (or with an en dash); sets *first and *last. */
static int parse_codes(const char *s, int *first, int *last)
{
	size_t n = strlen(s), a, b;
	const char *dash = strchr(s, '-');

	*first = *last = sdb_parse_code(s, n);
	if (*first >= 0)
		return 0;
	if (!dash)
		dash = strstr(s, "\xE2\x80\x93");
	if (!dash)
		return -1;
	a = (size_t)(dash - s);
	b = a + (*dash == '-' ? 1 : 3);
	while (a > 0 && s[a - 1] == ' ')
		a--;
	while (b < n && s[b] == ' ')
		b++;
	*first = sdb_parse_code(s, a);
	*last = sdb_parse_code(s + b, n - b);
	return *first >= 0 && *last >= *first ? 0 : -1;
}

/* "4xx", "4XX Client Error": a class row, not a code. */
static int is_class_label(const char *s)
{
	return is_digit((unsigned char)s[0]) && (s[1] == 'x' || s[1] == 'X') &&
	       (s[2] == 'x' || s[2] == 'X') && !is_letter((unsigned char)s[3]);
}

struct table {
	enum sdb_role *roles;
	size_t ncols;
	int code_col;
};

static int do_row(struct html *h, const struct table *tb, xmlNodePtr row)
{
	xmlNodePtr *cells;
	size_t n = row_cells(row, &cells), i;
	struct box *boxes;
	int first, last, entry, rc = 0, name_col = -1;
	char *code_text;

	if (n <= (size_t)tb->code_col || (n == 1 && tb->ncols > 1)) {
		free(cells);
		return 0;	/* no code cell, or a caption across the row */
	}
	boxes = sdb_xcalloc(n, sizeof(*boxes));
	for (i = 0; i < n && i < tb->ncols; i++)
		if (tb->roles[i] != SDB_ROLE_OTHER)
			box_open(h, cells[i], &boxes[i]);
	code_text = boxes[tb->code_col].text;
	if (!*code_text || is_class_label(code_text))
		goto out;
	if (parse_codes(code_text, &first, &last)) {
		if (!is_digit((unsigned char)code_text[0]))
			goto out;	/* a note or a sub-heading */
		rc = sdb_error_at(h->err, h->in,
			box_offset(h, &boxes[tb->code_col]),
			"invalid status code '%.40s': want three digits, 100 to 599",
			code_text);
		goto out;
	}
	entry = ++h->out->entries;
	for (i = 0; i < n && i < tb->ncols; i++)
		if (tb->roles[i] == SDB_ROLE_NAME)
			name_col = (int)i;
	if (first != last || (name_col >= 0 &&
			      sdb_strieq(boxes[name_col].text, "unassigned"))) {
		/* the name cell's text, else "Unassigned" at the codes */
		int named = name_col >= 0 && boxes[name_col].n;
		const struct box *b = &boxes[named ? name_col : tb->code_col];
		size_t s = 0, e = 0;

		text_span(b, b->node, &s, &e);
		sdb_trim_span(h->in, &s, &e);
		sdb_claims_add_range(h->out, first, last,
				     named ? b->text : "Unassigned", s, e);
		goto out;
	}
	if (h->heading)
		sdb_emit_class(h->out, h->in, entry, first, h->heading,
			       h->hstart, h->hend);
	for (i = 0; i < n && i < tb->ncols; i++) {
		const struct box *b = &boxes[i];
		size_t s, e;

		if (!b->found)
			continue;
		switch (tb->roles[i]) {
		case SDB_ROLE_CODE:
			emit_links(h, b, entry, first, 0);
			break;
		case SDB_ROLE_NAME:
			if (b->n)
				emit_name(h, b, entry, first, 0);
			break;
		case SDB_ROLE_DESCRIPTION:
			if (*b->text && !text_span(b, b->node, &s, &e))
				sdb_emit_description(h->out, h->in, entry,
						     first, b->text, s, e);
			emit_links(h, b, entry, first, 1);
			break;
		case SDB_ROLE_REFERENCE:
			if (has_link(b->node))
				emit_links(h, b, entry, first, 1);
			else if (*b->text && !text_span(b, b->node, &s, &e))
				emit_reference(h, entry, first, b->n == 1 ?
					       NULL : b->text, s, e);
			break;
		default:
			break;
		}
	}
out:
	for (i = 0; i < n; i++)
		box_release(&boxes[i]);
	free(boxes);
	free(cells);
	return rc;
}

/* Returns 1 for a status table (read), 0 for another, -1 on error. */
static int do_table(struct html *h, xmlNodePtr table)
{
	xmlNodePtr *rows, *cells = NULL;
	size_t nrows = table_rows(table, &rows), r, i, head = 0;
	const char **names;
	struct table tb;
	int rc = 0;

	/* the header: the first row with more than one cell */
	for (head = 0; head < nrows; head++) {
		size_t n = row_cells(rows[head], &cells);

		free(cells);
		if (n > 1 || head + 1 == nrows)
			break;
	}
	if (head >= nrows) {
		free(rows);
		return 0;
	}
	tb.ncols = row_cells(rows[head], &cells);
	names = sdb_xcalloc(tb.ncols + 1, sizeof(*names));
	tb.roles = sdb_xcalloc(tb.ncols + 1, sizeof(*tb.roles));
	for (i = 0; i < tb.ncols; i++)
		names[i] = node_text(cells[i]);
	tb.code_col = sdb_column_roles(names, tb.ncols, tb.roles);
	for (i = 0; i < tb.ncols; i++)
		free((char *)names[i]);
	free(names);
	free(cells);
	if (tb.code_col >= 0) {
		h->tables++;
		for (r = head + 1; r < nrows && !rc; r++)
			rc = do_row(h, &tb, rows[r]);
	}
	free(tb.roles);
	free(rows);
	return rc < 0 ? -1 : tb.code_col >= 0;
}

/* The element that the links after a code link belong to. */
static xmlNodePtr item_of(xmlNodePtr a)
{
	static const char *const items[] = {
		"li", "p", "tr", "dd", "dt", NULL
	};
	xmlNodePtr n;
	size_t i;

	for (n = a->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		for (i = 0; items[i]; i++)
			if (is_name(n, items[i]))
				return n;
	for (n = a->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (is_name(n, "div"))
			return n;
	return NULL;
}

/*
 * For link text "NNN: Name": the length of the code token, with *lead
 * the bytes before it and *name the offset of the name; 0 when not so.
 */
static size_t code_prefix(const char *s, size_t *lead, size_t *name)
{
	size_t i = 0, tok;

	while (is_ws((unsigned char)s[i]))
		i++;
	*lead = i;
	if (!is_digit((unsigned char)s[i]))
		return 0;
	while (is_letter((unsigned char)s[i]) || is_digit((unsigned char)s[i]))
		i++;
	tok = i - *lead;
	while (is_ws((unsigned char)s[i]))
		i++;
	if (s[i] != ':')
		return 0;
	i++;
	while (is_ws((unsigned char)s[i]))
		i++;
	*name = i;
	return tok;
}

/* A link "NNN: Name" with the description in its title starts an entry. */
static int code_link(struct html *h, xmlNodePtr a, const struct box *b)
{
	const struct sdb_input *in = h->in;
	const char *s;
	size_t tok, lead, name, raw, ts, te;
	int code;
	char *title;

	if (!b->n)
		return 0;
	/* the code starts the link's first text */
	s = (const char *)b->texts[0].node->content;
	if (!(tok = code_prefix(s, &lead, &name)))
		return 0;
	code = sdb_parse_code(s + lead, tok);
	if (code < 0) {
		if (!sdb_looks_like_bad_code(s + lead, tok))
			return 0;
		if (!match(in, b->texts[0].start, s, lead, &raw))
			raw = b->texts[0].start;
		return sdb_error_at(h->err, in, raw,
			"invalid status code '%.*s': want three digits, 100 to 599",
			(int)tok, s + lead);
	}
	h->code = code;
	h->entry = ++h->out->entries;
	h->item = item_of(a);
	if (!is_blank(s + name)) {
		if (match(in, b->texts[0].start, s, name, &raw)) {
			size_t from = h->out->n;

			sdb_emit_name(h->out, in, h->entry, code, raw,
				      b->texts[0].end);
			html_values(h, from);
		}
	} else if (b->n > 1) {
		emit_name(h, b, h->entry, code, 1);
	}
	title = attr_value(h, a, &b->tag, "title", &ts, &te);
	if (title)
		sdb_emit_description(h->out, in, h->entry, code, title, ts, te);
	free(title);
	return 1;
}

/* A link outside status tables: a code link, or one citing a spec. */
static int do_link(struct html *h, xmlNodePtr a)
{
	struct box b;
	int rc = 0;

	box_open(h, a, &b);
	if (b.found) {
		rc = code_link(h, a, &b);
		if (!rc && h->entry && h->item && is_inside(a, h->item))
			emit_link(h, &b, a, &b.tag, h->entry, h->code, 1);
		else if (!rc)
			h->entry = 0;
	}
	box_release(&b);
	return rc < 0 ? -1 : 0;
}

static int is_heading(xmlNodePtr n)
{
	const char *name = (const char *)n->name;

	return n->type == XML_ELEMENT_NODE && name[0] == 'h' &&
	       name[1] >= '2' && name[1] <= '6' && !name[2];
}

/* Tables, headings and links, in document order. */
static int walk(struct html *h)
{
	xmlNodePtr n = xmlDocGetRootElement(h->doc);
	int rc = 0, read;

	while (n && !rc) {
		read = 0;
		if (n->type != XML_ELEMENT_NODE) {
			;
		} else if (is_heading(n)) {
			set_heading(h, n);
		} else if (is_name(n, "table")) {
			rc = do_table(h, n);
			read = rc > 0;
			rc = rc < 0 ? -1 : 0;
		} else if (is_name(n, "a")) {
			rc = do_link(h, n);
		} else if (is_name(n, "br")) {
			h->entry = 0;
		}
		n = read ? next_after(n, NULL) : next_node(n);
	}
	return rc;
}

/* libxml2's error e as "file:line:column: malformed html: ..." */
static int parse_error(const struct sdb_input *in, const xmlError *e,
		       struct sdb_error *err)
{
	char msg[512];
	size_t n, off;
	int col;

	snprintf(msg, sizeof(msg), "%s",
		 e && e->message ? e->message : "no document");
	n = strlen(msg);
	while (n && is_ws((unsigned char)msg[n - 1]))
		msg[--n] = '\0';
	if (!e || e->line <= 0)
		return sdb_error_at(err, in, 0, "malformed html: %s", msg);
	/* libxml2 counts columns in characters, statusdb in bytes */
	off = sdb_input_offset(in, e->line, 1);
	for (col = e->int2; col > 1 && off < in->len && in->text[off] != '\n';
	     col--)
		do
			off++;
		while (off < in->len &&
		       ((unsigned char)in->text[off] & 0xC0) == 0x80);
	return sdb_error_at(err, in, off, "malformed html: %s", msg);
}

int sdb_import_html(const struct sdb_input *in, struct sdb_claims *out,
		    struct sdb_error *err)
{
	struct html h;
	htmlParserCtxtPtr ctxt;
	xmlErrorPtr e;
	int rc = 0;

	memset(&h, 0, sizeof(h));
	h.in = in;
	h.out = out;
	h.err = err;
	if (in->len > 0x7FFFFFFF)
		return sdb_error_at(err, in, 0, "file too large for libxml2");
	ctxt = htmlNewParserCtxt();
	if (!ctxt)
		sdb_die("out of memory");
	/* the text is UTF-8 (checked), whatever the page declares */
	h.doc = htmlCtxtReadMemory(ctxt, in->text, (int)in->len, in->path,
				   "UTF-8", HTML_PARSE_NONET |
				   HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				   HTML_PARSE_IGNORE_ENC);
	e = xmlCtxtGetLastError(ctxt);
	if (!h.doc || (e && e->level == XML_ERR_FATAL)) {
		/* libxml2 gave up: too deep, or out of memory */
		rc = parse_error(in, e, err);
		goto out;
	}
	rc = walk(&h);
	if (!rc && !out->entries)
		rc = sdb_error_at(err, in, 0, h.tables
			? "no status codes found in the status tables"
			: "no status codes found (want a table with a Code column, or links such as <a>404: Not Found</a>)");
out:
	free(h.heading);
	xmlFreeDoc(h.doc);
	htmlFreeParserCtxt(ctxt);
	return rc;
}

/* Past whitespace, comments and <?...?> at i. */
static size_t skip_prolog(const struct sdb_input *in, size_t i)
{
	const char *t = in->text;

	for (;;) {
		while (i < in->len && is_ws((unsigned char)t[i]))
			i++;
		if (in->len - i >= 4 && !memcmp(t + i, "<!--", 4))
			i = skip_past(t, in->len, i + 4, "-->");
		else if (in->len - i >= 2 && !memcmp(t + i, "<?", 2))
			i = skip_past(t, in->len, i + 2, "?>");
		else
			return i;
	}
}

int sdb_sniff_html(const struct sdb_input *in)
{
	size_t i = skip_prolog(in, 0), n = in->len - i, k;

	if ((n >= 14 && sdb_strnieq(in->text + i, "<!doctype html", 14)) ||
	    (n >= 5 && sdb_strnieq(in->text + i, "<html", 5)))
		return 85;
	if (n < 1 || in->text[i] != '<')
		return 0;
	/* a fragment: a table or links */
	n = in->len < 8192 ? in->len : 8192;
	for (k = 0; k + 7 <= n; k++)
		if (sdb_strnieq(in->text + k, "<table", 6) ||
		    sdb_strnieq(in->text + k, "<a href", 7))
			return 50;
	return 0;
}

/*
 * html_locate.c - finding the raw text of an HTML page's elements and
 * text nodes while libxml2 parses it (see html_locate.h).
 */
#include "html_locate.h"
#include "../common/util.h"

#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <stdint.h>

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

/* The html an event belongs to. */
static struct html *html_of(void *ctx)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct sdb_libxml *q = ctxt->_private;

	return q->user;
}

/* How far into the file the parser has read. */
static size_t read_to(const struct html *h)
{
	xmlParserInputPtr in = h->ctxt->input;
	size_t off;

	if (!in || !in->base || !in->cur)
		return h->pos;
	/*
	 * The text is valid UTF-8 read as UTF-8: what the parser holds is
	 * the file, byte for byte (xmlByteConsumed() is wrong past 32000
	 * bytes read ahead in libxml2 2.9).
	 */
	off = (size_t)in->consumed + (size_t)(in->cur - in->base);
	return off < h->in->len ? off : h->in->len;
}

/* The record of node n, a new one when it has none. */
static struct html_node *node_rec(struct html *h, xmlNodePtr n)
{
	struct html_node *r;

	if (n->_private)
		return &h->nodes[(uintptr_t)n->_private - 1];
	sdb_grow_array((void **)&h->nodes, &h->nodes_alloc, h->nnodes + 1,
		       sizeof(*h->nodes));
	r = &h->nodes[h->nnodes++];
	memset(r, 0, sizeof(*r));
	n->_private = (void *)(uintptr_t)h->nnodes;
	return r;
}

/*
 * A start tag whose '>' (or "/>", or the end of the text) the parser
 * has reached at e: the start tag named name that ends there, between
 * the last event and e.  Returns 0 with g set, or -1 (an implied
 * element, or markup read otherwise than libxml2 reads it).
 */
static int find_start(const struct html *h, const char *name, size_t e,
		      struct tag *g)
{
	const char *t = h->in->text;
	size_t len = h->in->len, end = e, i = h->pos, n = strlen(name);
	const char *lt;

	if (e < len && t[e] == '>')
		end = e + 1;
	else if (e + 1 < len && t[e] == '/' && t[e + 1] == '>')
		end = e + 2;
	while (i < end && (lt = memchr(t + i, '<', end - i)) != NULL) {
		i = (size_t)(lt - t);
		scan_tag(t, end, i, g);
		if (g->kind == TAG_START && g->end == end &&
		    g->name_end - g->name == n && sdb_strnieq(t + g->name, name, n))
			return 0;
		/* past markup the parser passed over silently (a stray end
		 * tag, a second <body>), so that the gap is read once */
		i = g->end > i ? g->end : i + 1;
	}
	return -1;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct html *h = html_of(ctx);
	size_t e = read_to(h);
	struct html_node *r;
	struct tag g;

	xmlSAX2StartElement(ctx, name, atts);
	if (!h->ctxt->node || h->ctxt->node->type != XML_ELEMENT_NODE)
		return;
	r = node_rec(h, h->ctxt->node);
	if (find_start(h, (const char *)name, e, &g))
		return;		/* implied: the pos stays for the real tag */
	r->start = g.start;
	r->end = g.end;
	r->found = 1;
	h->pos = g.end;
}

static void on_characters(void *ctx, const xmlChar *s, int n)
{
	struct html *h = html_of(ctx);
	size_t e = read_to(h);
	xmlNodePtr parent = h->ctxt->node, t;
	struct html_node *r;
	struct html_chunk *c;

	xmlSAX2Characters(ctx, s, n);
	t = parent ? parent->last : NULL;
	if (t && t->type == XML_TEXT_NODE && n > 0) {
		int fresh = !t->_private;

		r = node_rec(h, t);
		if (fresh) {
			r->chunk = h->nchunks;
			r->found = 1;
		} else if (r->chunk + r->nchunks != h->nchunks) {
			r->found = 0;	/* not consecutive: placed whole */
		}
		sdb_grow_array((void **)&h->chunks, &h->chunks_alloc,
			       h->nchunks + 1, sizeof(*h->chunks));
		c = &h->chunks[h->nchunks++];
		c->len = (size_t)n;
		c->start = h->pos < e ? h->pos : e;
		c->end = e;
		r->nchunks++;
		if (fresh)
			r->start = c->start;
		r->end = e;
	}
	if (e > h->pos)
		h->pos = e;
}

/* Events whose raw text is of no value: the parser read past it. */
static void moved(struct html *h)
{
	size_t e = read_to(h);

	if (e > h->pos)
		h->pos = e;
}

static void on_comment(void *ctx, const xmlChar *value)
{
	xmlSAX2Comment(ctx, value);
	moved(html_of(ctx));
}

static void on_pi(void *ctx, const xmlChar *target, const xmlChar *data)
{
	xmlSAX2ProcessingInstruction(ctx, target, data);
	moved(html_of(ctx));
}

static void on_cdata(void *ctx, const xmlChar *s, int n)
{
	xmlSAX2CDataBlock(ctx, s, n);
	moved(html_of(ctx));
}

static void on_blanks(void *ctx, const xmlChar *s, int n)
{
	xmlSAX2IgnorableWhitespace(ctx, s, n);
	moved(html_of(ctx));
}

static void on_subset(void *ctx, const xmlChar *name, const xmlChar *id,
		      const xmlChar *sys)
{
	xmlSAX2InternalSubset(ctx, name, id, sys);
	moved(html_of(ctx));
}

int sdb_html_parse(struct html *h, struct sdb_libxml *q)
{
	const struct sdb_input *in = h->in;
	xmlSAXHandler sax;
	xmlErrorPtr e;

	if (in->len > 0x7FFFFFFF)
		return sdb_error_at(h->err, in, 0, "file too large for libxml2");
	h->ctxt = htmlNewParserCtxt();
	if (!h->ctxt || !h->ctxt->sax)
		sdb_die("out of memory (libxml2, reading %s)", in->path);
	memset(&sax, 0, sizeof(sax));
	xmlSAX2InitHtmlDefaultSAXHandler(&sax);
	sax.startElement = on_start;
	sax.characters = on_characters;
	sax.ignorableWhitespace = on_blanks;
	sax.comment = on_comment;
	sax.processingInstruction = on_pi;
	sax.cdataBlock = on_cdata;
	sax.internalSubset = on_subset;
	memcpy(h->ctxt->sax, &sax, sizeof(sax));
	sdb_libxml_quiet(q, h->ctxt);
	q->user = h;
	/* the text is UTF-8 (checked), whatever the page declares */
	h->doc = htmlCtxtReadMemory(h->ctxt, in->text, (int)in->len, in->path,
				    "UTF-8", HTML_PARSE_NONET |
				    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				    HTML_PARSE_IGNORE_ENC);
	sdb_libxml_restore(q);
	e = xmlCtxtGetLastError(h->ctxt);
	if (!h->doc || q->oom || (e && e->level == XML_ERR_FATAL))
		return sdb_libxml_error(q, in, h->ctxt, "malformed html",
					h->err);
	return 0;
}

void sdb_html_release(struct html *h)
{
	xmlFreeDoc(h->doc);
	if (h->ctxt)
		htmlFreeParserCtxt(h->ctxt);
	free(h->nodes);
	free(h->chunks);
	free(h->heading);
	h->doc = NULL;
	h->ctxt = NULL;
	h->nodes = NULL;
	h->chunks = NULL;
	h->heading = NULL;
}

/* The record of node n, NULL when the parser told nothing of it. */
static const struct html_node *rec_of(const struct html *h, xmlNodePtr n)
{
	uintptr_t i = (uintptr_t)n->_private;

	return i && i <= h->nnodes ? &h->nodes[i - 1] : NULL;
}

int sdb_html_tag(const struct html *h, xmlNodePtr node, struct tag *g)
{
	const struct html_node *r = rec_of(h, node);

	if (!r || !r->found)
		return -1;
	scan_tag(h->in->text, r->end, r->start, g);
	return 0;
}

/* The last '&' in t[start, end) (a character reference is short: only
 * its last 12 bytes are looked at), or end. */
static size_t last_amp(const char *t, size_t start, size_t end)
{
	size_t i = end;

	while (i > start && end - i < 12)
		if (t[--i] == '&')
			return i;
	return end;
}

int sdb_html_text(const struct html *h, xmlNodePtr n, struct sdb_mtext *m)
{
	const struct html_node *r = rec_of(h, n);
	const char *s = (const char *)n->content, *t = h->in->text;
	size_t len = s ? strlen(s) : 0, i, off = 0, total = 0;

	if (!r)
		return len ? -1 : 0;
	for (i = 0; r->found && i < r->nchunks; i++)
		total += h->chunks[r->chunk + i].len;
	if (!r->found || total != len) {
		/* pieces lost: the whole text at the whole stretch */
		sdb_mtext_add(m, s, len, r->start, r->end);
		return 0;
	}
	for (i = 0; i < r->nchunks; i++) {
		const struct html_chunk *c = &h->chunks[r->chunk + i];
		size_t el, un, amp;
		char u[4];

		if (c->end - c->start >= c->len &&
		    !memcmp(t + c->end - c->len, s + off, c->len)) {
			/* as it stands: after any markup the parser dropped */
			sdb_mtext_add_raw(m, h->in, c->end - c->len, c->end);
		} else if ((amp = last_amp(t, c->start, c->end)) != c->end &&
			   (el = entity(t, c->end, amp, u, &un)) &&
			   amp + el == c->end && un == c->len &&
			   !memcmp(u, s + off, un)) {
			/* a character reference */
			sdb_mtext_add(m, s + off, c->len, amp, c->end);
		} else {
			sdb_mtext_add(m, s + off, c->len, c->start, c->end);
		}
		off += c->len;
	}
	return 0;
}

/* Elements that end the first run of a name's text. */
static int breaks_name(xmlNodePtr n)
{
	static const char *const breaks[] = {
		"br", "sup", "sub", "hr", "p", "div", "ul", "ol", "li", "dl",
		"dt", "dd", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
		"h6", "table", "img", NULL
	};
	size_t i;

	for (i = 0; breaks[i]; i++)
		if (is_name(n, breaks[i]))
			return 1;
	return 0;
}

/* 1 when s, trimmed, is "(...)". */
static int is_note(const char *s)
{
	size_t n;

	while (is_ws((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && is_ws((unsigned char)s[n - 1]))
		n--;
	return n >= 2 && s[0] == '(' && s[n - 1] == ')';
}

int sdb_html_texts(const struct html *h, xmlNodePtr top,
		   enum sdb_html_texts mode, struct sdb_mtext *m)
{
	xmlNodePtr n = top->children;
	int started = 0, broken = 0;

	while (n) {
		if (n->type == XML_ELEMENT_NODE &&
		    (is_name(n, "script") || is_name(n, "style") ||
		     is_name(n, "table"))) {
			broken |= started;
			n = sdb_html_next_after(n, top);
			continue;
		}
		if (n->type == XML_ELEMENT_NODE && started && breaks_name(n))
			broken = 1;
		if (n->type == XML_TEXT_NODE && n->content) {
			const char *s = (const char *)n->content;

			if (mode == SDB_HTML_ALL || !broken || is_note(s)) {
				size_t at = m->s.len;

				if (broken && mode == SDB_HTML_NAME)
					sdb_mtext_add(m, " ", 1, 0, 0);
				if (sdb_html_text(h, n, m))
					return sdb_error_at(h->err, h->in,
						sdb_html_offset(h, top),
						"cannot place the text '%.40s' "
						"that libxml2 reads here", s);
				if (broken && mode == SDB_HTML_NAME &&
				    m->s.len > at + 1) {
					/* the space at the note's place */
					m->from[at] = m->to[at] = m->from[at + 1];
				}
			}
			started |= !sdb_html_is_blank(s);
		}
		n = sdb_html_next_within(n, top);
	}
	return 0;
}

int sdb_html_is_blank(const char *s)
{
	for (; *s; s++)
		if (!is_ws((unsigned char)*s))
			return 0;
	return 1;
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

char *sdb_html_node_text(xmlNodePtr n)
{
	struct sdb_buf raw = SDB_BUF_INIT, b = SDB_BUF_INIT;

	sdb_libxml_text(n, &raw);
	sdb_fold_ws(&b, raw.s, raw.len);
	sdb_buf_release(&raw);
	return sdb_buf_detach(&b);
}

/* The start of libxml2's line `line` (it counts '\n' alone). */
static size_t libxml2_line(const struct sdb_input *in, long line)
{
	struct sdb_libxml_lines l;
	size_t off;

	sdb_libxml_lines_init(&l, in);
	off = sdb_libxml_line_start(&l, line);
	sdb_libxml_lines_release(&l);
	return off;
}

size_t sdb_html_offset(const struct html *h, xmlNodePtr n)
{
	const struct html_node *r;
	long line;

	for (; n; n = n->parent) {
		if ((r = rec_of(h, n)) && (r->found || n->type == XML_TEXT_NODE))
			return r->start;
		line = xmlGetLineNo(n);
		if (line > 0 && line < 65535)
			return libxml2_line(h->in, line);
	}
	return 0;
}

int sdb_html_attr(const struct html *h, xmlNodePtr node, const struct tag *g,
		  const char *name, char **value, size_t *vs, size_t *ve)
{
	const char *t = h->in->text;
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	struct sdb_buf want = SDB_BUF_INIT, raw = SDB_BUF_INIT, got = SDB_BUF_INIT;
	size_t i, el, un;
	char u[4];
	int rc = 0;

	*value = NULL;
	if (!v)
		return 0;
	sdb_fold_ws(&want, (const char *)v, strlen((const char *)v));
	xmlFree(v);
	if (!want.len) {
		sdb_buf_release(&want);
		return 0;
	}
	if (attribute(h->in, g, name, vs, ve)) {
		rc = -1;
	} else {
		/* the raw text must read as libxml2's value */
		for (i = *vs; i < *ve;) {
			if (t[i] == '&' && (el = entity(t, *ve, i, u, &un))) {
				sdb_buf_add(&raw, u, un);
				i += el;
			} else {
				sdb_buf_addch(&raw, t[i++]);
			}
		}
		sdb_fold_ws(&got, raw.s, raw.len);
		rc = strcmp(got.s, want.s) ? -1 : 0;
	}
	if (rc)
		sdb_error_at(h->err, h->in, g->start,
			"attribute %s of <%s> is not where libxml2 reads it: "
			"statusdb will not guess it", name,
			(const char *)node->name);
	else
		sdb_trim_span(h->in, vs, ve);
	if (!rc)
		*value = sdb_buf_detach(&want);
	sdb_buf_release(&want);
	sdb_buf_release(&raw);
	sdb_buf_release(&got);
	return rc;
}

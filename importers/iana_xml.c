/*
 * iana_xml.c - the IANA registry in its own XML (http-status-codes.xml):
 *
 *   <registry xmlns="http://www.iana.org/assignments" id="http-status-codes">
 *     <updated>2025-09-15</updated>                    the version
 *     <registry id="http-status-codes-1">
 *       <record>
 *         <value>413</value>                           a code, or "105-199"
 *         <description>Content Too Large</description> the name
 *         <xref type="rfc" data="rfc9110">RFC9110, Section 15.5.14</xref>
 *       </record>
 *
 * libxml2 parses and checks the document: no network, no DTD loading, no
 * entity substitution, its default limits on size and depth.  It knows
 * only the line of an element, so each value's raw text is found in the
 * file: start tags are counted off in document order from the last one
 * located (locate()), and a value is the raw text between its start tag
 * and the next tag, entities decoded, so that value and raw always agree.
 * Ranges ("105-199", or one code described "Unassigned") are code ranges,
 * not codes.  The registry's class note is not split into classes.
 */
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlversion.h>
#include <string.h>

#define IANA_NS "http://www.iana.org/assignments"

enum tag_kind { TAG_START, TAG_END, TAG_OTHER };

/* A piece of markup in the raw text. */
struct tag {
	enum tag_kind kind;
	size_t start, end;	/* the '<' .. just past the '>' */
	size_t name, name_end;	/* start and end tags: the qualified name */
	int empty;		/* "<x/>" */
};

/* A value in the raw text: text[start, end), decoded and folded. */
struct field {
	size_t start, end;
	char *value;		/* owned; NULL when absent */
};

struct xref {
	struct field type, data, text;
};

struct xml {
	const struct sdb_input *in;
	struct sdb_claims *out;
	struct sdb_error *err;
	xmlDocPtr doc;
	xmlNodePtr last;	/* last element located, NULL: none yet */
	size_t last_end;	/* just past its start tag */
};

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int starts(const char *t, size_t len, size_t i, const char *s)
{
	size_t n = strlen(s);

	return len - i >= n && !memcmp(t + i, s, n);
}

/* Just past the first s at or after i, or len. */
static size_t skip_past(const char *t, size_t len, size_t i, const char *s)
{
	for (; i < len; i++)
		if (starts(t, len, i, s))
			return i + strlen(s);
	return len;
}

/* Just past a "<!DOCTYPE ...>" whose "<!" ends before i. */
static size_t skip_decl(const char *t, size_t len, size_t i)
{
	char q = 0;
	int subset = 0;

	for (; i < len; i++) {
		if (q) {
			if (t[i] == q)
				q = 0;
		} else if (subset && starts(t, len, i, "<!--")) {
			i = skip_past(t, len, i + 4, "-->") - 1;
		} else if (subset && starts(t, len, i, "<?")) {
			i = skip_past(t, len, i + 2, "?>") - 1;
		} else if (t[i] == '"' || t[i] == '\'') {
			q = t[i];
		} else if (t[i] == '[') {
			subset = 1;
		} else if (t[i] == ']') {
			subset = 0;
		} else if (t[i] == '>' && !subset) {
			return i + 1;
		}
	}
	return len;
}

/* The markup at t[i] == '<' of a well-formed document. */
static void scan_tag(const char *t, size_t len, size_t i, struct tag *g)
{
	size_t j;
	char q = 0;

	memset(g, 0, sizeof(*g));
	g->start = i;
	g->kind = TAG_OTHER;
	if (starts(t, len, i, "<!--")) {
		g->end = skip_past(t, len, i + 4, "-->");
	} else if (starts(t, len, i, "<![CDATA[")) {
		g->end = skip_past(t, len, i + 9, "]]>");
	} else if (starts(t, len, i, "<?")) {
		g->end = skip_past(t, len, i + 2, "?>");
	} else if (starts(t, len, i, "<!")) {
		g->end = skip_decl(t, len, i + 2);
	} else {
		g->kind = i + 1 < len && t[i + 1] == '/' ? TAG_END : TAG_START;
		j = i + 1 + (g->kind == TAG_END);
		g->name = j;
		while (j < len && !is_ws(t[j]) && t[j] != '>' && t[j] != '/')
			j++;
		g->name_end = j;
		/* attribute values are quoted and may hold '>' */
		for (; j < len; j++) {
			if (q) {
				if (t[j] == q)
					q = 0;
			} else if (t[j] == '"' || t[j] == '\'') {
				q = t[j];
			} else if (t[j] == '>') {
				break;
			}
		}
		g->empty = g->kind == TAG_START && t[j - 1] == '/';
		g->end = j < len ? j + 1 : len;
	}
}

/* The next start tag named qname at or after i.  Returns 0 or -1. */
static int next_start(const struct sdb_input *in, size_t i,
		      const char *qname, struct tag *g)
{
	size_t n = strlen(qname);
	const char *lt;

	while (i < in->len && (lt = memchr(in->text + i, '<', in->len - i))) {
		scan_tag(in->text, in->len, (size_t)(lt - in->text), g);
		if (g->kind == TAG_START && g->name_end - g->name == n &&
		    !memcmp(in->text + g->name, qname, n))
			return 0;
		i = g->end;
	}
	return -1;
}

/* The node after n in document order; entities' content is not walked. */
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

static void qname(struct sdb_buf *b, xmlNodePtr n)
{
	sdb_buf_reset(b);
	if (n->ns && n->ns->prefix) {
		sdb_buf_adds(b, (const char *)n->ns->prefix);
		sdb_buf_addch(b, ':');
	}
	sdb_buf_adds(b, (const char *)n->name);
}

static int same_name(xmlNodePtr a, xmlNodePtr b)
{
	const xmlChar *pa = a->ns ? a->ns->prefix : NULL;
	const xmlChar *pb = b->ns ? b->ns->prefix : NULL;

	return xmlStrEqual(a->name, b->name) && xmlStrEqual(pa, pb);
}

/* 1 when the tag g spans libxml2's line for node (unknown lines pass). */
static int on_line(const struct sdb_input *in, const struct tag *g,
		   xmlNodePtr node)
{
	long line = xmlGetLineNo(node);

	return line <= 0 ||
	       (sdb_input_pos(in, g->start).line <= line &&
		line <= sdb_input_pos(in, g->end - 1).line);
}

/*
 * Finds node's start tag: as many tags of its name as there are elements
 * of its name between the last element located and node are skipped.
 * libxml2's line for node confirms it.  Returns 0, or -1 (not found).
 */
static int locate(struct xml *x, xmlNodePtr node, struct tag *g)
{
	struct sdb_buf name = SDB_BUF_INIT;
	xmlNodePtr n = x->last ? next_node(x->last) : x->doc->children;
	size_t skip = 0, at = x->last_end;
	int rc = -1;

	for (; n && n != node; n = next_node(n))
		if (n->type == XML_ELEMENT_NODE && same_name(n, node))
			skip++;
	if (!n)
		goto out;
	qname(&name, node);
	while (!next_start(x->in, at, name.s, g)) {
		if (!skip--) {
			rc = on_line(x->in, g, node) ? 0 : -1;
			break;
		}
		at = g->end;
	}
	if (rc && xmlGetLineNo(node) > 0) {
		/* out of step: the first tag of its name on its line */
		at = x->last_end;
		while (!next_start(x->in, at, name.s, g) &&
		       sdb_input_pos(x->in, g->start).line <= xmlGetLineNo(node)) {
			if (on_line(x->in, g, node)) {
				rc = 0;
				break;
			}
			at = g->end;
		}
	}
	if (!rc) {
		x->last = node;
		x->last_end = g->end;
	}
out:
	sdb_buf_release(&name);
	return rc;
}

/* Decodes and folds text[start, end) into f. */
static void set_value(const struct sdb_input *in, struct field *f,
		      struct sdb_buf *raw)
{
	struct sdb_buf b = SDB_BUF_INIT;

	sdb_fold_ws(&b, raw->s, raw->len);
	free(f->value);
	f->value = sdb_buf_detach(&b);
	sdb_trim_span(in, &f->start, &f->end);
}

static int blank(const char *t, size_t n)
{
	while (n && is_ws(t[n - 1]))
		n--;
	return !n;
}

/*
 * The text content of the element whose start tag is g: up to its first
 * child element or its end tag.  CDATA sections count as text, comments
 * and processing instructions do not.  Content that is one CDATA section
 * has the section's inside as its raw text.
 */
static void content(const struct sdb_input *in, const struct tag *g,
		    struct field *f)
{
	struct sdb_buf raw = SDB_BUF_INIT;
	size_t i = g->end, a, cdata = 0, cdata_end = 0;
	int texts = 0, cdatas = 0;
	struct tag c;

	f->start = f->end = g->end;
	while (!g->empty && i < in->len) {
		const char *lt = memchr(in->text + i, '<', in->len - i);

		a = i;
		i = lt ? (size_t)(lt - in->text) : in->len;
		sdb_decode_entities(&raw, in->text + a, i - a);
		texts += !blank(in->text + a, i - a);
		if (i == in->len)
			break;
		scan_tag(in->text, in->len, i, &c);
		if (c.kind != TAG_OTHER)
			break;
		if (starts(in->text, in->len, i, "<![CDATA[")) {
			cdata = i + 9;
			cdata_end = c.end - 3;
			sdb_buf_add(&raw, in->text + cdata, cdata_end - cdata);
			cdatas++;
		}
		i = c.end;
	}
	f->end = i;
	if (cdatas == 1 && !texts) {
		f->start = cdata;
		f->end = cdata_end;
	}
	set_value(in, f, &raw);
	sdb_buf_release(&raw);
}

/* The attribute called name in start tag g.  Returns 0, or -1 if none. */
static int attribute(const struct sdb_input *in, const struct tag *g,
		     const char *name, struct field *f)
{
	const char *t = in->text;
	size_t j = g->name_end, ns, ne, end = g->end;
	struct sdb_buf raw = SDB_BUF_INIT;
	char q;

	for (;;) {
		while (j < end && is_ws(t[j]))
			j++;
		if (j >= end || t[j] == '>' || t[j] == '/')
			return -1;
		for (ns = j; j < end && !is_ws(t[j]) && t[j] != '='; j++)
			;
		ne = j;
		while (j < end && is_ws(t[j]))
			j++;
		if (j >= end || t[j] != '=')
			return -1;
		j++;
		while (j < end && is_ws(t[j]))
			j++;
		if (j >= end || (t[j] != '"' && t[j] != '\''))
			return -1;
		q = t[j++];
		f->start = j;
		while (j < end && t[j] != q)
			j++;
		f->end = j++;
		if (ne - ns == strlen(name) && !memcmp(t + ns, name, ne - ns))
			break;
	}
	sdb_decode_entities(&raw, t + f->start, f->end - f->start);
	set_value(in, f, &raw);
	sdb_buf_release(&raw);
	return 0;
}

static int is_iana(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       xmlStrEqual(n->name, (const xmlChar *)name) &&
	       (!n->ns || xmlStrEqual(n->ns->href, (const xmlChar *)IANA_NS));
}

/* Where a claim about a whole element goes when its text is not found. */
static size_t node_offset(const struct xml *x, xmlNodePtr n)
{
	long line = xmlGetLineNo(n);

	return line > 0 ? sdb_input_offset(x->in, (int)line, 1) : 0;
}

/* One reference claim, and a target for a URI, per <xref>. */
static void emit_xref(struct xml *x, int entry, int code,
		      const struct xref *r)
{
	const struct sdb_input *in = x->in;
	const char *type = r->type.value ? r->type.value : "";
	const struct field *use = r->data.value && *r->data.value ?
				  &r->data : &r->text;
	struct sdb_claim *c;
	char *doc = NULL, *sec = NULL;
	size_t i, s, e;

	if (!use->value || !*use->value)
		return;
	if (!strcmp(type, "uri") && use == &r->data) {
		/* the label, as the registry's text and CSV show it; else the URL */
		sdb_claims_begin_link(x->out);
		if (r->text.value && *r->text.value)
			sdb_emit_reference(x->out, in, entry, code, r->text.value,
					   r->text.start, r->text.end);
		else
			sdb_claims_add(x->out, entry, code, SDB_FIELD_REFERENCE,
				       r->data.value, r->data.start,
				       r->data.end);
		sdb_emit_target(x->out, in, entry, code, r->data.value,
				r->data.start, r->data.end);
		sdb_claims_end_link(x->out);
		return;
	}
	s = use->start;
	e = use->end;
	if ((!strcmp(type, "rfc") || !strcmp(type, "draft")) && use == &r->data)
		sdb_parse_document(r->data.value, strlen(r->data.value), &doc);
	if (doc && r->text.value && !strcmp(type, "rfc")) {
		/* "RFC9110, Section 15.5.14": the section, if it cites doc */
		struct sdb_claims tmp;

		sdb_claims_init(&tmp);
		sdb_emit_reference(&tmp, in, 0, 0, NULL, r->text.start,
				   r->text.end);
		for (i = 0; i < tmp.n; i++)
			if (!strcmp(tmp.v[i].value, doc)) {
				s = tmp.v[i].start;
				e = tmp.v[i].end;
				if (tmp.v[i].section)
					sec = sdb_xstrdup(tmp.v[i].section);
				break;
			}
		sdb_claims_release(&tmp);
	} else if (doc && r->text.value) {
		size_t n = strlen(doc), k = strlen(r->text.value);

		for (i = 0; i + n <= k; i++)
			if (sdb_strnieq(r->text.value + i, doc, n))
				break;
		if (i + n <= k) {
			s = r->text.start;
			e = r->text.end;
		}
	}
	c = sdb_claims_add(x->out, entry, code, SDB_FIELD_REFERENCE,
			   doc ? doc : use->value, s, e);
	c->section = sec;
	free(doc);
}

/* "413" or "105-199".  Returns 0, or -1 with the error set. */
static int parse_value(struct xml *x, const struct field *v, int *first,
		       int *last)
{
	const char *s = v->value, *dash = strchr(s, '-');
	size_t n = strlen(s), a = dash ? (size_t)(dash - s) : n, b = a + 1;

	*first = *last = -1;
	if (!dash) {
		*first = *last = sdb_parse_code(s, n);
	} else {
		while (a > 0 && s[a - 1] == ' ')
			a--;
		while (b < n && s[b] == ' ')
			b++;
		*first = sdb_parse_code(s, a);
		*last = sdb_parse_code(s + b, n - b);
	}
	if (*first < 0 || *last < *first)
		return sdb_error_at(x->err, x->in, v->start, *s
			? "invalid status code '%.40s': want three digits, 100 to 599"
			  " or a range such as 105-199"
			: "record has an empty <value>%.40s", s);
	return 0;
}

static void release_record(struct field *value, struct field *desc,
			   struct xref *xrefs, size_t n)
{
	size_t i;

	free(value->value);
	free(desc->value);
	for (i = 0; i < n; i++) {
		free(xrefs[i].type.value);
		free(xrefs[i].data.value);
		free(xrefs[i].text.value);
	}
	free(xrefs);
}

static int do_record(struct xml *x, xmlNodePtr rec)
{
	struct field value = { 0, 0, NULL }, desc = { 0, 0, NULL };
	struct xref *xrefs = NULL;
	size_t n = 0, alloc = 0, i;
	xmlNodePtr c;
	struct tag g;
	int first, last, entry, rc = 0;

	/* locate in document order: value, description and xrefs */
	for (c = rec->children; c; c = c->next) {
		if (is_iana(c, "value") && !value.value) {
			if (!locate(x, c, &g))
				content(x->in, &g, &value);
		} else if (is_iana(c, "description") && !desc.value) {
			if (!locate(x, c, &g))
				content(x->in, &g, &desc);
		} else if (is_iana(c, "xref")) {
			if (locate(x, c, &g))
				continue;
			sdb_grow_array((void **)&xrefs, &alloc, n + 1,
				       sizeof(*xrefs));
			memset(&xrefs[n], 0, sizeof(*xrefs));
			attribute(x->in, &g, "type", &xrefs[n].type);
			attribute(x->in, &g, "data", &xrefs[n].data);
			content(x->in, &g, &xrefs[n].text);
			n++;
		}
	}
	if (!value.value) {
		rc = sdb_error_at(x->err, x->in, node_offset(x, rec),
				  "record has no <value>");
		goto out;
	}
	if (parse_value(x, &value, &first, &last)) {
		rc = -1;
		goto out;
	}
	entry = ++x->out->entries;
	if (first != last ||
	    (desc.value && sdb_strieq(desc.value, "unassigned"))) {
		if (desc.value && *desc.value)
			sdb_claims_add_range(x->out, first, last, desc.value,
					     desc.start, desc.end);
		else
			sdb_claims_add_range(x->out, first, last, "Unassigned",
					     value.start, value.end);
		goto out;
	}
	if (desc.value)
		sdb_emit_name(x->out, x->in, entry, first, desc.start,
			      desc.end);
	for (i = 0; i < n; i++)
		emit_xref(x, entry, first, &xrefs[i]);
out:
	release_record(&value, &desc, xrefs, n);
	return rc;
}

/* libxml2's last error as "file:line:column: malformed xml: ..." */
static int parse_error(const struct sdb_input *in, xmlParserCtxtPtr ctxt,
		       struct sdb_error *err)
{
	xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
	char msg[512];
	size_t n, off;
	int col;

	if (!e || !e->message)
		return sdb_error_at(err, in, 0, "malformed xml");
	snprintf(msg, sizeof(msg), "%s", e->message);
	n = strlen(msg);
	while (n && is_ws(msg[n - 1]))
		msg[--n] = '\0';
	if (e->line <= 0)
		return sdb_error_at(err, in, 0, "malformed xml: %s", msg);
	/* libxml2 counts columns in characters, statusdb in bytes */
	off = sdb_input_offset(in, e->line, 1);
	for (col = e->int2; col > 1 && off < in->len && in->text[off] != '\n';
	     col--)
		do
			off++;
		while (off < in->len &&
		       ((unsigned char)in->text[off] & 0xC0) == 0x80);
	return sdb_error_at(err, in, off, "malformed xml: %s", msg);
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

/* The registries whose records count: "http-status-codes-1", else all. */
static int wanted(xmlNodePtr reg, int only_http)
{
	xmlChar *id;
	int yes;

	if (!only_http)
		return 1;
	id = xmlGetProp(reg, (const xmlChar *)"id");
	yes = id && xmlStrEqual(id, (const xmlChar *)"http-status-codes-1");
	xmlFree(id);
	return yes;
}

int sdb_import_iana_xml(const struct sdb_input *in, struct sdb_claims *out,
			struct sdb_error *err)
{
	struct xml x;
	xmlParserCtxtPtr ctxt;
	xmlNodePtr root, n, c;
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		   XML_PARSE_BIG_LINES, only_http = 0, records = 0, rc = 0;

#if LIBXML_VERSION >= 21300
	opts |= XML_PARSE_NO_XXE;
#endif
	memset(&x, 0, sizeof(x));
	x.in = in;
	x.out = out;
	x.err = err;
	if (in->len > 0x7FFFFFFF)
		return sdb_error_at(err, in, 0, "file too large for libxml2");
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		sdb_die("out of memory");
	x.doc = xmlCtxtReadMemory(ctxt, in->text, (int)in->len, in->path,
				  NULL, opts);
	if (!x.doc || !ctxt->wellFormed) {
		rc = parse_error(in, ctxt, err);
		goto out;
	}
	root = xmlDocGetRootElement(x.doc);
	if (!root || !is_iana(root, "registry")) {
		rc = sdb_error_at(err, in, root ? node_offset(&x, root) : 0,
			"no status codes found (the root element is not an IANA <registry>)");
		goto out;
	}
	for (c = root->children; c; c = c->next)
		if (is_iana(c, "updated")) {
			out->version = node_text(c);
			break;
		}
	for (n = root; n; n = next_node(n))
		if (is_iana(n, "registry") && wanted(n, 1))
			only_http = 1;
	/* in document order, so that locate() only moves forward */
	for (n = root; n && !rc; n = next_node(n))
		if (is_iana(n, "record") && is_iana(n->parent, "registry") &&
		    wanted(n->parent, only_http)) {
			records++;
			rc = do_record(&x, n);
		}
	if (!rc && !records)
		rc = sdb_error_at(err, in, node_offset(&x, root),
				  "no status codes found (no <record> in the registry)");
out:
	xmlFreeDoc(x.doc);
	xmlFreeParserCtxt(ctxt);
	return rc;
}

/* 1 when s occurs in text[0, n). */
static int has(const struct sdb_input *in, size_t n, const char *s)
{
	size_t i, k = strlen(s);

	for (i = 0; i + k <= n; i++)
		if (!memcmp(in->text + i, s, k))
			return 1;
	return 0;
}

int sdb_sniff_iana_xml(const struct sdb_input *in)
{
	size_t n = in->len < 8192 ? in->len : 8192;
	int registry = has(in, n, "<registry") || has(in, n, ":registry ") ||
		       has(in, n, ":registry>");

	if (!registry)
		return 0;
	return has(in, n, IANA_NS) ? 95 : 50;
}

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
#include "html_locate.h"
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

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
	sdb_html_decode_values(h, from);
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
	char *url, *label = sdb_html_node_text(a);
	size_t s, e;

	sdb_claims_begin_link(h->out);
	if (labels && *label && !sdb_html_text_span(b, a, &s, &e))
		emit_reference(h, entry, code,
			       sdb_html_texts_in(b, a) == 1 ? NULL : label, s, e);
	free(label);
	url = sdb_html_attr_value(h, a, g, "href", &s, &e);
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

	for (n = b->node->children; n; n = sdb_html_next_within(n, b->node)) {
		if (!is_name(n, "a") || sdb_html_locate_from(h, prev, prev_end, n, &g))
			continue;
		prev = n;
		prev_end = g.end;
		emit_link(h, b, n, &g, entry, code, labels);
	}
}

static int has_link(xmlNodePtr top)
{
	xmlNodePtr n;

	for (n = top->children; n; n = sdb_html_next_within(n, top))
		if (is_name(n, "a"))
			return 1;
	return 0;
}

/* The nearest heading's text becomes the class of the rows below it. */
static void set_heading(struct html *h, xmlNodePtr node)
{
	struct box b;

	sdb_html_box_open(h, node, &b);
	free(h->heading);
	h->heading = NULL;
	if (*b.text && !sdb_html_text_span(&b, node, &h->hstart, &h->hend)) {
		h->heading = b.text;
		b.text = NULL;
	}
	sdb_html_box_release(&b);
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
			sdb_html_box_open(h, cells[i], &boxes[i]);
	code_text = boxes[tb->code_col].text;
	if (!*code_text || is_class_label(code_text))
		goto out;
	if (parse_codes(code_text, &first, &last)) {
		if (!is_digit((unsigned char)code_text[0]))
			goto out;	/* a note or a sub-heading */
		rc = sdb_error_at(h->err, h->in,
			sdb_html_box_offset(h, &boxes[tb->code_col]),
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

		sdb_html_text_span(b, b->node, &s, &e);
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
			if (*b->text && !sdb_html_text_span(b, b->node, &s, &e))
				sdb_emit_description(h->out, h->in, entry,
						     first, b->text, s, e);
			emit_links(h, b, entry, first, 1);
			break;
		case SDB_ROLE_REFERENCE:
			if (has_link(b->node))
				emit_links(h, b, entry, first, 1);
			else if (*b->text && !sdb_html_text_span(b, b->node, &s, &e))
				emit_reference(h, entry, first, b->n == 1 ?
					       NULL : b->text, s, e);
			break;
		default:
			break;
		}
	}
out:
	for (i = 0; i < n; i++)
		sdb_html_box_release(&boxes[i]);
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
		names[i] = sdb_html_node_text(cells[i]);
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
		if (!sdb_html_match(in, b->texts[0].start, s, lead, &raw))
			raw = b->texts[0].start;
		return sdb_error_at(h->err, in, raw,
			"invalid status code '%.*s': want three digits, 100 to 599",
			(int)tok, s + lead);
	}
	h->code = code;
	h->entry = ++h->out->entries;
	h->item = item_of(a);
	if (!sdb_html_is_blank(s + name)) {
		if (sdb_html_match(in, b->texts[0].start, s, name, &raw)) {
			size_t from = h->out->n;

			sdb_emit_name(h->out, in, h->entry, code, raw,
				      b->texts[0].end);
			sdb_html_decode_values(h, from);
		}
	} else if (b->n > 1) {
		emit_name(h, b, h->entry, code, 1);
	}
	title = sdb_html_attr_value(h, a, &b->tag, "title", &ts, &te);
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

	sdb_html_box_open(h, a, &b);
	if (b.found) {
		rc = code_link(h, a, &b);
		if (!rc && h->entry && h->item && sdb_html_is_inside(a, h->item))
			emit_link(h, &b, a, &b.tag, h->entry, h->code, 1);
		else if (!rc)
			h->entry = 0;
	}
	sdb_html_box_release(&b);
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
		n = read ? sdb_html_next_after(n, NULL) : sdb_html_next_node(n);
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
			i = sdb_html_skip_past(t, in->len, i + 4, "-->");
		else if (in->len - i >= 2 && !memcmp(t + i, "<?", 2))
			i = sdb_html_skip_past(t, in->len, i + 2, "?>");
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

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
 * silently, the text read as UTF-8 whatever the page declares), and
 * html_locate.c notes where it read each node: every value is libxml2's
 * text, with the raw span of each byte.  A name cell's name is its first
 * run of text (up to a <br>, a <sup>, a block) and later "(...)" notes;
 * comments are no text.  Tables without a code column are not status
 * tables: they are searched for links like any other part of the page.
 * A status table inside a status table's cell is no part of that cell: its
 * rows are read after the outer table's.
 */
#include "html_locate.h"
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

/* The text under node as mode says, folded, into f (initialized). */
static int folded_texts(struct html *h, xmlNodePtr node,
			enum sdb_html_texts mode, struct sdb_mtext *f)
{
	struct sdb_mtext m;
	int rc;

	sdb_mtext_init(&m);
	rc = sdb_html_texts(h, node, mode, &m);
	if (!rc)
		sdb_mtext_fold(f, &m);
	sdb_mtext_release(&m);
	return rc;
}

/*
 * Link a: its label a reference unless labels is 0, its href a
 * reference target, the two sharing a link number.  Returns 0 or -1.
 */
static int emit_link(struct html *h, xmlNodePtr a, int entry, int code,
		     int labels)
{
	struct sdb_mtext m;
	struct tag g;
	char *url = NULL;
	size_t s, e;
	int rc = 0;

	sdb_mtext_init(&m);
	if (labels)
		rc = folded_texts(h, a, SDB_HTML_ALL, &m);
	if (!rc && xmlHasProp(a, (const xmlChar *)"href")) {
		if (sdb_html_tag(h, a, &g))
			rc = sdb_error_at(h->err, h->in, sdb_html_offset(h, a),
				"cannot place the start tag of this link that "
				"libxml2 reads here");
		else
			rc = sdb_html_attr(h, a, &g, "href", &url, &s, &e);
	}
	if (!rc) {
		sdb_claims_begin_link(h->out);
		sdb_emit_reference_m(h->out, h->in, entry, code, &m);
		if (url)
			sdb_emit_target(h->out, h->in, entry, code, url, s, e);
		sdb_claims_end_link(h->out);
	}
	free(url);
	sdb_mtext_release(&m);
	return rc;
}

/* Every link under top, by emit_link(); tables inside left out. */
static int emit_links(struct html *h, xmlNodePtr top, int entry, int code,
		      int labels)
{
	xmlNodePtr n = top->children;
	int rc = 0;

	while (n && !rc) {
		if (is_name(n, "table")) {
			n = sdb_html_next_after(n, top);
			continue;
		}
		if (is_name(n, "a"))
			rc = emit_link(h, n, entry, code, labels);
		n = sdb_html_next_within(n, top);
	}
	return rc;
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
static int set_heading(struct html *h, xmlNodePtr node)
{
	struct sdb_mtext f;
	int rc;

	free(h->heading);
	h->heading = NULL;
	sdb_mtext_init(&f);
	rc = folded_texts(h, node, SDB_HTML_ALL, &f);
	if (!rc && f.s.len) {
		sdb_mtext_span(&f, 0, f.s.len, &h->hstart, &h->hend);
		h->heading = sdb_xstrdup(f.s.s);
	}
	sdb_mtext_release(&f);
	return rc;
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

/* The first word of s: what a code cell's code is, if any. */
static size_t first_word(const char *s)
{
	size_t n = 0;

	while (s[n] && s[n] != ' ')
		n++;
	return n;
}

struct table {
	enum sdb_role *roles;
	size_t ncols;
	int code_col;
};

/* A cell of a status row: its text folded, as its role wants it. */
struct cell {
	xmlNodePtr node;
	struct sdb_mtext text;
};

static int do_row(struct html *h, const struct table *tb, xmlNodePtr row)
{
	xmlNodePtr *nodes;
	size_t n = row_cells(row, &nodes), i, s, e, w;
	struct cell *cells;
	int first, last, entry, rc = 0, name_col = -1;
	const char *code_text;

	if (n <= (size_t)tb->code_col || (n == 1 && tb->ncols > 1)) {
		free(nodes);
		return 0;	/* no code cell, or a caption across the row */
	}
	cells = sdb_xcalloc(n, sizeof(*cells));
	for (i = 0; i < n; i++) {
		cells[i].node = nodes[i];
		sdb_mtext_init(&cells[i].text);
		if (i < tb->ncols && tb->roles[i] != SDB_ROLE_OTHER && !rc)
			rc = folded_texts(h, nodes[i], tb->roles[i] ==
					  SDB_ROLE_NAME ? SDB_HTML_NAME :
					  SDB_HTML_ALL, &cells[i].text);
		if (i < tb->ncols && tb->roles[i] == SDB_ROLE_NAME)
			name_col = (int)i;
	}
	if (rc)
		goto out;
	code_text = cells[tb->code_col].text.s.s;
	if (!*code_text || is_class_label(code_text))
		goto out;
	if (parse_codes(code_text, &first, &last)) {
		/* a note or a sub-heading, unless it looks like a code */
		w = first_word(code_text);
		if (!is_digit((unsigned char)code_text[0]) &&
		    !sdb_looks_like_bad_code(code_text, w))
			goto out;
		rc = sdb_error_at(h->err, h->in,
			cells[tb->code_col].text.from[0],
			"invalid status code '%.40s': want three digits, 100 to 599",
			code_text);
		goto out;
	}
	entry = ++h->out->entries;
	if (first != last || (name_col >= 0 &&
			      sdb_strieq(cells[name_col].text.s.s, "unassigned"))) {
		/* the name cell's text, else "Unassigned" at the codes */
		const struct sdb_mtext *t = name_col >= 0 &&
			cells[name_col].text.s.len ? &cells[name_col].text :
			&cells[tb->code_col].text;

		sdb_mtext_span(t, 0, t->s.len, &s, &e);
		sdb_claims_add_range(h->out, first, last,
				     t == &cells[tb->code_col].text ?
				     "Unassigned" : t->s.s, s, e);
		goto out;
	}
	if (h->heading)
		sdb_emit_class(h->out, h->in, entry, first, h->heading,
			       h->hstart, h->hend);
	for (i = 0; i < n && i < tb->ncols && !rc; i++) {
		const struct cell *c = &cells[i];

		switch (tb->roles[i]) {
		case SDB_ROLE_CODE:
			rc = emit_links(h, c->node, entry, first, 0);
			break;
		case SDB_ROLE_NAME:
			sdb_emit_name_m(h->out, h->in, entry, first, &c->text);
			break;
		case SDB_ROLE_DESCRIPTION:
			sdb_emit_description_m(h->out, h->in, entry, first,
					       &c->text);
			rc = emit_links(h, c->node, entry, first, 1);
			break;
		case SDB_ROLE_REFERENCE:
			if (has_link(c->node))
				rc = emit_links(h, c->node, entry, first, 1);
			else
				sdb_emit_reference_m(h->out, h->in, entry,
						     first, &c->text);
			break;
		default:
			break;
		}
	}
out:
	for (i = 0; i < n; i++)
		sdb_mtext_release(&cells[i].text);
	free(cells);
	free(nodes);
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
	while (s[i] && s[i] != ':' && !is_ws((unsigned char)s[i]))
		i++;
	tok = i - *lead;
	if (!tok || !(is_digit((unsigned char)s[*lead]) ||
		      sdb_looks_like_bad_code(s + *lead, tok)))
		return 0;
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

/* A link "NNN: Name" with the description in its title starts an entry.
 * Returns 1 if it does, 0 if not, -1 on error. */
static int code_link(struct html *h, xmlNodePtr a)
{
	const struct sdb_input *in = h->in;
	struct sdb_mtext f, name;
	size_t tok, lead, at, ts, te, i;
	int code, rc = 1;
	char *title = NULL;
	struct tag g;

	sdb_mtext_init(&f);
	if (folded_texts(h, a, SDB_HTML_NAME, &f)) {
		sdb_mtext_release(&f);
		return -1;
	}
	if (!(tok = code_prefix(f.s.s, &lead, &at))) {
		sdb_mtext_release(&f);
		return 0;
	}
	code = sdb_parse_code(f.s.s + lead, tok);
	if (code < 0) {
		if (!sdb_looks_like_bad_code(f.s.s + lead, tok))
			rc = 0;
		else
			rc = sdb_error_at(h->err, in, f.from[lead],
				"invalid status code '%.*s': want three digits, 100 to 599",
				(int)(tok > 40 ? 40 : tok), f.s.s + lead);
		sdb_mtext_release(&f);
		return rc;
	}
	h->code = code;
	h->entry = ++h->out->entries;
	h->item = item_of(a);
	sdb_mtext_init(&name);
	for (i = at; i < f.s.len; i++)
		sdb_mtext_add(&name, f.s.s + i, 1, f.from[i], f.to[i]);
	sdb_emit_name_m(h->out, in, h->entry, code, &name);
	sdb_mtext_release(&name);
	sdb_mtext_release(&f);
	if (!xmlHasProp(a, (const xmlChar *)"title"))
		return 1;
	if (sdb_html_tag(h, a, &g))
		return sdb_error_at(h->err, in, sdb_html_offset(h, a),
			"cannot place the start tag of this link that libxml2 "
			"reads here");
	if (sdb_html_attr(h, a, &g, "title", &title, &ts, &te))
		return -1;
	if (title)
		sdb_emit_description(h->out, in, h->entry, code, title, ts, te);
	free(title);
	return 1;
}

/* A link outside status tables: a code link, or one citing a spec. */
static int do_link(struct html *h, xmlNodePtr a)
{
	int rc = code_link(h, a);

	if (!rc && h->entry && h->item && sdb_html_is_inside(a, h->item))
		rc = emit_link(h, a, h->entry, h->code, 1);
	else if (!rc)
		h->entry = 0;
	return rc < 0 ? -1 : 0;
}

static int is_heading(xmlNodePtr n)
{
	const char *name = (const char *)n->name;

	return n->type == XML_ELEMENT_NODE && name[0] == 'h' &&
	       name[1] >= '2' && name[1] <= '6' && !name[2];
}

/*
 * Tables, headings and links, in document order.  Inside a status table
 * only tables are read: a status table in one of its cells has rows of
 * its own, read after the outer table's.
 */
static int walk(struct html *h)
{
	xmlNodePtr n = xmlDocGetRootElement(h->doc), inside = NULL;
	int rc = 0;

	while (n && !rc) {
		if (inside && !sdb_html_is_inside(n, inside))
			inside = NULL;
		if (n->type != XML_ELEMENT_NODE) {
			;
		} else if (is_name(n, "table")) {
			rc = do_table(h, n);
			if (rc > 0 && !inside)
				inside = n;
			rc = rc < 0 ? -1 : 0;
		} else if (inside) {
			;
		} else if (is_heading(n)) {
			rc = set_heading(h, n);
		} else if (is_name(n, "a")) {
			rc = do_link(h, n);
		} else if (is_name(n, "br")) {
			h->entry = 0;
		}
		n = sdb_html_next_node(n);
	}
	return rc;
}

int sdb_import_html(const struct sdb_input *in, struct sdb_claims *out,
		    struct sdb_error *err)
{
	struct html h;
	struct sdb_libxml q;
	int rc;

	memset(&h, 0, sizeof(h));
	h.in = in;
	h.out = out;
	h.err = err;
	rc = sdb_html_parse(&h, &q);
	if (!rc)
		rc = walk(&h);
	if (!rc && !out->entries)
		rc = sdb_error_at(err, in, 0, h.tables
			? "no status codes found in the status tables"
			: "no status codes found (want a table with a Code column, or links such as <a>404: Not Found</a>)");
	sdb_html_release(&h);
	return rc;
}

/* Just past the comment whose text starts at i: libxml2 2.9 ends one at
 * "-->" or "--!>". */
static size_t comment_end(const char *t, size_t len, size_t i)
{
	for (; i + 3 <= len; i++)
		if (t[i] == '-' && t[i + 1] == '-' &&
		    (t[i + 2] == '>' ||
		     (i + 4 <= len && t[i + 2] == '!' && t[i + 3] == '>')))
			return i + (t[i + 2] == '>' ? 3 : 4);
	return len;
}

/* Past whitespace, comments and <?...?> at i. */
static size_t skip_prolog(const struct sdb_input *in, size_t i)
{
	const char *t = in->text;

	for (;;) {
		while (i < in->len && is_ws((unsigned char)t[i]))
			i++;
		if (in->len - i >= 4 && !memcmp(t + i, "<!--", 4))
			i = comment_end(t, in->len, i + 4);
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

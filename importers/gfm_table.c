/*
 * gfm_table.c - Markdown with GFM tables whose header row names the
 * columns (Code | Name | Description, Code | Reason-Phrase | Description):
 *
 *   |  100<br/> | Continue<br/> | Everything so far is OK ...<br/> |
 *   [100][100] | Continue | The initial part of a request ...
 *   [100]: http://tools.ietf.org/html/rfc7231#section-6.2.1
 *
 * cmark-gfm parses the document; links in a cell give reference labels
 * and targets, a link in the code cell cites the code's definition.  The
 * nearest heading of level 2 or more above a table is its class.  Tables
 * without a code column are not status tables and are skipped.
 */
#include "importer.h"
#include "md.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

static int is_type(cmark_node *n, const char *type)
{
	return !strcmp(cmark_node_get_type_string(n), type);
}

struct table_ctx {
	struct md_doc *doc;
	struct sdb_claims *out;
	struct sdb_error *err;
	enum sdb_role *roles;
	size_t ncols;
	int code_col;
	cmark_node *heading;	/* class heading, or NULL */
};

/*
 * Where a cell's text stands: cmark-gfm places cells exactly, but the
 * inlines inside a cell with an escaped pipe ("a\\|b") are placed as if
 * the backslash were not there.  So the children's span is used only when
 * it lies inside the cell (it leaves out a trailing <br/>), else the
 * cell's own, trimmed.  Returns 0, or -1 for an empty cell.
 */
static int cell_span(const struct md_doc *d, cmark_node *cell, size_t *start,
		     size_t *end)
{
	const struct sdb_input *in = d->in;
	int line = cmark_node_get_start_line(cell);
	size_t cs, ce, s, e;

	if (line < 1 || (size_t)line > in->nlines ||
	    cmark_node_get_end_line(cell) != line ||
	    cmark_node_get_start_column(cell) < 1)
		return md_children_span(d, cell, 0, start, end);
	cs = in->lines[line - 1] + (size_t)cmark_node_get_start_column(cell) - 1;
	ce = in->lines[line - 1] + (size_t)cmark_node_get_end_column(cell);
	if (ce > sdb_input_line_end(in, (size_t)line - 1))
		ce = sdb_input_line_end(in, (size_t)line - 1);
	sdb_trim_span(in, &cs, &ce);
	if (cs >= ce)
		return -1;
	if (!md_children_span(d, cell, cs, &s, &e) && s >= cs && e <= ce) {
		*start = s;
		*end = e;
	} else {
		*start = cs;
		*end = ce;
	}
	return 0;
}

static char *cell_text(cmark_node *cell)
{
	struct sdb_buf b = SDB_BUF_INIT, f = SDB_BUF_INIT;

	md_text(&b, cell);
	sdb_fold_ws(&f, b.s, b.len);
	sdb_buf_release(&b);
	return sdb_buf_detach(&f);
}

/* Does the raw text at [start, end), folded, read value? */
static int verbatim(const struct sdb_input *in, const char *value,
		    size_t start, size_t end)
{
	struct sdb_buf b = SDB_BUF_INIT;
	int same;

	sdb_fold_ws(&b, in->text + start, end - start);
	same = !strcmp(b.s, value);
	sdb_buf_release(&b);
	return same;
}

/* Every link under node: its label a reference, its URL a target. */
static void emit_links(struct table_ctx *t, cmark_node *node, int entry,
		       int code, size_t floor, int labels)
{
	cmark_node *c;

	for (c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		size_t at, us, ue, ts, te, after, ls, le;

		if (cmark_node_get_type(c) != CMARK_NODE_LINK) {
			emit_links(t, c, entry, code, floor, labels);
			continue;
		}
		if (md_locate(t->doc, c, NULL, floor, &at))
			continue;
		sdb_claims_begin_link(t->out);
		if (!md_link_parts(t->doc, c, at, &us, &ue, &ts, &te, &after))
			sdb_emit_target(t->out, t->doc->in, entry, code,
					cmark_node_get_url(c), us, ue);
		if (labels && !md_children_span(t->doc, c, at, &ls, &le)) {
			char *v = cell_text(c);

			sdb_emit_reference(t->out, t->doc->in, entry, code, v,
					   ls, le);
			free(v);
		}
		sdb_claims_end_link(t->out);
		floor = at + 1;
	}
}

static int do_row(struct table_ctx *t, cmark_node *row)
{
	const struct sdb_input *in = t->doc->in;
	cmark_node *cell;
	size_t i, floor, cs, ce;
	int entry, code;
	char *text;

	/* cmark-gfm may give no position (0); then search from the start */
	floor = cmark_node_get_start_line(row) >= 1 &&
		(size_t)cmark_node_get_start_line(row) <= in->nlines
		? in->lines[cmark_node_get_start_line(row) - 1] : 0;
	for (cell = cmark_node_first_child(row), i = 0;
	     cell && (int)i < t->code_col; cell = cmark_node_next(cell))
		i++;
	text = cell ? cell_text(cell) : sdb_xstrdup("");
	code = sdb_parse_code(text, strlen(text));
	if (code < 0) {
		size_t at = floor;

		if (cell && cell_span(t->doc, cell, &cs, &ce) == 0)
			at = cs;
		sdb_error_at(t->err, in, at, *text
			? "invalid status code '%.40s': want three digits, 100 to 599"
			: "row has no status code%s", text);
		free(text);
		return -1;
	}
	free(text);
	entry = ++t->out->entries;
	if (t->heading) {
		size_t hs, he;

		if (!md_children_span(t->doc, t->heading, 0, &hs, &he)) {
			char *h = cell_text(t->heading);

			sdb_emit_class(t->out, in, entry, code, h, hs, he);
			free(h);
		}
	}
	for (cell = cmark_node_first_child(row), i = 0; cell && i < t->ncols;
	     cell = cmark_node_next(cell), i++) {
		char *v;

		if (cell_span(t->doc, cell, &cs, &ce))
			continue;	/* an empty cell */
		floor = cs;
		switch (t->roles[i]) {
		case SDB_ROLE_CODE:
			emit_links(t, cell, entry, code, floor, 0);
			break;
		case SDB_ROLE_NAME:
			v = cell_text(cell);
			if (!strcmp(v, "") || ce <= cs) {
				free(v);
				break;
			}
			/* split annotations on the raw text when it is the value */
			if (verbatim(in, v, cs, ce))
				sdb_emit_name(t->out, in, entry, code, cs, ce);
			else
				sdb_emit_name_text(t->out, in, entry, code, v,
						   cs, ce);
			free(v);
			break;
		case SDB_ROLE_DESCRIPTION:
			v = cell_text(cell);
			sdb_emit_description(t->out, in, entry, code, v, cs, ce);
			free(v);
			emit_links(t, cell, entry, code, floor, 1);
			break;
		case SDB_ROLE_REFERENCE:
			v = cell_text(cell);
			if (cmark_node_first_child(cell) &&
			    cmark_node_get_type(cmark_node_first_child(cell)) ==
			    CMARK_NODE_LINK)
				emit_links(t, cell, entry, code, floor, 1);
			else
				sdb_emit_reference(t->out, in, entry, code, v,
						   cs, ce);
			free(v);
			break;
		default:
			break;
		}
		floor = ce;
	}
	return 0;
}

static int do_table(struct table_ctx *t, cmark_node *table)
{
	cmark_node *header = cmark_node_first_child(table), *c, *row;
	const char **names;
	size_t i, n = 0;
	int rc = 0;

	for (c = cmark_node_first_child(header); c; c = cmark_node_next(c))
		n++;
	names = sdb_xcalloc(n, sizeof(*names));
	t->roles = sdb_xcalloc(n, sizeof(*t->roles));
	for (c = cmark_node_first_child(header), i = 0; c; c = cmark_node_next(c))
		names[i++] = cell_text(c);
	t->ncols = n;
	t->code_col = sdb_column_roles(names, n, t->roles);
	for (i = 0; i < n; i++)
		free((char *)names[i]);
	free(names);
	if (t->code_col >= 0)
		for (row = cmark_node_next(header); row && !rc;
		     row = cmark_node_next(row))
			rc = do_row(t, row);
	free(t->roles);
	t->roles = NULL;
	return t->code_col >= 0 && !rc ? 1 : rc;
}

int sdb_import_gfm_table(const struct sdb_input *in, struct sdb_claims *out,
			 struct sdb_error *err)
{
	struct md_doc doc;
	struct table_ctx t;
	cmark_node *n;
	cmark_iter *it;
	cmark_event_type ev;
	int rc = 0, tables = 0;

	md_parse(&doc, in);
	memset(&t, 0, sizeof(t));
	t.doc = &doc;
	t.out = out;
	t.err = err;
	/* tables anywhere: in list items and block quotes too */
	it = cmark_iter_new(doc.root);
	while (rc >= 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			if (cmark_node_get_heading_level(n) >= 2)
				t.heading = n;
		} else if (is_type(n, "table")) {
			rc = do_table(&t, n);
			tables += rc > 0;
		}
	}
	cmark_iter_free(it);
	md_release(&doc);
	if (rc < 0)
		return -1;
	if (!tables)
		return sdb_error_at(err, in, 0,
			"no status-code table found (a GFM table with a Code column)");
	return 0;
}

int sdb_sniff_gfm_table(const struct sdb_input *in)
{
	size_t li;

	/* a delimiter row: only pipes, dashes, colons and spaces */
	for (li = 1; li < in->nlines && li < 2000; li++) {
		const char *t = in->text + in->lines[li];
		size_t n = sdb_input_line_end(in, li) - in->lines[li], i;
		int dashes = 0, pipes = 0;

		/* inside block quotes too */
		while (n && (*t == '>' || *t == ' ')) {
			t++;
			n--;
		}

		for (i = 0; i < n && strchr("|-: \t", t[i]); i++) {
			dashes += t[i] == '-';
			pipes += t[i] == '|';
		}
		if (i == n && dashes >= 3 && pipes >= 1)
			return 60;
	}
	return 0;
}

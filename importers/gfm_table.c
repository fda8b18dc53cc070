/*
 * gfm_table.c - Markdown with GFM tables whose header row names the
 * columns (Code | Name | Description, Code | Reason-Phrase | Description),
 * anywhere in the document: a README with prose around its table, one
 * table under each heading, tables in lists and block quotes.
 *
 *   |  100<br/> | Continue<br/> | Everything so far is OK ...<br/> |
 *   [100][100] | Continue | The initial part of a request ...
 *   `4xx` | **Client Error** | "indicates that the client ..." | [RFC7231#6.5](...)
 *   `404` | Not Found | "indicates that ..." | [RFC7231#6.5.4](...),<br>[...](...)
 *   | 404 | Not Found | `HTTP_STATUS_NOT_FOUND` |
 *   [100]: http://tools.ietf.org/html/rfc7231#section-6.2.1
 *
 * cmark-gfm parses the document; links in a cell give reference labels
 * and targets, a link in the code cell cites the code's definition.  A
 * row whose code cell is a class label ("1xx", "4XX Client Error") is a
 * class row: its name (or its label) is the class of the codes of that
 * class below it in the table.  Otherwise the nearest heading of level 2
 * or more above a table is the class of its codes of the class the
 * heading names ("### 4xx", "## Client errors").  A code cell may hold the name too
 * ("404 Not Found") when no name column gives one.  A Constant column's
 * cells give identifiers.  Tables without a code column are not status
 * tables and are skipped; so are rows that say nothing (every cell empty)
 * and prose lines that cmark-gfm, as GitHub does, reads as one more row
 * because they follow the table without a blank line.
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

/* Where the class of the rows below comes from. */
struct class_src {
	char *value;		/* owned; NULL: none */
	size_t start, end;	/* its raw text */
	int digit;		/* first digit of the codes it classes */
};

struct table_ctx {
	struct md_doc *doc;
	struct sdb_claims *out;
	struct sdb_error *err;
	enum sdb_role *roles;
	size_t ncols;
	int code_col;
	int name_col;		/* -1: none */
	int desc_named;		/* 1: the name column is "Description" */
	struct class_src heading;	/* the nearest heading of level >= 2 */
	struct class_src row;		/* the table's last class row */
};

static void class_set(struct class_src *c, char *value, size_t start,
		      size_t end, int digit)
{
	free(c->value);
	c->value = value;
	c->start = start;
	c->end = end;
	c->digit = digit;
}

/* Length of the <br> tag ("<br>", "<br/>", "<br />") s[0, n) starts with. */
static size_t br_start(const char *s, size_t n)
{
	size_t i = 3;

	if (n < 4 || s[0] != '<' || !sdb_strnieq(s + 1, "br", 2) ||
	    (s[3] != '>' && s[3] != '/' && s[3] != ' '))
		return 0;
	while (i < n && i < 40 && s[i] != '>' && s[i] != '<')
		i++;
	return i < n && s[i] == '>' ? i + 1 : 0;
}

/* Length of the <br> tag s[0, n) ends with. */
static size_t br_end(const char *s, size_t n)
{
	size_t i;

	if (n < 4 || s[n - 1] != '>')
		return 0;
	for (i = n - 1; i > 0 && n - i < 40; i--)
		if (s[i - 1] == '<')
			return br_start(s + i - 1, n - i + 1) == n - i + 1
			       ? n - i + 1 : 0;
	return 0;
}

/*
 * Where a cell's text stands: the cell as cmark-gfm places it, trimmed,
 * without the <br> tags it starts or ends with.  (The inlines inside a
 * cell with an escaped pipe, "a\\|b", are placed as if the backslash were
 * not there: the cell's own place is the one to trust.)  Returns 0, or -1
 * for an empty cell.
 */
static int cell_span(const struct md_doc *d, cmark_node *cell, size_t *start,
		     size_t *end)
{
	const struct sdb_input *in = d->in;
	int line = cmark_node_get_start_line(cell);
	cmark_node *first = cmark_node_first_child(cell);
	cmark_node *last = cmark_node_last_child(cell);
	size_t cs, ce, n, lead = 0;

	for (; first && md_is_br(first); first = cmark_node_next(first))
		lead++;
	if (!first)
		return -1;
	if (line < 1 || (size_t)line > in->nlines ||
	    cmark_node_get_end_line(cell) != line ||
	    cmark_node_get_start_column(cell) < 1) {
		cmark_node *row = cmark_node_parent(cell);

		return md_children_span(d, cell, md_block_start(d, row),
					md_block_end(d, row), start, end);
	}
	cs = in->lines[line - 1] + (size_t)cmark_node_get_start_column(cell) - 1;
	ce = in->lines[line - 1] + (size_t)cmark_node_get_end_column(cell);
	if (ce > sdb_input_line_end(in, (size_t)line - 1))
		ce = sdb_input_line_end(in, (size_t)line - 1);
	sdb_trim_span(in, &cs, &ce);
	for (; lead; lead--) {
		if (!(n = br_start(in->text + cs, ce - cs)))
			break;
		cs += n;
		sdb_trim_span(in, &cs, &ce);
	}
	for (; last && md_is_br(last); last = cmark_node_previous(last)) {
		if (!(n = br_end(in->text + cs, ce - cs)))
			break;
		ce -= n;
		sdb_trim_span(in, &cs, &ce);
	}
	if (cs >= ce)
		return -1;
	*start = cs;
	*end = ce;
	return 0;
}

/* Every link in cell (floor..ceil): its label a reference, its URL a target. */
static void emit_links(struct table_ctx *t, cmark_node *cell, int entry,
		       int code, size_t floor, size_t ceil, int labels)
{
	cmark_iter *it = cmark_iter_new(cell);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		size_t at, us, ue, ts, te, after, ls, le;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(c) !=
		    CMARK_NODE_LINK)
			continue;
		/* a link's label holds no links: go on after it */
		cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
		if (md_locate(t->doc, c, NULL, floor, ceil, &at))
			continue;
		sdb_claims_begin_link(t->out);
		after = at + 1;
		if (!md_link_parts(t->doc, c, at, ceil, &us, &ue, &ts, &te, &after))
			sdb_emit_target(t->out, t->doc->in, entry, code,
					cmark_node_get_url(c), us, ue);
		if (labels && !md_label_span(t->doc, at, ceil, &ls, &le)) {
			char *v = md_plain(c);

			/* the raw label, when it is the text, places a section */
			sdb_emit_reference(t->out, t->doc->in, entry, code,
					   md_verbatim(t->doc, v, ls, le) ? NULL : v,
					   ls, le);
			free(v);
		}
		sdb_claims_end_link(t->out);
		floor = after;	/* the next link starts after this one */
	}
	cmark_iter_free(it);
}

static int has_space(const char *s)
{
	return strpbrk(s, " \t\r\n") != NULL;
}

/* "-", "—", "n/a": a cell that says there is nothing. */
static int is_placeholder(const char *s)
{
	const char *p;

	if (sdb_strieq(s, "n/a") || sdb_strieq(s, "none"))
		return 1;
	for (p = s; *p; p++)
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z'))
			return 0;
	return 1;
}

/*
 * An identifier cell: each code span in it is one identifier
 * ("`NOT_FOUND`", "`HTTP_404`, `NOT_FOUND`"), else its text is one.  An
 * identifier is one word: anything else is a misread column, refused.
 */
static int emit_identifiers(struct table_ctx *t, cmark_node *cell, int entry,
			    int code, size_t cs, size_t ce)
{
	const struct sdb_input *in = t->doc->in;
	cmark_iter *it = cmark_iter_new(cell);
	cmark_event_type ev;
	size_t floor = cs;
	int found = 0, rc = 0;
	char *v;

	while (!rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		const char *lit = cmark_node_get_literal(c);
		size_t at, n;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(c) !=
		    CMARK_NODE_CODE || !lit || !*lit)
			continue;
		found = 1;
		if (md_locate(t->doc, c, NULL, floor, ce, &at))
			at = cs;
		if (has_space(lit)) {
			rc = sdb_error_at(t->err, in, at,
				"identifier '%.40s' of %d is not one word",
				lit, code);
			break;
		}
		n = strlen(lit);
		if (at + n <= ce && !memcmp(in->text + at, lit, n)) {
			sdb_claims_add(t->out, entry, code, SDB_FIELD_IDENTIFIER,
				       lit, at, at + n);
			floor = at + n;
		} else {
			sdb_claims_add(t->out, entry, code, SDB_FIELD_IDENTIFIER,
				       lit, cs, ce);
		}
	}
	cmark_iter_free(it);
	if (rc || found)
		return rc;
	v = md_plain(cell);
	if (is_placeholder(v))
		rc = 0;
	else if (has_space(v))
		rc = sdb_error_at(t->err, in, cs,
			"identifier '%.40s' of %d is not one word", v, code);
	else
		sdb_claims_add(t->out, entry, code, SDB_FIELD_IDENTIFIER, v,
			       cs, ce);
	free(v);
	return rc;
}

/* "1xx", "4XX", "5xx Server Error": a class label; returns its digit. */
static int class_label(const char *s)
{
	if (s[0] < '1' || s[0] > '9' || (s[1] != 'x' && s[1] != 'X') ||
	    (s[2] != 'x' && s[2] != 'X'))
		return 0;
	if (s[3] && ((s[3] >= '0' && s[3] <= '9') || (s[3] >= 'a' && s[3] <= 'z') ||
		     (s[3] >= 'A' && s[3] <= 'Z')))
		return 0;
	return s[0] - '0';
}

/*
 * "404 Not Found", "404: Not Found", "404 - Not Found": a code cell that
 * holds the name too.  Returns the code and sets *name to where the name
 * starts in s, or returns -1.
 */
static int code_and_name(const char *s, size_t *name)
{
	size_t i = 3;
	int code = strlen(s) > 4 ? sdb_parse_code(s, 3) : -1;

	if (code < 0 || (s[3] != ' ' && s[3] != ':'))
		return -1;
	while (s[i] == ' ' || s[i] == ':' || s[i] == '-')
		i++;
	if (!s[i])
		return -1;
	*name = i;
	return code;
}

static cmark_node *nth_cell(cmark_node *row, int n)
{
	cmark_node *cell = cmark_node_first_child(row);

	while (cell && n-- > 0)
		cell = cmark_node_next(cell);
	return cell;
}

static void emit_name(struct table_ctx *t, int entry, int code,
		      const char *v, size_t cs, size_t ce)
{
	const struct sdb_input *in = t->doc->in;

	/* split annotations on the raw text when it is the value */
	if (md_verbatim(t->doc, v, cs, ce))
		sdb_emit_name(t->out, in, entry, code, cs, ce);
	else
		sdb_emit_name_text(t->out, in, entry, code, v, cs, ce);
}

/* The name part of a code cell "404 Not Found", at name in its text. */
static void emit_code_cell_name(struct table_ctx *t, cmark_node *cell,
				int entry, int code, const char *text,
				size_t name, size_t cs, size_t ce)
{
	cmark_node *only = cmark_node_first_child(cell);
	const char *lit = only ? cmark_node_get_literal(only) : NULL;
	size_t at, n;

	if (only && !cmark_node_next(only) && lit && !strcmp(lit, text) &&
	    !md_locate(t->doc, only, NULL, cs, ce, &at) &&
	    at + (n = strlen(lit)) <= ce &&
	    !memcmp(t->doc->in->text + at, lit, n))
		sdb_emit_name(t->out, t->doc->in, entry, code, at + name,
			      at + n);
	else
		sdb_emit_name_text(t->out, t->doc->in, entry, code,
				   text + name, cs, ce);
}

/* A class row: the class of the codes of its digit below it. */
static void class_row(struct table_ctx *t, cmark_node *row,
		      cmark_node *code_cell, const char *label, int digit)
{
	cmark_node *name = t->name_col >= 0 ? nth_cell(row, t->name_col) : NULL;
	size_t s, e;
	char *v;

	if (name && !cell_span(t->doc, name, &s, &e)) {
		v = md_plain(name);
		if (*v) {
			class_set(&t->row, v, s, e, digit);
			return;
		}
		free(v);
	}
	if (!cell_span(t->doc, code_cell, &s, &e))
		class_set(&t->row, sdb_xstrdup(label), s, e, digit);
}

/* 1 when no cell of row has any text. */
static int row_is_empty(cmark_node *row)
{
	cmark_node *cell;

	for (cell = cmark_node_first_child(row); cell;
	     cell = cmark_node_next(cell)) {
		char *v = md_plain(cell);
		int empty = !*v;

		free(v);
		if (!empty)
			return 0;
	}
	return 1;
}

static int do_row(struct table_ctx *t, cmark_node *row)
{
	const struct sdb_input *in = t->doc->in;
	cmark_node *cell, *code_cell;
	size_t i, floor, ceil, cs, ce, name_at = 0;
	int entry, code, digit, named = 0;
	enum sdb_role role;
	struct class_src *cls;
	char *text;

	/* cmark-gfm may give no position (0); then the whole text */
	floor = md_block_start(t->doc, row);
	ceil = md_block_end(t->doc, row);
	/* a line without a pipe that cmark-gfm took into the table: prose */
	if (t->ncols > 1 && cmark_node_get_start_line(row) >= 1 &&
	    !memchr(in->text + floor, '|', ceil - floor))
		return 0;
	code_cell = nth_cell(row, t->code_col);
	text = code_cell ? md_plain(code_cell) : sdb_xstrdup("");
	code = sdb_parse_code(text, strlen(text));
	if (code < 0 && (digit = class_label(text)) > 0) {
		class_row(t, row, code_cell, text, digit);
		free(text);
		return 0;
	}
	if (code < 0)
		code = code_and_name(text, &name_at);
	if (code < 0) {
		size_t at = floor;

		if (!*text && row_is_empty(row)) {
			free(text);
			return 0;
		}
		if (code_cell && cell_span(t->doc, code_cell, &cs, &ce) == 0)
			at = cs;
		sdb_error_at(t->err, in, at, *text
			? "invalid status code '%.40s': want three digits, 100 to 599"
			: "row has no status code%s", text);
		free(text);
		return -1;
	}
	entry = ++t->out->entries;
	cls = t->row.value && t->row.digit == code / 100 ? &t->row :
	      t->heading.value && t->heading.digit == code / 100 ? &t->heading
	      : NULL;
	if (cls)
		sdb_emit_class(t->out, in, entry, code, cls->value, cls->start,
			       cls->end);
	for (cell = cmark_node_first_child(row), i = 0; cell && i < t->ncols;
	     cell = cmark_node_next(cell), i++) {
		char *v;

		if (cell_span(t->doc, cell, &cs, &ce))
			continue;	/* an empty cell */
		role = t->roles[i];
		/* "301 Moved Permanently" | a description: the code cell names */
		if (role == SDB_ROLE_NAME && name_at && t->desc_named)
			role = SDB_ROLE_DESCRIPTION;
		switch (role) {
		case SDB_ROLE_CODE:
			emit_links(t, cell, entry, code, cs, ce, 0);
			break;
		case SDB_ROLE_NAME:
			v = md_plain(cell);
			if (*v) {
				emit_name(t, entry, code, v, cs, ce);
				named = 1;
			}
			free(v);
			break;
		case SDB_ROLE_DESCRIPTION:
			v = md_plain(cell);
			sdb_emit_description(t->out, in, entry, code, v, cs, ce);
			free(v);
			emit_links(t, cell, entry, code, cs, ce, 1);
			break;
		case SDB_ROLE_REFERENCE:
			v = md_plain(cell);
			if (cmark_node_first_child(cell) &&
			    cmark_node_get_type(cmark_node_first_child(cell)) ==
			    CMARK_NODE_LINK)
				emit_links(t, cell, entry, code, cs, ce, 1);
			else
				sdb_emit_reference(t->out, in, entry, code, v,
						   cs, ce);
			free(v);
			break;
		case SDB_ROLE_IDENTIFIER:
			if (emit_identifiers(t, cell, entry, code, cs, ce)) {
				free(text);
				return -1;
			}
			break;
		default:
			break;
		}
	}
	if (name_at && !named && !cell_span(t->doc, code_cell, &cs, &ce))
		emit_code_cell_name(t, code_cell, entry, code, text, name_at,
				    cs, ce);
	free(text);
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
		names[i++] = md_plain(c);
	t->ncols = n;
	t->code_col = sdb_column_roles(names, n, t->roles);
	t->name_col = -1;
	for (i = 0; i < n && t->name_col < 0; i++)
		if (t->roles[i] == SDB_ROLE_NAME)
			t->name_col = (int)i;
	/* the IANA registry's Value | Description: the description is the name */
	t->desc_named = t->name_col >= 0 &&
		sdb_column_role(names[t->name_col]) == SDB_ROLE_DESCRIPTION;
	for (i = 0; i < n; i++)
		free((char *)names[i]);
	free(names);
	class_set(&t->row, NULL, 0, 0, 0);
	if (t->code_col >= 0)
		for (row = cmark_node_next(header); row && !rc;
		     row = cmark_node_next(row))
			rc = do_row(t, row);
	free(t->roles);
	t->roles = NULL;
	return t->code_col >= 0 && !rc ? 1 : rc;
}

/*
 * A heading of level 2 or more: the class of the codes below it that are
 * of the class it names ("4xx", "Client errors"); one naming no class
 * ("Status codes", "Extensions") gives none.
 */
static void set_heading(struct table_ctx *t, cmark_node *h)
{
	size_t hs, he;
	char *v;

	class_set(&t->heading, NULL, 0, 0, 0);
	if (md_children_span(t->doc, h, md_block_start(t->doc, h),
			     md_block_end(t->doc, h), &hs, &he))
		return;
	v = md_plain(h);
	class_set(&t->heading, v, hs, he, md_heading_class(v));
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

	if (md_parse(&doc, in, err) < 0)
		return -1;
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
				set_heading(&t, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
			/* prose: no tables inside */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (is_type(n, "table")) {
			rc = do_table(&t, n);
			tables += rc > 0;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		}
	}
	cmark_iter_free(it);
	class_set(&t.heading, NULL, 0, 0, 0);
	class_set(&t.row, NULL, 0, 0, 0);
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

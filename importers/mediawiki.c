/*
 * mediawiki.c - MediaWiki table markup, as in a copy of the IANA registry:
 *
 *   ==4xx: Client Error==            a class heading
 *   {|                               a table
 *   ! Code                           header cells name the columns
 *   |-                               a new row
 *   | 413                            a data cell ("a || b" on one line too)
 *   | [http://www.iana.org/go/rfc7231 RFC7231, Section 6.5.11]
 *   |}                               the end of the table
 *
 * No library parses wikitext here, so this is a small line tokenizer.
 * Cells may run over several lines; a row must have as many cells as the
 * header; a table must be closed.  Tables without a code column are not
 * status tables and are skipped.
 */
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

struct span {
	size_t start, end;
};

struct row {
	struct span *cells;
	size_t n, alloc;
	size_t start;		/* offset of the "|-" or first cell */
};

struct wiki {
	const struct sdb_input *in;
	struct sdb_claims *out;
	struct sdb_error *err;
	struct span heading;	/* current class heading, empty if none */
	struct row header;
	struct row row;
	enum sdb_role *roles;
	int code_col;		/* -1: not a status table */
	int tables;		/* status tables seen */
};

static void row_add(struct row *r, size_t start, size_t end)
{
	sdb_grow_array((void **)&r->cells, &r->alloc, r->n + 1, sizeof(*r->cells));
	r->cells[r->n].start = start;
	r->cells[r->n].end = end;
	r->n++;
}

/* Appends the cells of one "| a || b" or "! a !! b" line to r. */
static void split_cells(const struct sdb_input *in, struct row *r,
			size_t start, size_t end, char sep)
{
	const char *t = in->text;
	size_t i = start, cell = start;
	int depth = 0;

	for (; i < end; i++) {
		if (t[i] == '[')
			depth++;
		else if (t[i] == ']' && depth)
			depth--;
		else if (!depth && i + 1 < end && t[i] == sep && t[i + 1] == sep) {
			row_add(r, cell, i);
			cell = i + 2;
			i++;
		}
	}
	row_add(r, cell, end);
	/* "style=... | content": attributes before a single bar */
	for (i = r->n; i-- > 0 && r->cells[i].start >= start;) {
		struct span *c = &r->cells[i];
		size_t k;

		depth = 0;
		for (k = c->start; k < c->end; k++) {
			if (t[k] == '[')
				depth++;
			else if (t[k] == ']' && depth)
				depth--;
			else if (!depth && t[k] == '|')
				break;
		}
		if (k < c->end && memchr(t + c->start, '=', k - c->start))
			c->start = k + 1;
		if (i == 0)
			break;
	}
}

/* Wikitext to plain text: links to their labels, quotes and tags dropped. */
static void wiki_plain(struct sdb_buf *b, const char *s, size_t n)
{
	struct sdb_buf raw = SDB_BUF_INIT;
	size_t i = 0;

	while (i < n) {
		if (s[i] == '\'' && i + 1 < n && s[i + 1] == '\'') {
			while (i < n && s[i] == '\'')
				i++;
		} else if (s[i] == '[' && i + 1 < n && s[i + 1] == '[') {
			const char *close = strstr(s + i, "]]");
			const char *bar;

			if (!close || close > s + n) {
				sdb_buf_addch(&raw, s[i++]);
				continue;
			}
			bar = memchr(s + i, '|', (size_t)(close - (s + i)));
			if (bar)
				sdb_buf_add(&raw, bar + 1, (size_t)(close - bar - 1));
			else
				sdb_buf_add(&raw, s + i + 2, (size_t)(close - s - i - 2));
			i = (size_t)(close - s) + 2;
		} else if (s[i] == '[') {
			const char *close = memchr(s + i, ']', n - i);
			const char *sp = close ? memchr(s + i, ' ', (size_t)(close - s - i)) : NULL;

			if (!close) {
				sdb_buf_addch(&raw, s[i++]);
				continue;
			}
			if (sp)
				sdb_buf_add(&raw, sp + 1, (size_t)(close - sp - 1));
			else
				sdb_buf_add(&raw, s + i + 1, (size_t)(close - s - i - 1));
			i = (size_t)(close - s) + 1;
		} else if (s[i] == '<' && i + 1 < n &&
			   (s[i + 1] == '/' || (s[i + 1] >= 'a' && s[i + 1] <= 'z'))) {
			const char *close = memchr(s + i, '>', n - i);

			if (!close) {
				sdb_buf_addch(&raw, s[i++]);
				continue;
			}
			sdb_buf_addch(&raw, ' ');
			i = (size_t)(close - s) + 1;
		} else {
			sdb_buf_addch(&raw, s[i++]);
		}
	}
	sdb_decode_entities(b, raw.s, raw.len);
	sdb_buf_release(&raw);
}

static char *plain(const struct sdb_input *in, struct span c)
{
	struct sdb_buf b = SDB_BUF_INIT, f = SDB_BUF_INIT;

	wiki_plain(&b, in->text + c.start, c.end - c.start);
	sdb_fold_ws(&f, b.s, b.len);
	sdb_buf_release(&b);
	return sdb_buf_detach(&f);
}

/* "[url label]" links in a reference cell; plain text when there are none. */
static void emit_references(struct wiki *w, int entry, int code, struct span c)
{
	const char *t = w->in->text;
	size_t i = c.start;
	int links = 0;

	while (i < c.end) {
		size_t close, sp, ustart;
		char *url;

		if (t[i] != '[' || (i + 1 < c.end && t[i + 1] == '[')) {
			i++;
			continue;
		}
		for (close = i + 1; close < c.end && t[close] != ']'; close++)
			;
		if (close == c.end)
			break;
		ustart = i + 1;
		for (sp = ustart; sp < close && t[sp] != ' '; sp++)
			;
		links++;
		url = sdb_xstrndup(t + ustart, sp - ustart);
		sdb_claims_begin_link(w->out);
		if (sp < close)
			sdb_emit_reference(w->out, w->in, entry, code, NULL,
					   sp + 1, close);
		sdb_emit_target(w->out, w->in, entry, code, url, ustart, sp);
		sdb_claims_end_link(w->out);
		free(url);
		i = close + 1;
	}
	if (!links) {
		char *v = plain(w->in, c);

		if (*v)
			sdb_emit_reference(w->out, w->in, entry, code, v,
					   c.start, c.end);
		free(v);
	}
}

static int finish_row(struct wiki *w)
{
	const struct sdb_input *in = w->in;
	struct row *r = &w->row;
	size_t i, cs, ce;
	int code, entry;

	if (!r->n || w->code_col < 0) {
		r->n = 0;
		return 0;
	}
	if (r->n != w->header.n)
		return sdb_error_at(w->err, in, r->start,
			"row has %zu cells but the table's header has %zu",
			r->n, w->header.n);
	cs = r->cells[w->code_col].start;
	ce = r->cells[w->code_col].end;
	sdb_trim_span(in, &cs, &ce);
	code = sdb_parse_code(in->text + cs, ce - cs);
	if (code < 0)
		return sdb_error_at(w->err, in, ce > cs ? cs : r->start,
			ce > cs ? "invalid status code '%.*s': want three digits, 100 to 599"
				: "row has no status code%.*s",
			(int)(ce - cs > 40 ? 40 : ce - cs), in->text + cs);
	entry = ++w->out->entries;
	if (w->heading.end > w->heading.start)
		sdb_emit_class(w->out, in, entry, code, NULL,
			       w->heading.start, w->heading.end);
	for (i = 0; i < r->n; i++) {
		struct span c = r->cells[i];
		char *v;

		sdb_trim_span(in, &c.start, &c.end);
		switch (w->roles[i]) {
		case SDB_ROLE_NAME:
			sdb_emit_name(w->out, in, entry, code, c.start, c.end);
			break;
		case SDB_ROLE_DESCRIPTION:
			v = plain(in, c);
			sdb_emit_description(w->out, in, entry, code, v,
					     c.start, c.end);
			free(v);
			break;
		case SDB_ROLE_REFERENCE:
			emit_references(w, entry, code, c);
			break;
		default:
			break;
		}
	}
	r->n = 0;
	return 0;
}

static void start_table(struct wiki *w)
{
	const char **names = sdb_xcalloc(w->header.n, sizeof(*names));
	size_t i;

	for (i = 0; i < w->header.n; i++)
		names[i] = plain(w->in, w->header.cells[i]);
	free(w->roles);
	w->roles = sdb_xcalloc(w->header.n, sizeof(*w->roles));
	w->code_col = sdb_column_roles(names, w->header.n, w->roles);
	if (w->code_col >= 0)
		w->tables++;
	for (i = 0; i < w->header.n; i++)
		free((char *)names[i]);
	free(names);
}

int sdb_import_mediawiki(const struct sdb_input *in, struct sdb_claims *out,
			 struct sdb_error *err)
{
	struct wiki w;
	size_t li, table_at = 0;
	int in_table = 0, have_header = 0, rc = 0;
	struct span *last = NULL;	/* cell that continuation lines extend */

	memset(&w, 0, sizeof(w));
	w.in = in;
	w.out = out;
	w.err = err;
	w.code_col = -1;

	for (li = 0; li < in->nlines && !rc; li++) {
		size_t ls = in->lines[li], le = sdb_input_line_end(in, li), s = ls;
		const char *t = in->text;

		while (s < le && (t[s] == ' ' || t[s] == '\t'))
			s++;
		if (!in_table) {
			if (le - s >= 2 && t[s] == '{' && t[s + 1] == '|') {
				in_table = 1;
				have_header = 0;
				table_at = s;
				w.header.n = w.row.n = 0;
				w.code_col = -1;
				last = NULL;
			} else if (t[s] == '=') {
				size_t a = s, b = le;
				int level = 0;

				while (a < b && t[a] == '=') {
					a++;
					level++;
				}
				while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
					b--;
				while (b > a && t[b - 1] == '=')
					b--;
				if (level >= 2) {
					w.heading.start = a;
					w.heading.end = b;
					sdb_trim_span(in, &w.heading.start, &w.heading.end);
				}
			}
			continue;
		}
		if (le - s >= 2 && t[s] == '{' && t[s + 1] == '|') {
			rc = sdb_error_at(err, in, s, "nested tables are not supported");
		} else if (le - s >= 2 && t[s] == '|' && t[s + 1] == '}') {
			if (!have_header && w.header.n)
				start_table(&w);
			rc = finish_row(&w);
			in_table = 0;
			w.code_col = -1;
			last = NULL;
		} else if (le - s >= 2 && t[s] == '|' && t[s + 1] == '+') {
			last = NULL;	/* a caption */
		} else if (le - s >= 2 && t[s] == '|' && t[s + 1] == '-') {
			if (!have_header && w.header.n) {
				start_table(&w);
				have_header = 1;
			}
			rc = finish_row(&w);
			w.row.start = s;
			last = NULL;
		} else if (s < le && t[s] == '!' && !have_header) {
			split_cells(in, &w.header, s + 1, le, '!');
			last = &w.header.cells[w.header.n - 1];
		} else if (s < le && (t[s] == '|' || t[s] == '!')) {
			if (!have_header) {
				if (w.header.n)
					start_table(&w);
				have_header = 1;
			}
			if (!w.row.n && w.row.start < table_at)
				w.row.start = s;
			split_cells(in, &w.row, s + 1, le, t[s]);
			last = &w.row.cells[w.row.n - 1];
		} else if (last && s < le) {
			last->end = le;	/* a cell running over lines */
		}
	}
	if (!rc && in_table)
		rc = sdb_error_at(err, in, in->len,
			"table opened at line %d is never closed with '|}'",
			sdb_input_pos(in, table_at).line);
	if (!rc && !w.tables)
		rc = sdb_error_at(err, in, 0,
			"no status-code table found (a '{|' table with a Code column)");
	free(w.header.cells);
	free(w.row.cells);
	free(w.roles);
	return rc;
}

int sdb_sniff_mediawiki(const struct sdb_input *in)
{
	size_t li;
	int open = 0, rows = 0;

	for (li = 0; li < in->nlines && li < 2000; li++) {
		const char *t = in->text + in->lines[li];
		size_t n = sdb_input_line_end(in, li) - in->lines[li];

		if (n >= 2 && t[0] == '{' && t[1] == '|')
			open = 1;
		else if (n >= 2 && t[0] == '|' && t[1] == '-')
			rows++;
	}
	return open && rows ? 90 : open ? 40 : 0;
}

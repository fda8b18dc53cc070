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
 * No library parses wikitext here, so this is a small tokenizer that
 * reads what MediaWiki's preprocessor and parser would show:
 *
 * - Comments (<!-- -->, over lines, unclosed: to the end) are dropped
 *   before anything else, so a table inside one is no table.  So are
 *   <ref>...</ref> and the other extension tags that show no text of the
 *   cell; <nowiki>, <pre> and the like show their content as it is.
 * - In a cell: [[target|label]] is its label, [[target]] its target,
 *   [[File:...]] and [[Category:...]] nothing; [http://url label] is its
 *   label (a reference cell's links are references), [text] without a
 *   URL is text; '' and ''' (italic, bold) are dropped; <br> is a space;
 *   HTML's formatting tags are dropped, other <...> are text; character
 *   references are decoded.
 * - Templates: {{abbr|OK|Okay}}, {{nowrap|X}}, {{code|X}} and other
 *   formatting templates show X, {{lang|xx|X}} X, {{!}} "|", {{nbsp}} a
 *   space, {{rfc|7231}} "RFC 7231"; footnote and maintenance templates
 *   ({{efn|...}}, {{cn}}, {{sfn|...}}, {{cite web|...}}, {{anchor|...}})
 *   show nothing.  Any other template could show anything: in a code,
 *   name, description or reference cell it is refused, with its place.
 *
 * Cells may run over several lines; a row must have as many cells as the
 * header; a table must be closed.  Tables without a code column are not
 * status tables and are skipped.  Every search for a closing bracket,
 * tag or comment is bounded by the cell (or remembered), so that the time
 * is linear in the file.
 *
 * What a cell shows (the list above) is read in mediawiki_markup.c; this
 * file reads the table's lines into rows of cells and each row into
 * claims.  mediawiki.h holds what the two share.
 */
#include "importer.h"
#include "mediawiki.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

/* 1 when the line break at off is inside a region (off only grows). */
static int break_in_region(struct wiki *w, size_t off)
{
	while (w->rcur < w->nregions && w->regions[w->rcur].end <= off)
		w->rcur++;
	return w->rcur < w->nregions && w->regions[w->rcur].start < off;
}

/* Past blanks and comments at s, up to e. */
static size_t skip_blank(const struct wiki *w, size_t s, size_t e)
{
	const char *t = w->in->text;
	size_t r = sdb_wiki_region_after(w, s);

	for (;;) {
		while (s < e && (t[s] == ' ' || t[s] == '\t'))
			s++;
		if (s < e && r < w->nregions && w->regions[r].start == s &&
		    w->regions[r].kind == REGION_COMMENT) {
			s = w->regions[r++].end;
			continue;
		}
		return s < e ? s : e;
	}
}

static void row_add(struct row *r, size_t start, size_t end)
{
	sdb_grow_array((void **)&r->cells, &r->alloc, r->n + 1, sizeof(*r->cells));
	r->cells[r->n].start = start;
	r->cells[r->n].end = end;
	r->n++;
}

/*
 * The cell separators of a line, [start, end): each '|', and each double
 * sep ("||", "!!"), outside comments, tags, links and templates.
 */
struct seps {
	size_t *at;		/* offsets */
	int *dbl;		/* 1: a double separator */
	size_t n, alloc, alloc2;
};

static void find_seps(const struct wiki *w, size_t start, size_t end,
		      char sep, struct seps *s)
{
	const char *t = w->in->text;
	size_t i = start, r = sdb_wiki_region_after(w, start);
	long square = 0, curly = 0;

	s->n = 0;
	while (i < end) {
		if (r < w->nregions && w->regions[r].start == i) {
			i = w->regions[r++].end;
			continue;
		}
		if (t[i] == '[') {
			square++;
		} else if (t[i] == ']' && square) {
			square--;
		} else if (i + 1 < end && t[i] == '{' && t[i + 1] == '{') {
			curly++;
			i++;
		} else if (i + 1 < end && t[i] == '}' && t[i + 1] == '}' &&
			   curly) {
			curly--;
			i++;
		} else if (!square && !curly && (t[i] == sep || t[i] == '|')) {
			int dbl = i + 1 < end && t[i + 1] == t[i] && t[i] == sep;

			if (dbl || t[i] == '|') {
				sdb_grow_array((void **)&s->at, &s->alloc,
					       s->n + 1, sizeof(*s->at));
				sdb_grow_array((void **)&s->dbl, &s->alloc2,
					       s->n + 1, sizeof(*s->dbl));
				s->at[s->n] = i;
				s->dbl[s->n++] = dbl;
				i += (size_t)dbl;
			}
		}
		i++;
	}
}

/* Appends the cells of one "| a || b" or "! a !! b" line to r. */
static void split_cells(const struct wiki *w, struct row *r, size_t start,
			size_t end, char sep)
{
	struct seps s;
	size_t i, cell = start, first_single = (size_t)-1;

	memset(&s, 0, sizeof(s));
	find_seps(w, start, end, sep, &s);
	for (i = 0; i <= s.n; i++) {
		size_t e = i < s.n ? s.at[i] : end;

		if (i < s.n && !s.dbl[i]) {
			if (first_single == (size_t)-1)
				first_single = s.at[i];
			continue;
		}
		/* "style=... | content": attributes before a single bar */
		if (first_single != (size_t)-1 &&
		    memchr(w->in->text + cell, '=', first_single - cell))
			row_add(r, first_single + 1, e);
		else
			row_add(r, cell, e);
		if (i < s.n)
			cell = s.at[i] + 2;
		first_single = (size_t)-1;
	}
	free(s.at);
	free(s.dbl);
}

/*
 * What cell c shows, folded, into m (initialized).  A template showing
 * unknown text is an error when strict.  Returns 0 or -1.
 */
static int template_error(struct wiki *w, const struct tpl_error *te)
{
	return sdb_error_at(w->err, w->in, te->at,
		"template '{{%s}}' shows text statusdb cannot tell (it reads "
		"abbr, lang, nowrap, code, rfc and the like, and drops "
		"footnotes)", te->name);
}

static int cell_text(struct wiki *w, struct span c, struct sdb_mtext *m,
		     int strict)
{
	struct sdb_mtext raw;
	struct tpl_error te;

	sdb_mtext_init(&raw);
	sdb_wiki_text(w, c.start, c.end, &raw, &te);
	sdb_mtext_fold(m, &raw);
	sdb_mtext_release(&raw);
	return strict && te.at != (size_t)-1 ? template_error(w, &te) : 0;
}

/* The bytes [a, b) of m as a text of their own. */
static void sub_text(const struct sdb_mtext *m, size_t a, size_t b,
		     struct sdb_mtext *out)
{
	size_t i;

	sdb_mtext_init(out);
	for (i = a; i < b; i++)
		sdb_mtext_add(out, m->s.s + i, 1, m->from[i], m->to[i]);
}

/* A reference cell: its "[url label]" links, else its text. */
static int emit_references(struct wiki *w, int entry, int code, struct span c)
{
	struct sdb_mtext raw, f, label;
	struct tpl_error te;
	struct sdb_buf url = SDB_BUF_INIT;
	size_t k;

	sdb_mtext_init(&raw);
	sdb_wiki_text(w, c.start, c.end, &raw, &te);
	if (te.at != (size_t)-1) {
		sdb_mtext_release(&raw);
		return template_error(w, &te);
	}
	for (k = 0; k < w->nlinks; k++) {
		const struct xlink *x = &w->links[k];

		sdb_buf_reset(&url);
		sdb_decode_entities(&url, w->in->text + x->url,
				    x->url_end - x->url);
		sdb_claims_begin_link(w->out);
		sub_text(&raw, x->label, x->label_end, &label);
		sdb_emit_reference_m(w->out, w->in, entry, code, &label);
		sdb_mtext_release(&label);
		sdb_emit_target(w->out, w->in, entry, code, url.s, x->url,
				x->url_end);
		sdb_claims_end_link(w->out);
	}
	if (!w->nlinks) {
		sdb_mtext_init(&f);
		sdb_mtext_fold(&f, &raw);
		sdb_emit_reference_m(w->out, w->in, entry, code, &f);
		sdb_mtext_release(&f);
	}
	sdb_buf_release(&url);
	sdb_mtext_release(&raw);
	return 0;
}

static int finish_row(struct wiki *w)
{
	const struct sdb_input *in = w->in;
	struct row *r = &w->row;
	struct sdb_mtext m;
	size_t i;
	int code, entry, rc = 0;

	if (!r->n || w->code_col < 0) {
		r->n = 0;
		return 0;
	}
	if (r->n != w->header.n)
		return sdb_error_at(w->err, in, r->start,
			"row has %zu cells but the table's header has %zu",
			r->n, w->header.n);
	sdb_mtext_init(&m);
	if (cell_text(w, r->cells[w->code_col], &m, 1)) {
		sdb_mtext_release(&m);
		return -1;
	}
	code = sdb_parse_code(m.s.s, m.s.len);
	if (code < 0) {
		rc = sdb_error_at(w->err, in, m.s.len ? m.from[0] : r->start,
			m.s.len ? "invalid status code '%.*s': want three digits, 100 to 599"
				: "row has no status code%.*s",
			(int)(m.s.len > 40 ? 40 : m.s.len), m.s.s);
		sdb_mtext_release(&m);
		return rc;
	}
	sdb_mtext_release(&m);
	entry = ++w->out->entries;
	if (w->heading.end > w->heading.start) {
		sdb_mtext_init(&m);
		if (cell_text(w, w->heading, &m, 1)) {
			sdb_mtext_release(&m);
			return -1;
		}
		if (m.s.len) {
			size_t s, e;

			sdb_mtext_span(&m, 0, m.s.len, &s, &e);
			sdb_emit_class(w->out, in, entry, code, m.s.s, s, e);
		}
		sdb_mtext_release(&m);
	}
	for (i = 0; i < r->n && !rc; i++) {
		enum sdb_role role = w->roles[i];

		if (role == SDB_ROLE_REFERENCE) {
			rc = emit_references(w, entry, code, r->cells[i]);
			continue;
		}
		if (role != SDB_ROLE_NAME && role != SDB_ROLE_DESCRIPTION)
			continue;
		sdb_mtext_init(&m);
		rc = cell_text(w, r->cells[i], &m, 1);
		if (!rc && role == SDB_ROLE_NAME)
			sdb_emit_name_m(w->out, in, entry, code, &m);
		else if (!rc)
			sdb_emit_description_m(w->out, in, entry, code, &m);
		sdb_mtext_release(&m);
	}
	r->n = 0;
	return rc;
}

static void start_table(struct wiki *w)
{
	const char **names = sdb_xcalloc(w->header.n, sizeof(*names));
	size_t i;

	for (i = 0; i < w->header.n; i++) {
		struct sdb_mtext m;

		sdb_mtext_init(&m);
		cell_text(w, w->header.cells[i], &m, 0);
		names[i] = sdb_buf_detach(&m.s);
		sdb_mtext_release(&m);
	}
	free(w->roles);
	w->roles = sdb_xcalloc(w->header.n, sizeof(*w->roles));
	w->code_col = sdb_column_roles(names, w->header.n, w->roles);
	if (w->code_col >= 0)
		w->tables++;
	for (i = 0; i < w->header.n; i++)
		free((char *)names[i]);
	free(names);
}

/* "==4xx: Client Error==": the heading's text, level 2 or deeper. */
static void heading(struct wiki *w, size_t s, size_t le)
{
	const char *t = w->in->text;
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
		w->heading.start = a;
		w->heading.end = b;
		sdb_trim_span(w->in, &w->heading.start, &w->heading.end);
	}
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
	sdb_wiki_find_regions(&w);

	for (li = 0; li < in->nlines && !rc;) {
		size_t ls = in->lines[li], le = sdb_input_line_end(in, li), s;
		const char *t = in->text;

		/* a line break inside a comment or a tag does not end it */
		while (li + 1 < in->nlines && break_in_region(&w, le))
			le = sdb_input_line_end(in, ++li);
		li++;
		s = skip_blank(&w, ls, le);
		if (s == le)
			continue;	/* blank, or only comments */
		if (!in_table) {
			if (le - s >= 2 && t[s] == '{' && t[s + 1] == '|') {
				in_table = 1;
				have_header = 0;
				table_at = s;
				w.header.n = w.row.n = 0;
				w.code_col = -1;
				last = NULL;
			} else if (t[s] == '=') {
				heading(&w, s, le);
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
		} else if (t[s] == '!' && !have_header) {
			split_cells(&w, &w.header, s + 1, le, '!');
			last = &w.header.cells[w.header.n - 1];
		} else if (t[s] == '|' || t[s] == '!') {
			if (!have_header) {
				if (w.header.n)
					start_table(&w);
				have_header = 1;
			}
			if (!w.row.n && w.row.start < table_at)
				w.row.start = s;
			split_cells(&w, &w.row, s + 1, le, t[s]);
			last = &w.row.cells[w.row.n - 1];
		} else if (last) {
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
	free(w.regions);
	free(w.pairs);
	free(w.links);
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

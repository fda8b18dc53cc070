/*
 * iana_text.c - IANA's plain-text page of a registry
 * (http-status-codes.txt): the HTML page rendered as text.
 *
 *      Last Updated
 *      2025-09-15                                 the version
 *   ...
 *   HTTP Status Codes                             a registry's title
 *   ...                                           its procedure and note
 *       Value          Description          Reference
 *        100   Continue                     [RFC9110, Section 15.2.1]
 *        104   Upload Resumption Supported  [draft-ietf-httpbis-...]
 *              (TEMPORARY - registered ...)   a continuation line
 *      105-199 Unassigned
 *
 * The table has fixed-width columns, one space or more between them;
 * the widths differ from version to version, so they are found from the
 * header line (its labels give the columns' order and roles, text.h
 * sdb_column_role) and the rows under it, in one of three layouts:
 * a rule of dashes under the header marks each column; labels
 * left-aligned over their columns start them; or, as on IANA's page,
 * labels are centred over their columns, and each label tells its
 * column's width to one character.  A column starts where every row is
 * blank just before it, and text in it starts where it does: rows that
 * fit no layout are refused, not guessed at.  Widths are counted in
 * characters, not bytes.
 *
 * A row whose code cell is empty continues the row above: its cells are
 * joined to that row's, and a value's raw text then runs over both
 * lines.  Ranges and codes named "Unassigned" are code ranges.  A
 * reference cell holds bracketed citations, possibly several run
 * together, possibly free text (pieces.h).  The rows end at a blank line
 * not followed by another row.  A page with several registries has one
 * table each: the one titled "HTTP Status Codes" is read, else the first.
 */
#include "importer.h"
#include "pieces.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

#define MAX_COLS 16

/* A header label: char columns [a, b) and bytes [start, end) of its line. */
struct label {
	size_t a, b;
	size_t start, end;
};

struct table {
	size_t header;		/* line of the header */
	size_t first, last;	/* rows: lines [first, last) */
	int rule;		/* a line of dashes under the header */
	size_t ncols;
	struct label labels[MAX_COLS];
	enum sdb_role roles[MAX_COLS];
	int code_col, name_col;
	size_t col[MAX_COLS];	/* char column where column i starts */
};

/* The row being read, until the next one starts. */
struct row {
	int entry, first, last;
	size_t cs, ce;		/* the code cell */
	struct sdb_pieces cell[MAX_COLS];
};

static int is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

static int blank_line(const struct sdb_input *in, size_t li)
{
	size_t s = in->lines[li], e = sdb_input_line_end(in, li);

	sdb_trim_span(in, &s, &e);
	return s == e;
}

/* Bytes of the character at text[i]. */
static size_t char_len(const struct sdb_input *in, size_t i, size_t end)
{
	size_t j = i + 1;

	while (j < end && is_cont((unsigned char)in->text[j]))
		j++;
	return j - i;
}

/*
 * Splits line li at runs of two or more blanks into labels.  Returns how
 * many, or MAX_COLS + 1 when there are more than MAX_COLS.
 */
static size_t split_labels(const struct sdb_input *in, size_t li,
			   struct label *l)
{
	const char *t = in->text;
	size_t i = in->lines[li], end = sdb_input_line_end(in, li), col = 0;
	size_t n = 0, gap = 0, k;
	int open = 0;

	for (; i < end; i += k, col++) {
		k = char_len(in, i, end);
		if (t[i] == ' ' || t[i] == '\t') {
			gap++;
			continue;
		}
		if (!open || gap >= 2) {
			n += open;
			if (n == MAX_COLS)
				return MAX_COLS + 1;
			l[n].a = col;
			l[n].start = i;
			open = 1;
		}
		l[n].b = col + 1;
		l[n].end = i + k;
		gap = 0;
	}
	return n + (size_t)open;
}

static char *label_text(const struct sdb_input *in, const struct label *l)
{
	return sdb_xstrndup(in->text + l->start, l->end - l->start);
}

/* 1 when line li starts (past blanks) with a code or range and a gap. */
static int row_like(const struct sdb_input *in, size_t li)
{
	const char *t = in->text;
	size_t s = in->lines[li], e = sdb_input_line_end(in, li), w;
	int first, last;

	while (s < e && (t[s] == ' ' || t[s] == '\t'))
		s++;
	for (w = s; w < e && t[w] != ' ' && t[w] != '\t'; w++)
		;
	return w > s && !sdb_parse_codes(t + s, w - s, &first, &last);
}

/* A line of dashes under the header ("-----  ------"). */
static int dashes(const struct sdb_input *in, size_t li)
{
	size_t s = in->lines[li], e = sdb_input_line_end(in, li), i;
	int any = 0;

	for (i = s; i < e; i++) {
		if (in->text[i] == '-')
			any = 1;
		else if (in->text[i] != ' ' && in->text[i] != '\t')
			return 0;
	}
	return any;
}

/*
 * Is line li a header (a code column and another known one, a row under
 * it)?  Fills t's labels and roles.
 */
static int is_header(const struct sdb_input *in, size_t li, struct table *t)
{
	char *names[MAX_COLS];
	size_t n = split_labels(in, li, t->labels), i, next = li + 1;
	int known = 0;

	if (n < 2 || n > MAX_COLS)
		return 0;
	for (i = 0; i < n; i++)
		names[i] = label_text(in, &t->labels[i]);
	t->code_col = sdb_column_roles((const char *const *)names, n, t->roles);
	for (i = 0; i < n; i++) {
		free(names[i]);
		known += t->roles[i] == SDB_ROLE_NAME ||
			 t->roles[i] == SDB_ROLE_DESCRIPTION ||
			 t->roles[i] == SDB_ROLE_REFERENCE;
	}
	if (t->code_col != 0 || !known)
		return 0;
	t->ncols = n;
	t->header = li;
	t->rule = next < in->nlines && dashes(in, next);
	next += (size_t)t->rule;
	t->first = next;
	return next < in->nlines && row_like(in, next);
}

/* The rows under the header: up to a blank line that no row follows. */
static void find_rows(const struct sdb_input *in, struct table *t)
{
	size_t li = t->first;

	while (li < in->nlines) {
		size_t k = li;

		while (k < in->nlines && blank_line(in, k))
			k++;
		if (k == in->nlines || (k > li && !row_like(in, k)))
			break;
		li = k + 1;
	}
	t->last = li;
}

/* The line's char width. */
static size_t line_width(const struct sdb_input *in, size_t li)
{
	size_t i, w = 0, e = sdb_input_line_end(in, li);

	for (i = in->lines[li]; i < e; i++)
		w += !is_cont((unsigned char)in->text[i]);
	return w;
}

/* Where the table's rows have ink, and where their words start. */
struct ink {
	unsigned char *ink;	/* [col]: a row has a character there */
	size_t *starts;		/* [col]: rows with a word starting there */
	size_t w;		/* the widest row's text, in characters */
};

/* 1 when every row is blank just before column p. */
static int clear_before(const struct ink *k, size_t p)
{
	return p >= 1 && (p > k->w || !k->ink[p - 1]);
}

static size_t starts_at(const struct ink *k, size_t p)
{
	return p < k->w ? k->starts[p] : 0;
}

/* A rule of dashes under the header: one run per column. */
static int by_rule(const struct sdb_input *in, const struct table *t,
		   const struct ink *k, size_t *col)
{
	struct label runs[MAX_COLS];
	size_t n, i;

	if (!t->rule)
		return 0;
	n = split_labels(in, t->header + 1, runs);
	if (n != t->ncols)
		return 0;
	for (i = 1; i < n; i++) {
		col[i] = runs[i].a;
		if (!clear_before(k, col[i]))
			return 0;
	}
	return 1;
}

/* Labels left-aligned over their columns: each column starts at its label. */
static int left_aligned(const struct table *t, const struct ink *k, size_t *col)
{
	size_t i;

	for (i = 1; i < t->ncols; i++) {
		col[i] = t->labels[i].a;
		if (!clear_before(k, col[i]) || !starts_at(k, col[i]))
			return 0;
	}
	return 1;
}

/*
 * Labels centred over their columns (IANA's page): the first column past
 * the codes starts where most rows have a word after a blank between the
 * code's label and its own; each next one a space past the end of the
 * column before, whose width its centred label tells (to one character);
 * and no row runs past the width the last label tells.  Returns 0, or
 * the column that does not fit.
 */
static size_t centred(const struct table *t, const struct ink *k, size_t *col)
{
	size_t i, p, best = 0, n = t->ncols;
	int found = 0;

	for (p = t->labels[0].b + 1; p <= t->labels[1].a; p++)
		if (clear_before(k, p) &&
		    (!found || starts_at(k, p) > starts_at(k, best))) {
			best = p;
			found = 1;
		}
	if (!found)
		return 1;
	col[1] = best;
	for (i = 2; i <= n; i++) {
		const struct label *l = &t->labels[i - 1];
		size_t s = col[i - 1];

		if (l->a < s)
			return i - 1;
		p = s + 2 * (l->a - s) + (l->b - l->a) + 1;	/* just past */
		if (i == n)
			return k->w > p ? i - 1 : 0;
		if (clear_before(k, p + 1) && (starts_at(k, p + 1) ||
					       !clear_before(k, p)))
			p++;
		else if (!clear_before(k, p))
			return i;
		col[i] = p;
	}
	return 0;
}

/* Where each column starts (see the comment at the top).  Returns 0, or -1. */
static int find_columns(const struct sdb_input *in, struct table *t,
			struct sdb_error *err)
{
	struct ink k;
	size_t li, i, bad;
	int rc = 0;

	k.w = 0;
	for (li = t->first; li < t->last; li++)
		if (line_width(in, li) > k.w)
			k.w = line_width(in, li);
	k.ink = sdb_xcalloc(k.w + 1, 1);
	k.starts = sdb_xcalloc(k.w + 1, sizeof(*k.starts));
	for (k.w = 0, li = t->first; li < t->last; li++) {
		size_t e = sdb_input_line_end(in, li), col = 0;
		int prev_blank = 1;

		for (i = in->lines[li]; i < e; i++) {
			char c = in->text[i];

			if (is_cont((unsigned char)c))
				continue;
			if (c != ' ' && c != '\t') {
				k.ink[col] = 1;
				k.starts[col] += prev_blank;
				if (col + 1 > k.w)
					k.w = col + 1;	/* trailing blanks aside */
			}
			prev_blank = c == ' ' || c == '\t';
			col++;
		}
	}
	t->col[0] = 0;
	if (!by_rule(in, t, &k, t->col) && !left_aligned(t, &k, t->col) &&
	    (bad = centred(t, &k, t->col)) != 0) {
		const struct label *l = &t->labels[bad];

		rc = sdb_error_at(err, in, l->start,
			"cannot tell where column '%.*s' starts: the rows do not "
			"line up under the header", (int)(l->end - l->start),
			in->text + l->start);
	}
	free(k.ink);
	free(k.starts);
	return rc;
}

/* Byte offsets of the columns' starts in line li (its end if short). */
static void cell_offsets(const struct sdb_input *in, const struct table *t,
			 size_t li, size_t *off)
{
	size_t e = sdb_input_line_end(in, li), i = in->lines[li], col = 0, k;

	off[0] = i;
	for (k = 1; k < t->ncols; k++) {
		while (i < e && col < t->col[k]) {
			i += char_len(in, i, e);
			col++;
		}
		off[k] = i;
	}
	off[t->ncols] = e;
}

static void flush(const struct sdb_input *in, const struct table *t,
		  struct row *r, struct sdb_claims *out)
{
	const struct sdb_pieces *name = t->name_col >= 0 ?
					&r->cell[t->name_col] : NULL;
	size_t i;

	if (!r->entry)
		return;
	if (r->first != r->last ||
	    (name && sdb_strieq(name->text.s, "unassigned"))) {
		size_t s = r->cs, e = r->ce;

		if (name && name->text.len)
			sdb_pieces_span(name, 0, name->text.len, &s, &e);
		sdb_claims_add_range(out, r->first, r->last,
				     name && name->text.len ? name->text.s
				     : "Unassigned", s, e);
		r->entry = 0;
		return;
	}
	for (i = 0; i < t->ncols; i++)
		sdb_pieces_emit_role(out, in, r->entry, r->first, t->roles[i],
				     &r->cell[i]);
	r->entry = 0;
}

/*
 * Text in a column other than the codes' starts where the column does
 * (cells are left-aligned): else the rows do not line up and a word may
 * have landed in the wrong column.  Returns 0, or -1 with err set.
 */
static int check_aligned(const struct sdb_input *in, const struct table *t,
			 const size_t *off, struct sdb_error *err)
{
	size_t i, s, e;

	for (i = 0; i < t->ncols; i++) {
		if ((int)i == t->code_col || off[i] == off[i + 1] ||
		    (in->text[off[i]] != ' ' && in->text[off[i]] != '\t'))
			continue;
		s = off[i];
		e = off[i + 1];
		sdb_trim_span(in, &s, &e);
		if (s == e)
			continue;
		return sdb_error_at(err, in, s,
			"'%.*s' does not start where its column '%.*s' does: "
			"the table's columns do not line up",
			sdb_excerpt_len(in->text + s, e - s, 30), in->text + s,
			(int)(t->labels[i].end - t->labels[i].start),
			in->text + t->labels[i].start);
	}
	return 0;
}

static int read_rows(const struct sdb_input *in, const struct table *t,
		     struct sdb_claims *out, struct sdb_error *err)
{
	struct row r;
	size_t off[MAX_COLS + 1], li, i;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	for (i = 0; i < t->ncols; i++)
		sdb_pieces_init(&r.cell[i]);
	for (li = t->first; li < t->last && !rc; li++) {
		size_t cs, ce;

		if (blank_line(in, li))
			continue;
		cell_offsets(in, t, li, off);
		if ((rc = check_aligned(in, t, off, err)) != 0)
			break;
		cs = off[t->code_col];
		ce = off[t->code_col + 1];
		sdb_trim_span(in, &cs, &ce);
		if (cs == ce) {
			/* a continuation line */
			if (!r.entry) {
				size_t s = in->lines[li], e = off[t->ncols];

				sdb_trim_span(in, &s, &e);
				rc = sdb_error_at(err, in, s,
					"line continues no row: '%.*s'",
					sdb_excerpt_len(in->text + s, e - s, 40),
					in->text + s);
				break;
			}
			for (i = 0; i < t->ncols; i++) {
				if ((int)i == t->code_col)
					continue;
				sdb_pieces_addch(&r.cell[i], ' ', off[i], off[i]);
				sdb_pieces_add(&r.cell[i], in, off[i], off[i + 1]);
			}
			continue;
		}
		flush(in, t, &r, out);
		if (sdb_parse_codes(in->text + cs, ce - cs, &r.first, &r.last)) {
			rc = sdb_error_at(err, in, cs,
				"invalid status code '%.*s': want three digits, 100 "
				"to 599 or a range such as 105-199",
				sdb_excerpt_len(in->text + cs, ce - cs, 40),
				in->text + cs);
			break;
		}
		r.entry = ++out->entries;
		r.cs = cs;
		r.ce = ce;
		for (i = 0; i < t->ncols; i++) {
			sdb_pieces_reset(&r.cell[i]);
			if ((int)i != t->code_col)
				sdb_pieces_add(&r.cell[i], in, off[i], off[i + 1]);
		}
	}
	if (!rc)
		flush(in, t, &r, out);
	for (i = 0; i < t->ncols; i++)
		sdb_pieces_release(&r.cell[i]);
	return rc;
}

/* "2025-09-15" at text[s, e). */
static int is_date(const char *s, size_t n)
{
	size_t i;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < n; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return 1;
}

/* "Last Updated" and the date after it, on its line or the next. */
static char *find_version(const struct sdb_input *in, size_t before)
{
	size_t li;

	for (li = 0; li < before; li++) {
		size_t s = in->lines[li], e = sdb_input_line_end(in, li);

		sdb_trim_span(in, &s, &e);
		if (e - s < 12 || !sdb_strnieq(in->text + s, "last updated", 12))
			continue;
		s += 12;
		while (s < e && (in->text[s] == ':' || in->text[s] == ' '))
			s++;
		if (s == e) {
			while (++li < before && blank_line(in, li))
				;
			if (li == before)
				return NULL;
			s = in->lines[li];
			e = sdb_input_line_end(in, li);
			sdb_trim_span(in, &s, &e);
		}
		return is_date(in->text + s, e - s) ?
		       sdb_xstrndup(in->text + s, e - s) : NULL;
	}
	return NULL;
}

/* The table to read: under "HTTP Status Codes", else the first.  0 or -1. */
static int find_table(const struct sdb_input *in, struct table *t)
{
	struct table cand;
	size_t li;
	int found = 0, http = 0;

	for (li = 0; li < in->nlines; li++) {
		const char *s = in->text + in->lines[li];
		size_t e = sdb_input_line_end(in, li), b = in->lines[li];

		if (!is_header(in, li, &cand)) {
			/* a title stands at the margin */
			if (e > b && *s != ' ' && *s != '\t') {
				sdb_trim_span(in, &b, &e);
				http = e - b == 17 && sdb_strnieq(in->text + b,
							"http status codes", 17);
			}
			continue;
		}
		if (!found || http) {
			*t = cand;
			found = 1;
		}
		if (http)
			break;
	}
	return found ? 0 : -1;
}

int sdb_import_iana_text(const struct sdb_input *in, struct sdb_claims *out,
			 struct sdb_error *err)
{
	struct table t;
	size_t i;

	memset(&t, 0, sizeof(t));
	if (find_table(in, &t))
		return sdb_error_at(err, in, 0,
			"no status-code table found (want a header line such as "
			"'Value  Description  Reference' above the rows)");
	out->version = find_version(in, t.header);
	find_rows(in, &t);
	if (find_columns(in, &t, err))
		return -1;
	t.name_col = -1;
	for (i = 0; i < t.ncols; i++)
		if (t.roles[i] == SDB_ROLE_NAME)
			t.name_col = (int)i;
	return read_rows(in, &t, out, err);
}

int sdb_sniff_iana_text(const struct sdb_input *in)
{
	struct table t;

	return find_table(in, &t) ? 0 : 90;
}

/*
 * csv.c - delimiter-separated values with a header row naming the
 * columns: IANA's own CSV of the registry and the copies projects keep,
 * statusdb's own CSV export, spreadsheets saved as CSV.
 *
 *   Value,Description,Reference
 *   100,Continue,"[RFC9110, Section 15.2.1]"
 *   105-199,Unassigned,
 *   510,Not Extended (OBSOLETED),[RFC2774][Status change of HTTP ...]
 *
 * RFC 4180: fields separated by the delimiter, records by LF, CRLF or a
 * lone CR; a field in double quotes may hold the delimiter, line breaks
 * and doubled quotes ("") standing for one.  The delimiter (',', ';' or
 * TAB) is the one the header line uses most.  Columns get their roles
 * from their headers (text.h, sdb_column_role) or from --column
 * overrides; unknown columns are ignored.  A value's raw text is the
 * field inside its quotes.
 *
 * Rows: empty ones are skipped; a row may have fewer fields than the
 * header (the missing ones are empty), not more, except empty ones left
 * by trailing delimiters.  The code is three digits from 100 to 599, a
 * range ("105-199"), or a class ("1xx", whose name becomes the class of
 * the codes of that class that follow); anything else is refused at its
 * place.  Ranges and codes named "Unassigned" are code ranges.  A
 * reference cell holds bracketed citations run together ("[RFC7232,
 * Section 4.2][RFC8144]"), one reference each, or citations separated
 * by ';' ("RFC 9110, Section 15.5.14; RFC 8470"); text naming no
 * document is a reference of its own, a URL a link.
 */
#include "importer.h"
#include "pieces.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

/* A field of the record being read. */
struct field {
	size_t at;		/* where it starts (its quote, if quoted) */
	size_t start, end;	/* its text: inside the quotes, or trimmed */
	int doubled;		/* holds "" standing for one quote */
};

struct csv {
	const struct sdb_input *in;
	struct sdb_claims *out;
	struct sdb_error *err;
	char delim;
	size_t pos;		/* where the next record starts */
	size_t rec;		/* where the record read last starts */
	struct field *f;
	size_t nf, falloc;
	/* the header */
	size_t ncols;
	char **names;		/* owned */
	enum sdb_role *roles;	/* owned */
	int code_col, name_col;
	/* the class row in force ("1xx,Informational"), 0: none */
	int class_digit;
	struct sdb_pieces cls, cell;
};

/* The delimiter the line at text[i] uses most, outside quotes; 0: none. */
static char sniff_delim(const struct sdb_input *in, size_t i)
{
	const char *t = in->text;
	size_t comma = 0, semi = 0, tab = 0;
	int quoted = 0;

	for (; i < in->len && (quoted || (t[i] != '\n' && t[i] != '\r')); i++) {
		if (t[i] == '"')
			quoted = !quoted;
		else if (!quoted && t[i] == ',')
			comma++;
		else if (!quoted && t[i] == ';')
			semi++;
		else if (!quoted && t[i] == '\t')
			tab++;
	}
	if (!comma && !semi && !tab)
		return 0;
	if (comma >= semi && comma >= tab)
		return ',';
	return semi >= tab ? ';' : '\t';
}

/* What a message quotes of the text at i. */
static int quote_len(const struct sdb_input *in, size_t i, size_t max)
{
	return sdb_excerpt_len(in->text + i, in->len - i, max);
}

/* Skips spaces (and tabs, unless they separate fields) from i. */
static size_t skip_blank(const struct csv *c, size_t i)
{
	while (i < c->in->len && (c->in->text[i] == ' ' ||
				  (c->in->text[i] == '\t' && c->delim != '\t')))
		i++;
	return i;
}

static struct field *new_field(struct csv *c)
{
	sdb_grow_array((void **)&c->f, &c->falloc, c->nf + 1, sizeof(*c->f));
	memset(&c->f[c->nf], 0, sizeof(*c->f));
	return &c->f[c->nf++];
}

/*
 * Reads the record at c->pos into c->f.  Returns 1 when it read one, 0 at
 * the end of the text, -1 with the error set.
 */
static int next_record(struct csv *c)
{
	const char *t = c->in->text;
	size_t len = c->in->len, i, j;

	if (c->pos >= len)
		return 0;
	c->nf = 0;
	c->rec = c->pos;
	for (i = c->pos;;) {
		struct field *f = new_field(c);

		f->at = i;
		j = skip_blank(c, i);
		if (j < len && t[j] == '"') {
			const char *q;

			f->at = j;
			f->start = j + 1;
			for (i = j + 1;; i = (size_t)(q - t) + 2) {
				q = i < len ? memchr(t + i, '"', len - i) : NULL;
				if (!q)
					return sdb_error_at(c->err, c->in, j,
						"quoted field is not closed: no '\"' after it");
				if ((size_t)(q - t) + 1 < len && q[1] == '"')
					f->doubled = 1;
				else
					break;
			}
			f->end = (size_t)(q - t);
			i = skip_blank(c, f->end + 1);
			if (i < len && t[i] != c->delim && t[i] != '\n' &&
			    t[i] != '\r')
				return sdb_error_at(c->err, c->in, i,
					"text after the closing quote of a field: '%.*s'",
					quote_len(c->in, i, 20), t + i);
		} else {
			for (i = j; i < len && t[i] != c->delim && t[i] != '\n' &&
			     t[i] != '\r'; i++)
				;
			f->start = j;
			f->end = i;
			sdb_trim_span(c->in, &f->start, &f->end);
		}
		if (i < len && t[i] == c->delim) {
			i++;
			continue;
		}
		if (i < len && t[i] == '\r')
			i++;
		if (i < len && t[i] == '\n')
			i++;
		c->pos = i;
		return 1;
	}
}

/* 1 when every field of the record is empty (a blank line, ",,,"). */
static int empty_record(const struct csv *c)
{
	size_t i;

	for (i = 0; i < c->nf; i++)
		if (c->f[i].end > c->f[i].start)
			return 0;
	return 1;
}

/* Reads the next record that is not empty.  As next_record(). */
static int next_row(struct csv *c)
{
	int rc;

	while ((rc = next_record(c)) == 1 && empty_record(c))
		;
	return rc;
}

/* The field's value, quotes unescaped, into p (reset first). */
static void field_pieces(const struct csv *c, const struct field *f,
			 struct sdb_pieces *p)
{
	const char *t = c->in->text;
	size_t i, run;

	sdb_pieces_reset(p);
	if (!f->doubled) {
		sdb_pieces_add(p, c->in, f->start, f->end);
		return;
	}
	for (i = run = f->start; i < f->end; i++) {
		if (t[i] != '"')
			continue;
		sdb_pieces_add(p, c->in, run, i);
		sdb_pieces_addch(p, '"', i, i + 2);
		run = ++i + 1;
	}
	sdb_pieces_add(p, c->in, run, f->end);
}

/* "1xx" .. "5xx": the class digit, else 0. */
static int class_digit(const char *s, size_t n)
{
	if (n == 3 && s[0] >= '1' && s[0] <= '5' && (s[1] == 'x' || s[1] == 'X') &&
	    (s[2] == 'x' || s[2] == 'X'))
		return s[0] - '0';
	return 0;
}

/* Field col of the row, or an empty one when the row is short. */
static const struct field *row_field(const struct csv *c, int col)
{
	static const struct field none = { 0, 0, 0, 0 };

	return col >= 0 && (size_t)col < c->nf ? &c->f[col] : &none;
}

static int do_row(struct csv *c)
{
	const struct sdb_input *in = c->in;
	const struct field *cf = row_field(c, c->code_col), *nf;
	const char *cs = in->text + cf->start;
	size_t n = cf->end - cf->start, i;
	int first, last, entry, digit;

	for (i = c->ncols; i < c->nf; i++)
		if (c->f[i].end > c->f[i].start)
			return sdb_error_at(c->err, in, c->f[i].at,
				"row has more fields than the header's %zu: '%.*s'",
				c->ncols, sdb_excerpt_len(in->text + c->f[i].start,
				c->f[i].end - c->f[i].start, 40),
				in->text + c->f[i].start);
	nf = row_field(c, c->name_col);
	if ((digit = class_digit(cs, n)) != 0) {
		c->class_digit = digit;
		field_pieces(c, nf, &c->cls);
		return 0;
	}
	if (!n)
		return sdb_error_at(c->err, in, (size_t)c->code_col < c->nf ?
				    cf->at : c->rec,
				    "row has no status code (column '%.*s')",
				    sdb_excerpt_len(c->names[c->code_col],
						    strlen(c->names[c->code_col]), 40),
				    c->names[c->code_col]);
	if (sdb_parse_codes(cs, n, &first, &last))
		return sdb_error_at(c->err, in, cf->start,
			"invalid status code '%.*s': want three digits, 100 to 599"
			" or a range such as 105-199", sdb_excerpt_len(cs, n, 40), cs);
	entry = ++c->out->entries;
	field_pieces(c, nf, &c->cell);
	if (first != last || sdb_strieq(c->cell.text.s, "unassigned")) {
		size_t s = cf->start, e = cf->end;

		if (c->cell.text.len)
			sdb_pieces_span(&c->cell, 0, c->cell.text.len, &s, &e);
		sdb_claims_add_range(c->out, first, last, c->cell.text.len ?
				     c->cell.text.s : "Unassigned", s, e);
		return 0;
	}
	if (c->class_digit && c->class_digit != first / 100)
		c->class_digit = 0;
	if (c->class_digit)
		sdb_pieces_emit(c->out, in, entry, first, SDB_FIELD_CLASS,
				&c->cls);
	for (i = 0; i < c->nf && i < c->ncols; i++) {
		if (c->roles[i] == SDB_ROLE_OTHER || c->roles[i] == SDB_ROLE_CODE)
			continue;
		field_pieces(c, &c->f[i], &c->cell);
		sdb_pieces_emit_role(c->out, in, entry, first, c->roles[i],
				     &c->cell);
	}
	return 0;
}

/* The roles of the header's columns: --column overrides, else headers. */
static int assign_roles(struct csv *c)
{
	const struct sdb_input *in = c->in;
	const char *const *o;
	int *forced = sdb_xcalloc(c->ncols + 1, sizeof(*forced));
	int seen[SDB_ROLE_CLASS + 1] = { 0 }, desc = -1, rc = 0;
	size_t i;

	/* every override names a column of this header */
	for (o = in->columns; o && *o; o++) {
		const char *key = strchr(*o, '=');

		for (i = 0; key && i < c->ncols; i++)
			if (!strcmp(c->names[i], key + 1))
				break;
		if (key && i == c->ncols) {
			rc = sdb_error_at(c->err, in, c->rec,
				"the header has no column '%.*s' (--column %.*s)",
				sdb_excerpt_len(key + 1, strlen(key + 1), 40),
				key + 1, sdb_excerpt_len(*o, strlen(*o), 60), *o);
			goto out;
		}
	}
	for (i = 0; i < c->ncols; i++) {
		enum sdb_role r;

		if (sdb_column_override(in, c->names[i], &r)) {
			c->roles[i] = r;
			forced[i] = 1;
		} else {
			c->roles[i] = sdb_column_role(c->names[i]);
			if (sdb_column_overridden(in, c->roles[i]))
				c->roles[i] = SDB_ROLE_OTHER;
		}
	}
	/* one column per role, the first; references may be several */
	for (i = 0; i < c->ncols; i++) {
		enum sdb_role r = c->roles[i];

		if (r == SDB_ROLE_OTHER || r == SDB_ROLE_REFERENCE)
			continue;
		if (seen[r]) {
			c->roles[i] = SDB_ROLE_OTHER;
			continue;
		}
		seen[r] = 1;
		if (r == SDB_ROLE_DESCRIPTION && !forced[i])
			desc = (int)i;
	}
	/* Value / Description / Reference: the description is the name */
	if (!seen[SDB_ROLE_NAME] && desc >= 0)
		c->roles[desc] = SDB_ROLE_NAME;
	c->code_col = c->name_col = -1;
	for (i = 0; i < c->ncols; i++) {
		if (c->roles[i] == SDB_ROLE_CODE)
			c->code_col = (int)i;
		else if (c->roles[i] == SDB_ROLE_NAME)
			c->name_col = (int)i;
	}
out:
	free(forced);
	return rc;
}

static int read_header(struct csv *c)
{
	const struct sdb_input *in = c->in;
	size_t i, n;
	int first, last;

	c->ncols = c->nf;
	c->names = sdb_xcalloc(c->ncols, sizeof(*c->names));
	c->roles = sdb_xcalloc(c->ncols, sizeof(*c->roles));
	for (i = 0; i < c->ncols; i++) {
		field_pieces(c, &c->f[i], &c->cell);
		c->names[i] = sdb_xstrdup(c->cell.text.s);
	}
	if (assign_roles(c))
		return -1;
	if (c->code_col >= 0)
		return 0;
	n = c->f[0].end - c->f[0].start;
	if (!sdb_parse_codes(in->text + c->f[0].start, n, &first, &last))
		return sdb_error_at(c->err, in, c->f[0].start,
			"the first line is a row, not a header naming the columns"
			" (want a header such as 'Code,Name,Description')");
	return sdb_error_at(c->err, in, c->rec,
		"the header names no code column (want Code, Value or Status "
		"Code, or give --column code=KEY): '%.*s'",
		quote_len(in, c->rec, 60), in->text + c->rec);
}

static void csv_release(struct csv *c)
{
	size_t i;

	for (i = 0; c->names && i < c->ncols; i++)
		free(c->names[i]);
	free(c->names);
	free(c->roles);
	free(c->f);
	sdb_pieces_release(&c->cls);
	sdb_pieces_release(&c->cell);
}

/* Where the first line with text starts, or in->len. */
static size_t first_text_line(const struct sdb_input *in)
{
	size_t li;

	for (li = 0; li < in->nlines; li++) {
		size_t s = in->lines[li], e = sdb_input_line_end(in, li);

		sdb_trim_span(in, &s, &e);
		if (e > s)
			return in->lines[li];
	}
	return in->len;
}

static void csv_init(struct csv *c, const struct sdb_input *in,
		     struct sdb_claims *out, struct sdb_error *err)
{
	memset(c, 0, sizeof(*c));
	c->in = in;
	c->out = out;
	c->err = err;
	c->pos = first_text_line(in);
	c->delim = sniff_delim(in, c->pos);
	sdb_pieces_init(&c->cls);
	sdb_pieces_init(&c->cell);
}

int sdb_import_csv(const struct sdb_input *in, struct sdb_claims *out,
		   struct sdb_error *err)
{
	struct csv c;
	int rc;

	csv_init(&c, in, out, err);
	if (!c.delim) {
		rc = sdb_error_at(err, in, c.pos,
			"the header has no ',', ';' or tab between columns: '%.*s'",
			quote_len(in, c.pos, 60), in->text + c.pos);
		goto out;
	}
	rc = next_row(&c);
	if (rc <= 0) {
		if (!rc)
			rc = sdb_error_at(err, in, 0, "no header line");
		goto out;
	}
	if ((rc = read_header(&c)) != 0)
		goto out;
	while ((rc = next_row(&c)) == 1)
		if ((rc = do_row(&c)) != 0)
			break;
	if (!rc && !out->entries)
		rc = sdb_error_at(err, in, c.rec,
			"no status codes found (the header has no rows under it)");
out:
	csv_release(&c);
	return rc ? -1 : 0;
}

int sdb_sniff_csv(const struct sdb_input *in)
{
	struct csv c;
	struct sdb_error e;
	int score = 0, first, last, rc;
	size_t i;

	csv_init(&c, in, NULL, &e);
	if (!c.delim || next_row(&c) != 1)
		goto out;
	for (i = 0; i < c.nf; i++) {
		field_pieces(&c, &c.f[i], &c.cell);
		if (sdb_column_role(c.cell.text.s) == SDB_ROLE_CODE)
			break;
	}
	if (i == c.nf || c.nf < 2)
		goto out;
	score = 30;	/* a header with a code column */
	rc = next_row(&c);
	/* a row, or one broken after its code (an unclosed quote) */
	if ((rc == 1 && i < c.nf) || (rc < 0 && i + 1 < c.nf)) {
		const char *s = in->text + c.f[i].start;
		size_t n = c.f[i].end - c.f[i].start;

		if (!sdb_parse_codes(s, n, &first, &last) || class_digit(s, n))
			score = 90;
	}
out:
	csv_release(&c);
	return score;
}

/*
 * rfc_index.c - the RFC Editor's plain-text index of every RFC
 * (rfc-index.txt):
 *
 *   9110 HTTP Semantics. R. Fielding, Ed., M. Nottingham, Ed., J. Reschke,
 *        Ed.. June 2022. (Format: HTML, TXT, PDF, XML) (Obsoletes RFC2818,
 *        RFC7230, RFC7231, ...) (Updates RFC3864) (Also STD0097) (Status:
 *        INTERNET STANDARD) (DOI: 10.17487/RFC9110)
 *
 *   0014 Not Issued.
 *
 * An entry starts with the RFC's four digits in the first column; its
 * lines go on, indented, to the next blank line.  Before the first
 * parenthesized group are the title, the authors and the date, each ended
 * by a period; the groups follow.  The page's preamble (before the first
 * entry) holds indented examples, which are not entries.
 *
 * What is stored, each with the span of its raw text (an entry's text may
 * run over lines; values are folded): title, date ("June 2022" ->
 * "2022-06", "1 April 1990" -> "1990-04-01"), status, and every document
 * named in the Obsoletes, Obsoleted by, Updates and Updated by groups
 * ("RFC7231" -> "RFC 7231"; others such as "IEN116" as written).
 * A group it does not know (Format, Also, DOI) is passed over; an entry
 * whose groups do not close, or that has no date, is refused.
 */
#define _GNU_SOURCE
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <stdio.h>
#include <string.h>

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The folded text of t[s, e). The caller frees. */
static char *folded(const char *t, size_t s, size_t e)
{
	struct sdb_buf b = SDB_BUF_INIT;

	sdb_fold_ws(&b, t + s, e - s);
	return sdb_buf_detach(&b);
}

/*
 * A date ending just before the period at t[end]: "June 2022" or
 * "1 April 1990".  Sets *start and writes the normalized date to out.
 * Returns 1, or 0 when there is none.
 */
static int date_before(const char *t, size_t lo, size_t end, size_t *start,
		       char out[32])
{
	size_t y = end, m, mend, d;
	int month = -1, i, day = 0;

	if (end < lo + 4 || !is_digit(t[end - 1]) || !is_digit(t[end - 2]) ||
	    !is_digit(t[end - 3]) || !is_digit(t[end - 4]))
		return 0;
	y = end - 4;
	if (y <= lo || !is_space(t[y - 1]))
		return 0;
	mend = y - 1;
	while (mend > lo && is_space(t[mend - 1]))
		mend--;
	m = mend;
	while (m > lo && ((t[m - 1] >= 'a' && t[m - 1] <= 'z') ||
			  is_upper(t[m - 1])))
		m--;
	for (i = 0; i < 12; i++)
		if (strlen(months[i]) == mend - m &&
		    !memcmp(t + m, months[i], mend - m))
			month = i + 1;
	if (month < 0)
		return 0;
	*start = m;
	/* "1 April 1990": a day before the month */
	d = m;
	while (d > lo && is_space(t[d - 1]))
		d--;
	if (d > lo && is_digit(t[d - 1])) {
		size_t k = d;

		while (k > lo && is_digit(t[k - 1]) && d - k < 2)
			k--;
		if (k == lo || is_space(t[k - 1]) || t[k - 1] == '.') {
			for (i = 0; k + (size_t)i < d; i++)
				day = day * 10 + (t[k + (size_t)i] - '0');
			if (day >= 1 && day <= 31)
				*start = k;
			else
				day = 0;
		}
	}
	if (day)
		snprintf(out, 32, "%.4s-%02d-%02d", t + y, month, day);
	else
		snprintf(out, 32, "%.4s-%02d", t + y, month);
	return 1;
}

/*
 * Where the title ends, in "Title. Authors. " before the date at dstart:
 * the first ". " followed by an author's initial ("S. Crocker",
 * "G.S. Malkin"), else the last ". " before the date (authors such as
 * "IAB").  Returns the offset of that period, or 0 when there is none.
 */
static size_t title_end(const char *t, size_t s, size_t dstart)
{
	size_t i, last = 0;

	for (i = s; i + 2 < dstart; i++) {
		size_t j;

		if (t[i] != '.' || !is_space(t[i + 1]))
			continue;
		last = i;
		j = i + 1;
		while (j < dstart && is_space(t[j]))
			j++;
		/* initials: "X.", "JH.", "G.S." */
		if (j + 1 < dstart && is_upper(t[j])) {
			size_t k = j;

			while (k < dstart && k - j < 3 && is_upper(t[k]))
				k++;
			if (k < dstart && t[k] == '.')
				return i;
		}
		/* "Y-K. Name": hyphenated initials */
		if (j + 3 < dstart && is_upper(t[j]) && t[j + 1] == '-' &&
		    is_upper(t[j + 2]) && t[j + 3] == '.')
			return i;
	}
	return last;
}

struct group_kind {
	const char *word;
	int field;		/* enum sdb_doc_field, or -1: passed over */
};

static const struct group_kind groups[] = {
	{ "Obsoleted by", SDB_DOC_OBSOLETED_BY },
	{ "Obsoletes", SDB_DOC_OBSOLETES },
	{ "Updated by", SDB_DOC_UPDATED_BY },
	{ "Updates", SDB_DOC_UPDATES },
	{ "Status:", SDB_DOC_STATUS },
	{ "Format:", -1 },
	{ "Also", -1 },
	{ "DOI:", -1 },
};

/*
 * The group starting at t[i] == '(', or NULL; *vs is then just past its
 * keyword.  The keyword's words may be broken over lines ("(Updated\n
 * by RFC0234)").
 */
static const struct group_kind *group_at(const char *t, size_t i, size_t e,
					 size_t *vs)
{
	size_t k;

	for (k = 0; k < sizeof(groups) / sizeof(groups[0]); k++) {
		const char *w = groups[k].word;
		size_t j = i + 1;

		while (*w && j < e) {
			if (*w == ' ') {
				if (!is_space(t[j]))
					break;
				while (j < e && is_space(t[j]))
					j++;
				w++;
			} else if (*w == t[j]) {
				w++;
				j++;
			} else {
				break;
			}
		}
		if (!*w && (j == e || is_space(t[j]) || w[-1] == ':')) {
			*vs = j;
			return &groups[k];
		}
	}
	return NULL;
}

/* The documents of a relation group, "RFC2818, RFC7230": one fact each. */
static void relation_docs(struct sdb_claims *out, const char *t, const char *doc,
			  enum sdb_doc_field field, size_t s, size_t e)
{
	while (s < e) {
		size_t a, b;
		char *d = NULL, *v;

		while (s < e && (is_space(t[s]) || t[s] == ','))
			s++;
		a = s;
		while (s < e && t[s] != ',')
			s++;
		b = s;
		while (b > a && is_space(t[b - 1]))
			b--;
		if (b == a)
			continue;
		if (sdb_parse_document(t + a, b - a, &d) == b - a) {
			sdb_claims_add_doc(out, doc, field, d, a, b);
		} else {
			v = folded(t, a, b);
			sdb_claims_add_doc(out, doc, field, v, a, b);
			free(v);
		}
		free(d);
	}
}

/* One entry, text[s, e).  Returns 0 or -1 with err set. */
static int do_entry(const struct sdb_input *in, struct sdb_claims *out,
		    size_t s, size_t e, struct sdb_error *err)
{
	const char *t = in->text;
	char doc[16], date[32], *v;
	size_t i = s, gstart = e, dstart, tend, a, vs;
	int number = 0;

	while (i < e && is_digit(t[i]) && i - s < 5)
		number = number * 10 + (t[i++] - '0');
	snprintf(doc, sizeof(doc), "RFC %d", number);
	while (i < e && is_space(t[i]))
		i++;
	out->entries++;
	if (e - i >= 10 && !memcmp(t + i, "Not Issued", 10)) {
		sdb_claims_add_doc(out, doc, SDB_DOC_STATUS, "NOT ISSUED", i,
				   i + 10);
		return 0;
	}
	/* the groups start at the first "(" that opens a known group */
	for (a = i; a < e; a++)
		if (t[a] == '(' && group_at(t, a, e, &vs)) {
			gstart = a;
			break;
		}
	a = gstart;
	while (a > i && is_space(t[a - 1]))
		a--;
	if (a == i || t[a - 1] != '.' || !date_before(t, i, a - 1, &dstart, date))
		return sdb_error_at(err, in, i,
			"RFC %d: no date (\"Month YYYY.\") before its groups",
			number);
	tend = title_end(t, i, dstart);
	if (tend > i) {
		v = folded(t, i, tend);
		sdb_claims_add_doc(out, doc, SDB_DOC_TITLE, v, i, tend);
		free(v);
	}
	sdb_claims_add_doc(out, doc, SDB_DOC_DATE, date, dstart, a - 1);
	/* the groups: "(Word value, value) (Word: value)" */
	for (a = gstart; a < e;) {
		const struct group_kind *g;
		size_t close;

		if (is_space(t[a])) {
			a++;
			continue;
		}
		if (t[a] != '(' || !(g = group_at(t, a, e, &vs)))
			return sdb_error_at(err, in, a,
				"RFC %d: want a group such as \"(Status: ...)\" "
				"after the date", number);
		for (close = a + 1; close < e && t[close] != ')' && t[close] != '(';
		     close++)
			;
		if (close >= e || t[close] != ')')
			return sdb_error_at(err, in, a,
				"RFC %d: group \"(%s\" is not closed", number,
				g->word);
		while (vs < close && is_space(t[vs]))
			vs++;
		if (g->field == SDB_DOC_STATUS) {
			size_t ve = close;

			while (ve > vs && is_space(t[ve - 1]))
				ve--;
			v = folded(t, vs, ve);
			sdb_claims_add_doc(out, doc, SDB_DOC_STATUS, v, vs, ve);
			free(v);
		} else if (g->field >= 0) {
			relation_docs(out, t, doc, (enum sdb_doc_field)g->field,
				      vs, close);
		}
		a = close + 1;
	}
	return 0;
}

/* 1 when line li starts an entry: four digits and a space in column 1. */
static int entry_start(const struct sdb_input *in, size_t li)
{
	const char *t = in->text + in->lines[li];
	size_t n = sdb_input_line_end(in, li) - in->lines[li];

	return n >= 5 && is_digit(t[0]) && is_digit(t[1]) && is_digit(t[2]) &&
	       is_digit(t[3]) && t[4] == ' ';
}

int sdb_import_rfc_index(const struct sdb_input *in, struct sdb_claims *out,
			 struct sdb_error *err)
{
	size_t li = 0;

	while (li < in->nlines) {
		size_t s, e, next;

		if (!entry_start(in, li)) {
			li++;
			continue;
		}
		s = in->lines[li];
		/* its lines: indented continuations up to a blank line */
		for (next = li + 1; next < in->nlines; next++) {
			size_t ls = in->lines[next], le = sdb_input_line_end(in, next);

			if (ls == le || !is_space(in->text[ls]))
				break;
			while (ls < le && is_space(in->text[ls]))
				ls++;
			if (ls == le)
				break;
		}
		e = sdb_input_line_end(in, next - 1);
		while (e > s && is_space(in->text[e - 1]))
			e--;
		if (do_entry(in, out, s, e, err))
			return -1;
		li = next;
	}
	if (!out->ndocs)
		return sdb_error_at(err, in, 0,
			"no RFC entries found (want lines such as "
			"'9110 HTTP Semantics. ... June 2022. (Status: ...)')");
	return 0;
}

int sdb_sniff_rfc_index(const struct sdb_input *in)
{
	size_t li, entries = 0;
	int header = 0;

	for (li = 0; li < in->nlines && li < 400; li++) {
		const char *t = in->text + in->lines[li];
		size_t n = sdb_input_line_end(in, li) - in->lines[li];

		if (n >= 9 && memmem(t, n, "RFC INDEX", 9))
			header = 1;
		if (entry_start(in, li) && memmem(t, n, ". ", 2))
			entries++;
	}
	return header && entries >= 3 ? 95 : entries >= 20 ? 60 : 0;
}

/*
 * plaintext.c - a plain-text list in the style of an old Wikipedia page:
 *
 *   4xx Client Error                  a class heading: a short Title-Case
 *                                     line standing alone between blanks
 *   413 Request Entity Too Large      a code line: code, space, name
 *   203 Non-Authoritative Information (since HTTP/1.1)
 *   Text of a description.            paragraphs after a code line, up to
 *                                     the next code line or heading
 *
 * Paragraphs after a heading and before its first code describe the class
 * and are not stored.  A code line whose text has columns (runs of
 * spaces) is a table row, refused.  A code line named "Unassigned" (a registry's
 * "427  Unassigned") is a range of one code, not a code.  A line that starts like a code line but whose code
 * is not three digits from 100 to 599 ("4O4 Not Found") is an error.
 */
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

#define NAME_MAX_LEN 80	/* longer "NNN text" lines are sentences */

enum kind { BLANK, CODE, BADCODE, TABLE, HEADING, TEXT };

struct line {
	size_t start, end;	/* without indentation and line break */
	size_t token;		/* end of the first word */
};

static int upper_or_digit(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static void get_line(const struct sdb_input *in, size_t li, struct line *l)
{
	const char *t = in->text;

	l->start = in->lines[li];
	l->end = sdb_input_line_end(in, li);
	sdb_trim_span(in, &l->start, &l->end);
	for (l->token = l->start; l->token < l->end && t[l->token] != ' ' &&
	     t[l->token] != '\t'; l->token++)
		;
}

/* "Title Case Words" or "4xx Something": how class headings look. */
static int heading_like(const char *s, size_t n)
{
	size_t i;

	if (!n || n > 60 || strchr(".:;,!?", s[n - 1]))
		return 0;
	if (n >= 3 && s[0] >= '1' && s[0] <= '5' && (s[1] == 'x' || s[1] == 'X') &&
	    (s[2] == 'x' || s[2] == 'X') && (n == 3 || s[3] == ' ' || s[3] == ':'))
		return 1;
	if (!upper_or_digit((unsigned char)s[0]) || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (i = 1; i < n; i++)
		if (s[i - 1] == ' ' && !upper_or_digit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* What follows a code: a name, not a sentence. */
static int name_like(const char *s, size_t n)
{
	return n && n <= NAME_MAX_LEN && upper_or_digit((unsigned char)s[0]) &&
	       s[n - 1] != '.';
}

/* A run of three blanks or a tab inside text[s, e): table columns. */
static int has_column_gap(const char *t, size_t s, size_t e)
{
	size_t i, run = 0;

	for (i = s; i < e; i++) {
		if (t[i] == '\t')
			return 1;
		run = t[i] == ' ' ? run + 1 : 0;
		if (run == 3)
			return 1;
	}
	return 0;
}

static enum kind classify(const struct sdb_input *in, const struct line *l,
			  int blank_before, int blank_after)
{
	const char *t = in->text;
	size_t rest = l->token;

	if (l->start == l->end)
		return BLANK;
	while (rest < l->end && (t[rest] == ' ' || t[rest] == '\t'))
		rest++;
	/* "100   Continue        [RFC9110, ...]": a fixed-width table */
	if (rest < l->end &&
	    sdb_parse_code(t + l->start, l->token - l->start) >= 0 &&
	    has_column_gap(t, rest, l->end))
		return TABLE;
	if (rest < l->end && name_like(t + rest, l->end - rest)) {
		if (sdb_parse_code(t + l->start, l->token - l->start) >= 0)
			return CODE;
		if (sdb_looks_like_bad_code(t + l->start, l->token - l->start))
			return BADCODE;
	}
	if (blank_before && blank_after && heading_like(t + l->start, l->end - l->start))
		return HEADING;
	return TEXT;
}

/* 1 when text[s, e) is the word "Unassigned" (a registry's gap). */
static int unassigned(const struct sdb_input *in, size_t s, size_t e)
{
	sdb_trim_span(in, &s, &e);
	return e - s == 10 && sdb_strnieq(in->text + s, "unassigned", 10);
}

struct pending {
	int entry, code;
	size_t dstart, dend;	/* description span; dend == 0: none */
};

static void flush(const struct sdb_input *in, struct sdb_claims *out,
		  struct pending *p)
{
	if (p->entry && p->dend > p->dstart)
		sdb_emit_description(out, in, p->entry, p->code, NULL,
				     p->dstart, p->dend);
	memset(p, 0, sizeof(*p));
}

int sdb_import_plaintext(const struct sdb_input *in, struct sdb_claims *out,
			 struct sdb_error *err)
{
	struct line prev, cur, next;
	struct pending p;
	size_t li, hs = 0, he = 0;	/* current heading span */

	memset(&p, 0, sizeof(p));
	memset(&prev, 0, sizeof(prev));
	if (!in->nlines)
		return 0;
	get_line(in, 0, &cur);
	for (li = 0; li < in->nlines; li++) {
		int bb = li == 0 || prev.start == prev.end;
		int ba;
		enum kind k;

		if (li + 1 < in->nlines)
			get_line(in, li + 1, &next);
		else
			next.start = next.end = next.token = in->len;
		ba = next.start == next.end;
		k = classify(in, &cur, bb, ba);
		switch (k) {
		case BLANK:
			break;
		case TABLE: {
			size_t e = cur.end - cur.start > 40 ? cur.start + 40 : cur.end;

			sdb_trim_span(in, &cur.start, &e);
			return sdb_error_at(err, in, cur.start,
				"'%.*s' is a row of a table with fixed-width "
				"columns, not a plain-text list (is the format right? "
				"iana-text reads IANA's text page)",
				(int)(e - cur.start), in->text + cur.start);
		}
		case BADCODE:
			return sdb_error_at(err, in, cur.start,
				"invalid status code '%.*s': want three digits, 100 to 599",
				(int)(cur.token - cur.start), in->text + cur.start);
		case CODE: {
			int code = sdb_parse_code(in->text + cur.start, 3);
			size_t ns = cur.token;

			flush(in, out, &p);
			p.entry = ++out->entries;
			p.code = code;
			if (unassigned(in, ns, cur.end)) {
				/* a registry's "427  Unassigned": no code */
				size_t s = ns, e = cur.end;

				sdb_trim_span(in, &s, &e);
				sdb_claims_add_range(out, code, code, "Unassigned",
						     s, e);
				p.entry = 0;
				break;
			}
			if (he > hs)
				sdb_emit_class(out, in, p.entry, code, NULL, hs, he);
			sdb_emit_name(out, in, p.entry, code, ns, cur.end);
			break;
		}
		case HEADING:
			flush(in, out, &p);
			hs = cur.start;
			he = cur.end;
			break;
		case TEXT:
			if (p.entry) {
				if (p.dend == 0)
					p.dstart = cur.start;
				p.dend = cur.end;
			}
			break;
		}
		prev = cur;
		cur = next;
	}
	flush(in, out, &p);
	if (!out->entries)
		return sdb_error_at(err, in, 0,
			"no status codes found (want lines such as '404 Not Found')");
	return 0;
}

int sdb_sniff_plaintext(const struct sdb_input *in)
{
	size_t li;
	int codes = 0;
	struct line l;

	for (li = 0; li < in->nlines && li < 2000; li++) {
		get_line(in, li, &l);
		if (classify(in, &l, 0, 0) == CODE)
			codes++;
	}
	return codes >= 3 ? SDB_SNIFF_LIKELY : codes ? 10 : 0;
}

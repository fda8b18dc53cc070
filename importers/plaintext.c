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
 * and are not stored.  "427 Unassigned" and "418-420 Unassigned" (any
 * name after a range) are unassigned ranges, not codes.  A code line
 * whose text has columns (runs of spaces, a tab) is a row of a
 * fixed-width table, refused.
 *
 * A line that starts like a code line but is not one is an error, never
 * a description: a code that is not three digits from 100 to 599 ("4O4",
 * "40404", "+404", "404.0", full-width digits), a code glued to or
 * followed by punctuation ("404: Not Found", "404 - Not Found",
 * "404—Not Found"), a bulleted code line ("- 404 Not Found"), or a code
 * alone on its line.
 */
#include "importer.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

#define NAME_MAX_LEN 80	/* longer "NNN text" lines are sentences */

enum kind { BLANK, CODE, RANGE, BADCODE, NONAME, BADLINE, TABLE, HEADING, TEXT };

struct line {
	size_t start, end;	/* without indentation and line break */
	size_t token;		/* end of the first word */
	size_t rest;		/* start of what follows it */
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
	size_t w;

	sdb_trim_span(in, &l->start, &l->end);
	for (l->token = l->start; l->token < l->end &&
	     !sdb_ws_len(t + l->token, l->end - l->token); l->token++)
		;
	for (l->rest = l->token; l->rest < l->end &&
	     (w = sdb_ws_len(t + l->rest, l->end - l->rest)); l->rest += w)
		;
}

/* "418-420" or "418–420" (en dash): a range of codes. */
static int parse_range(const char *s, size_t n, int *first, int *last)
{
	size_t d = 3;

	if (n < 7)
		return -1;
	if (s[3] == '-')
		d = 4;
	else if (n >= 9 && !memcmp(s + 3, "\xE2\x80\x93", 3))
		d = 6;
	*first = sdb_parse_code(s, 3);
	*last = sdb_parse_code(s + d, n - d);
	return d > 3 && *first >= 0 && *last > *first ? 0 : -1;
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

/* 1 when the name of code line l is "Unassigned". */
static int unassigned(const struct sdb_input *in, const struct line *l)
{
	struct sdb_buf b = SDB_BUF_INIT;
	int yes;

	sdb_decode_entities(&b, in->text + l->rest, l->end - l->rest);
	sdb_buf_rtrim(&b);
	yes = sdb_strieq(b.s, "unassigned");
	sdb_buf_release(&b);
	return yes;
}

/* "- ", ": ", "| ", "= ", en and em dashes: a separator, not a name. */
static size_t separator(const char *s, size_t n)
{
	if (n >= 1 && strchr("-:|=.", s[0]))
		return 1;
	if (n >= 3 && (!memcmp(s, "\xE2\x80\x93", 3) ||
		       !memcmp(s, "\xE2\x80\x94", 3)))
		return 3;
	return 0;
}

/* "-", "*", "+", "•", "·": a list bullet. */
static int is_bullet(const char *s, size_t n)
{
	return (n == 1 && strchr("-*+", s[0])) ||
	       (n == 3 && !memcmp(s, "\xE2\x80\xA2", 3)) ||
	       (n == 2 && !memcmp(s, "\xC2\xB7", 2));
}

/*
 * A line that looks like a code line in another style: a code glued to
 * punctuation and a capitalized name ("404—Not Found", "404:Not Found"),
 * or a bulleted code line ("- 404 Not Found").
 */
static int other_style(const struct sdb_input *in, const struct line *l)
{
	const char *t = in->text;
	size_t tok = l->token - l->start, i, e;

	if (tok > 3 && sdb_parse_code(t + l->start, 3) >= 0 &&
	    !((t[l->start + 3] >= '0' && t[l->start + 3] <= '9') ||
	      ((t[l->start + 3] | 0x20) >= 'a' && (t[l->start + 3] | 0x20) <= 'z'))) {
		/* past the punctuation to the first ASCII letter or digit */
		for (i = l->start + 3; i < l->end && !((t[i] >= '0' &&
			t[i] <= '9') || ((t[i] | 0x20) >= 'a' &&
					 (t[i] | 0x20) <= 'z')); i++)
			;
		return i < l->end && upper_or_digit((unsigned char)t[i]);
	}
	if (!is_bullet(t + l->start, tok) || l->rest == l->end)
		return 0;
	for (e = l->rest; e < l->end && !sdb_ws_len(t + e, l->end - e); e++)
		;
	for (i = e; i < l->end && sdb_ws_len(t + i, l->end - i); i++)
		;
	return (sdb_parse_code(t + l->rest, e - l->rest) >= 0 ||
		sdb_looks_like_bad_code(t + l->rest, e - l->rest)) &&
	       i < l->end && name_like(t + i, l->end - i);
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
	size_t rest = l->rest, tok = l->token - l->start, sep;
	int code = sdb_parse_code(t + l->start, tok), first, last;
	int bad = code < 0 && sdb_looks_like_bad_code(t + l->start, tok);

	if (l->start == l->end)
		return BLANK;
	/* "100   Continue        [RFC9110, ...]": a fixed-width table */
	if (rest < l->end && (code >= 0 || !parse_range(t + l->start, tok,
							 &first, &last)) &&
	    has_column_gap(t, rest, l->end))
		return TABLE;
	if (!bad && code < 0 && parse_range(t + l->start, tok, &first, &last) &&
	    other_style(in, l))
		return BADLINE;
	if (code >= 0 && rest == l->end)
		return NONAME;
	if ((code >= 0 || bad) && (sep = separator(t + rest, l->end - rest)) &&
	    rest + sep < l->end && sdb_ws_len(t + rest + sep, l->end - rest - sep))
		return BADLINE;
	if (rest < l->end && (name_like(t + rest, l->end - rest) ||
			      unassigned(in, l))) {
		if (code >= 0)
			return CODE;
		if (!parse_range(t + l->start, tok, &first, &last))
			return RANGE;
		if (bad)
			return BADCODE;
	}
	if (blank_before && blank_after && heading_like(t + l->start, l->end - l->start))
		return HEADING;
	return TEXT;
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

/*
 * Code line l, "427 Unassigned" or "418-420 Unassigned", as a range.
 * Returns -1 when a range of codes has a name that is not "Unassigned"
 * (a name cannot belong to several codes).
 */
static int range(const struct sdb_input *in, struct sdb_claims *out,
		 const struct line *l)
{
	int first, last;
	size_t s = l->rest, e = l->end;

	if (!unassigned(in, l))
		return -1;
	if (parse_range(in->text + l->start, l->token - l->start, &first,
			&last))
		first = last = sdb_parse_code(in->text + l->start, 3);
	out->entries++;
	sdb_trim_span(in, &s, &e);
	sdb_claims_add_range(out, first, last, "Unassigned", s, e);
	return 0;
}

static int bad_code(const struct sdb_input *in, const struct line *l,
		    struct sdb_error *err)
{
	size_t n = l->token - l->start;

	const char *s = in->text + l->start;
	size_t a = n > 3 && strchr("+-#([", s[0]) ? 1 : 0;
	size_t b = n > a + 3 && strchr(":.)]", s[n - 1]) ? n - 1 : n;

	/* "404:", "(404)": a code with punctuation */
	if (b - a == 3 && b - a < n && sdb_parse_code(s + a, 3) >= 0)
		return sdb_error_at(err, in, l->start,
			"malformed code line '%.*s': want a code, a space "
			"and a name ('404 Not Found')",
			(int)(l->end - l->start > 40 ? 40 : l->end - l->start),
			in->text + l->start);
	return sdb_error_at(err, in, l->start,
		"invalid status code '%.*s': want three digits, 100 to 599",
		(int)(n > 40 ? 40 : n), in->text + l->start);
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
			return bad_code(in, &cur, err);
		case NONAME:
			return sdb_error_at(err, in, cur.start,
				"code %.3s has no name: want a code, a space and "
				"a name ('404 Not Found')", in->text + cur.start);
		case BADLINE:
			return sdb_error_at(err, in, cur.start,
				"malformed code line '%.*s': want a code, a space "
				"and a name ('404 Not Found')",
				(int)(cur.end - cur.start > 40 ? 40 :
				      cur.end - cur.start), in->text + cur.start);
		case RANGE:
			if (range(in, out, &cur))
				return sdb_error_at(err, in, cur.rest,
					"range %.*s is named '%.*s': a name "
					"belongs to one code (want '418-420 "
					"Unassigned')",
					(int)(cur.token - cur.start),
					in->text + cur.start,
					(int)(cur.end - cur.rest > 40 ? 40 :
					      cur.end - cur.rest),
					in->text + cur.rest);
			flush(in, out, &p);
			break;
		case CODE: {
			int code = sdb_parse_code(in->text + cur.start, 3);

			flush(in, out, &p);
			if (unassigned(in, &cur)) {
				range(in, out, &cur);
				break;
			}
			p.entry = ++out->entries;
			p.code = code;
			if (he > hs)
				sdb_emit_class(out, in, p.entry, code, NULL, hs, he);
			sdb_emit_name(out, in, p.entry, code, cur.rest, cur.end);
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

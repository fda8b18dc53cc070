/*
 * text.c - normalization shared by the importers (see text.h).
 */
#include "text.h"
#include "../common/util.h"

#include <libxml/HTMLparser.h>
#include <string.h>

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' ||
				    c == '\n' || c == '\f' || c == '\v'; }

/*
 * Length of the whitespace at s, 0 if none: ASCII white space, U+00A0,
 * U+0085, U+1680, U+2000..U+200B, U+2028, U+2029, U+202F, U+205F,
 * U+2060, U+3000 and U+FEFF.  A name of only these is an empty name.
 */
static size_t ws_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 1 && is_space(u[0]))
		return 1;
	if (n >= 2 && u[0] == 0xC2 && (u[1] == 0xA0 || u[1] == 0x85))
		return 2;
	if (n < 3)
		return 0;
	if ((u[0] == 0xE1 && u[1] == 0x9A && u[2] == 0x80) ||
	    (u[0] == 0xE2 && u[1] == 0x80 &&
	     (u[2] <= 0x8B || u[2] == 0xA8 || u[2] == 0xA9 || u[2] == 0xAF)) ||
	    (u[0] == 0xE2 && u[1] == 0x81 && (u[2] == 0x9F || u[2] == 0xA0)) ||
	    (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) ||
	    (u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF))
		return 3;
	return 0;
}

size_t sdb_ws_len(const char *s, size_t n)
{
	return ws_len(s, n);
}

/*
 * Length of the invisible format character at s, 0 if none: soft hyphen,
 * U+034F, U+061C, U+115F, U+1160, U+17B4, U+17B5, U+180E, U+200C..U+200F,
 * U+202A..U+202E, U+2061..U+2064, U+206A..U+206F, U+3164, U+FFA0.
 */
static size_t invisible_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned long cp;

	if (n >= 2 && u[0] == 0xC2 && u[1] == 0xAD)
		return 2;
	if (n >= 2 && ((u[0] == 0xCD && u[1] == 0x8F) ||
		       (u[0] == 0xD8 && u[1] == 0x9C)))
		return 2;
	if (n < 3 || (u[0] & 0xF0) != 0xE0)
		return 0;
	cp = ((unsigned long)(u[0] & 0x0F) << 12) |
	     ((unsigned long)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
	return cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 ||
	       cp == 0x180E || (cp >= 0x200C && cp <= 0x200F) ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2061 && cp <= 0x2064) ||
	       (cp >= 0x206A && cp <= 0x206F) || cp == 0x3164 ||
	       cp == 0xFFA0 ? 3 : 0;
}

int sdb_is_blank(const char *s, size_t n)
{
	size_t i = 0, w;

	while (i < n) {
		if ((w = ws_len(s + i, n - i)) == 0 &&
		    (w = invisible_len(s + i, n - i)) == 0)
			return 0;
		i += w;
	}
	return 1;
}

/* Length of the whitespace that ends s[0, n), 0 if none. */
static size_t ws_len_before(const char *s, size_t n)
{
	size_t k;

	for (k = 1; k <= 3 && k <= n; k++)
		if (ws_len(s + n - k, k) == k)
			return k;
	return 0;
}

int sdb_parse_code(const char *s, size_t n)
{
	int code;

	if (n != 3 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]))
		return -1;
	code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	return code >= 100 && code <= 599 ? code : -1;
}

int sdb_parse_codes(const char *s, size_t n, int *first, int *last)
{
	size_t a, b;

	*first = *last = sdb_parse_code(s, n);
	if (*first >= 0)
		return 0;
	for (a = 0; a < n && s[a] != '-'; a++)
		;
	if (a == n)
		return -1;
	for (b = a + 1; b < n && s[b] == ' '; b++)
		;
	while (a > 0 && s[a - 1] == ' ')
		a--;
	*first = sdb_parse_code(s, a);
	*last = sdb_parse_code(s + b, n - b);
	return *first >= 0 && *last >= *first ? 0 : -1;
}

/*
 * Length of the decimal digit at s, 0 if none: ASCII, full-width
 * (U+FF10..), Arabic-Indic (U+0660.., U+06F0..) and Devanagari (U+0966..).
 */
static size_t digit_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n >= 1 && is_digit(u[0]))
		return 1;
	if (n >= 2 && ((u[0] == 0xD9 && u[1] >= 0xA0 && u[1] <= 0xA9) ||
		       (u[0] == 0xDB && u[1] >= 0xB0 && u[1] <= 0xB9)))
		return 2;
	if (n >= 3 && ((u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 &&
			u[2] <= 0x99) ||
		       (u[0] == 0xE0 && u[1] == 0xA5 && u[2] >= 0xA6 &&
			u[2] <= 0xAF)))
		return 3;
	return 0;
}

int sdb_looks_like_bad_code(const char *s, size_t n)
{
	size_t i = 0, d, chars = 0;

	if (sdb_parse_code(s, n) >= 0)
		return 0;
	/* a sign or a bracket before it: "+404", "-404", "#404", "(404)" */
	if (n > 1 && strchr("+-#([", s[0]))
		i++;
	if (!digit_len(s + i, n - i))
		return 0;
	/* "4xx" names a class, not a code */
	if (n - i >= 3 && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
	    (s[i + 2] == 'x' || s[i + 2] == 'X') &&
	    (n - i == 3 || strchr(":.)]", s[i + 3])))
		return 0;
	/* digits, letters, and '.' or ',' between them: "4O4", "404.0" */
	while (i < n) {
		if ((d = digit_len(s + i, n - i)) != 0) {
			i += d;
		} else if (is_alnum((unsigned char)s[i])) {
			i++;
		} else if ((s[i] == '.' || s[i] == ',') && i + 1 < n &&
			   digit_len(s + i + 1, n - i - 1)) {
			i++;
		} else {
			break;
		}
		chars++;
	}
	/* then at most one ':', '.', ')' or ']': "404:", "404.", "(404)" */
	if (i < n && strchr(":.)]", s[i]))
		i++;
	return i == n && chars <= 8;
}

void sdb_fold_ws(struct sdb_buf *b, const char *s, size_t n)
{
	size_t i = 0, w;
	int pending = 0, any = 0;

	while (i < n) {
		w = ws_len(s + i, n - i);
		if (w) {
			pending = 1;
			i += w;
			continue;
		}
		if (pending && any)
			sdb_buf_addch(b, ' ');
		pending = 0;
		any = 1;
		sdb_buf_addch(b, s[i++]);
	}
}

void sdb_trim_span(const struct sdb_input *in, size_t *start, size_t *end)
{
	size_t w;

	/* a span past the text is a caller's bug; never read past it */
	if (*end > in->len)
		*end = in->len;
	if (*start > *end)
		*start = *end;

	while (*start < *end && (w = ws_len(in->text + *start, *end - *start)))
		*start += w;
	while (*end > *start && (w = ws_len_before(in->text + *start,
						   *end - *start)))
		*end -= w;
}

/* The UTF-8 of code point cp into u; returns its length (1..4). */
static size_t utf8_of(unsigned long cp, char *u)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | (cp >> 18));
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * The character reference at s[0] == '&' ("&amp;", "&#39;", "&#xA0;",
 * HTML's named ones and "&apos;"): its UTF-8 into u (*un bytes), and its
 * length in s.  Returns 0 when it is literal text.
 */
static size_t entity_at(const char *s, size_t n, char *u, size_t *un)
{
	const char *semi = memchr(s, ';', n < 12 ? n : 12);
	size_t len, j;
	char name[12];
	const htmlEntityDesc *e;

	if (!semi || s[0] != '&')
		return 0;
	len = (size_t)(semi - s) - 1;	/* between & and ; */
	if (len >= 2 && s[1] == '#') {
		unsigned long cp = 0;
		int hex = s[2] == 'x' || s[2] == 'X';

		j = 2 + (size_t)hex;
		if (j >= len + 1)
			return 0;
		for (; j < len + 1; j++) {
			int c = (unsigned char)s[j];
			int d = is_digit(c) ? c - '0' :
				hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

			if (d < 0)
				return 0;
			if (cp <= 0x10FFFF)
				cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		}
		*un = utf8_of(cp, u);
		return len + 2;
	}
	if (!len || len >= sizeof(name))
		return 0;
	memcpy(name, s + 1, len);
	name[len] = '\0';
	if (!strcmp(name, "apos")) {
		*un = utf8_of('\'', u);
		return len + 2;
	}
	e = htmlEntityLookup((const xmlChar *)name);
	if (!e || !e->value)
		return 0;
	*un = utf8_of(e->value, u);
	return len + 2;
}

size_t sdb_entity(const char *s, size_t n, char *u, size_t *un)
{
	return n && s[0] == '&' ? entity_at(s, n, u, un) : 0;
}

void sdb_decode_entities(struct sdb_buf *b, const char *s, size_t n)
{
	size_t i = 0, el, un;
	char u[4];

	while (i < n) {
		if (s[i] == '&' && (el = entity_at(s + i, n - i, u, &un))) {
			sdb_buf_add(b, u, un);
			i += el;
		} else {
			sdb_buf_addch(b, s[i++]);
		}
	}
}

void sdb_mtext_init(struct sdb_mtext *m)
{
	memset(m, 0, sizeof(*m));
	sdb_buf_init(&m->s);
}

void sdb_mtext_release(struct sdb_mtext *m)
{
	sdb_buf_release(&m->s);
	free(m->from);
	free(m->to);
	sdb_mtext_init(m);
}

void sdb_mtext_add(struct sdb_mtext *m, const char *s, size_t n,
		   size_t start, size_t end)
{
	size_t i, at = m->s.len;

	if (!n)
		return;
	if (at + n > m->alloc) {
		size_t want = m->alloc * 2 > at + n ? m->alloc * 2 : at + n + 16;

		m->from = sdb_xrealloc(m->from, want * sizeof(*m->from));
		m->to = sdb_xrealloc(m->to, want * sizeof(*m->to));
		m->alloc = want;
	}
	sdb_buf_add(&m->s, s, n);
	for (i = 0; i < n; i++) {
		m->from[at + i] = start;
		m->to[at + i] = end > start ? end : start;
	}
}

void sdb_mtext_add_raw(struct sdb_mtext *m, const struct sdb_input *in,
		       size_t start, size_t end)
{
	size_t i, at = m->s.len;

	if (end > in->len)
		end = in->len;
	if (start >= end)
		return;
	sdb_mtext_add(m, in->text + start, end - start, start, end);
	for (i = 0; i < end - start; i++) {
		m->from[at + i] = start + i;
		m->to[at + i] = start + i + 1;
	}
}

void sdb_mtext_add_decoded(struct sdb_mtext *m, const struct sdb_input *in,
			   size_t start, size_t end)
{
	size_t i = start, run = start, el, un;
	char u[4];

	if (end > in->len)
		end = in->len;
	while (i < end) {
		if (in->text[i] != '&' ||
		    !(el = entity_at(in->text + i, end - i, u, &un))) {
			i++;
			continue;
		}
		sdb_mtext_add_raw(m, in, run, i);
		sdb_mtext_add(m, u, un, i, i + el);
		i += el;
		run = i;
	}
	sdb_mtext_add_raw(m, in, run, end);
}

void sdb_mtext_fold(struct sdb_mtext *dst, const struct sdb_mtext *src)
{
	const char *s = src->s.s;
	size_t n = src->s.len, i = 0, w, ws = 0, run;
	int pending = 0;

	while (i < n) {
		w = ws_len(s + i, n - i);
		if (w) {
			if (!pending)
				ws = i;
			pending = 1;
			i += w;
			continue;
		}
		if (pending && dst->s.len)
			sdb_mtext_add(dst, " ", 1, src->from[ws], src->to[ws]);
		pending = 0;
		/* copy the run up to the next whitespace in one piece */
		for (run = i; i < n && !ws_len(s + i, n - i); i++)
			;
		sdb_mtext_add(dst, s + run, i - run, 0, 0);
		memcpy(dst->from + dst->s.len - (i - run), src->from + run,
		       (i - run) * sizeof(*dst->from));
		memcpy(dst->to + dst->s.len - (i - run), src->to + run,
		       (i - run) * sizeof(*dst->to));
	}
}

void sdb_mtext_span(const struct sdb_mtext *m, size_t a, size_t b,
		    size_t *start, size_t *end)
{
	size_t i;

	if (a >= b || b > m->s.len) {
		*start = *end = a < m->s.len ? m->from[a] : 0;
		return;
	}
	*start = m->from[a];
	*end = m->to[b - 1];
	/* the bytes need not come in file order: take the hull */
	for (i = a; i < b; i++) {
		if (m->from[i] < *start)
			*start = m->from[i];
		if (m->to[i] > *end)
			*end = m->to[i];
	}
}

/* First occurrence of needle in text[start, end), case-insensitive. */
static int find_first(const struct sdb_input *in, size_t start, size_t end,
		      const char *needle, size_t nlen, size_t *at)
{
	size_t i;

	if (!nlen || end < start || end - start < nlen)
		return 0;
	for (i = start; i + nlen <= end; i++)
		if (sdb_strnieq(in->text + i, needle, nlen)) {
			*at = i;
			return 1;
		}
	return 0;
}

static char *folded(const char *s, size_t n)
{
	struct sdb_buf b = SDB_BUF_INIT;

	sdb_fold_ws(&b, s, n);
	return sdb_buf_detach(&b);
}

static char *span_value(const struct sdb_input *in, const char *value,
			size_t start, size_t end)
{
	struct sdb_buf b = SDB_BUF_INIT, f = SDB_BUF_INIT;

	if (value)
		return folded(value, strlen(value));
	sdb_decode_entities(&b, in->text + start, end - start);
	sdb_fold_ws(&f, b.s, b.len);
	sdb_buf_release(&b);
	return sdb_buf_detach(&f);
}

/* m folded, or in->text[start, end) decoded and folded when m is NULL. */
static void fold_into(struct sdb_mtext *f, const struct sdb_input *in,
		      const struct sdb_mtext *m, size_t start, size_t end)
{
	struct sdb_mtext raw;

	sdb_mtext_init(f);
	if (m) {
		sdb_mtext_fold(f, m);
		return;
	}
	sdb_mtext_init(&raw);
	sdb_mtext_add_decoded(&raw, in, start, end);
	sdb_mtext_fold(f, &raw);
	sdb_mtext_release(&raw);
}

/* A claim of f's bytes [a, b) at their raw span; none when empty. */
static struct sdb_claim *add_piece(struct sdb_claims *out, int entry,
				   int code, enum sdb_field field,
				   const struct sdb_mtext *f, size_t a, size_t b)
{
	struct sdb_claim *c;
	size_t s, e;
	char *v;

	while (a < b && f->s.s[a] == ' ')
		a++;
	while (b > a && f->s.s[b - 1] == ' ')
		b--;
	if (sdb_is_blank(f->s.s + a, b - a))
		return NULL;
	sdb_mtext_span(f, a, b, &s, &e);
	v = sdb_xstrndup(f->s.s + a, b - a);
	c = sdb_claims_add(out, entry, code, field, v, s, e);
	free(v);
	return c;
}

void sdb_emit_name_m(struct sdb_claims *out, const struct sdb_input *in,
		     int entry, int code, const struct sdb_mtext *m)
{
	struct sdb_mtext f;
	size_t end;

	fold_into(&f, in, m, 0, 0);
	end = f.s.len;
	/* peel trailing "(...)" groups, last first */
	while (end > 0 && f.s.s[end - 1] == ')') {
		size_t open = end - 1;
		int depth = 0;

		for (;;) {
			char c = f.s.s[open];

			if (c == ')')
				depth++;
			else if (c == '(' && --depth == 0)
				break;
			if (open == 0)
				break;
			open--;
		}
		if (depth != 0 || f.s.s[open] != '(')
			break;
		add_piece(out, entry, code, SDB_FIELD_NOTE, &f, open + 1,
			  end - 1);
		end = open;
		while (end > 0 && f.s.s[end - 1] == ' ')
			end--;
	}
	add_piece(out, entry, code, SDB_FIELD_NAME, &f, 0, end);
	sdb_mtext_release(&f);
}

void sdb_emit_name(struct sdb_claims *out, const struct sdb_input *in,
		   int entry, int code, size_t start, size_t end)
{
	struct sdb_mtext m;

	sdb_trim_span(in, &start, &end);
	sdb_mtext_init(&m);
	sdb_mtext_add_decoded(&m, in, start, end);
	sdb_emit_name_m(out, in, entry, code, &m);
	sdb_mtext_release(&m);
}

/* Words that, alone in parentheses or emphasis, state a code's status. */
static const char *const status_words[] = {
	"unused", "deprecated", "discontinued", "experimental", "obsolete",
	"obsoleted", "reserved", "unofficial", "temporary", NULL
};

static int is_status_word(const char *s, size_t n)
{
	size_t i;

	for (i = 0; status_words[i]; i++)
		if (strlen(status_words[i]) == n && sdb_strnieq(s, status_words[i], n))
			return 1;
	return 0;
}

/* The notes that the status words in description f state. */
static void description_notes(struct sdb_claims *out, int entry, int code,
			      const struct sdb_mtext *f)
{
	const char *v = f->s.s, *p, *q;
	size_t n = f->s.len;

	/* the whole description is a status word ("deprecated") */
	while (n && strchr(".!", v[n - 1]))
		n--;
	if (is_status_word(v, n)) {
		add_piece(out, entry, code, SDB_FIELD_NOTE, f, 0, n);
		return;
	}
	/* or holds one in parentheses: "... (deprecated)" */
	for (p = v; (p = strchr(p, '(')) != NULL; p = q) {
		q = p + 1;
		while (*q && *q != '(' && *q != ')')
			q++;
		if (*q != ')')
			continue;
		if (is_status_word(p + 1, (size_t)(q - p - 1)))
			add_piece(out, entry, code, SDB_FIELD_NOTE, f,
				  (size_t)(p + 1 - v), (size_t)(q - v));
	}
}

void sdb_emit_description_m(struct sdb_claims *out,
			    const struct sdb_input *in, int entry, int code,
			    const struct sdb_mtext *m)
{
	struct sdb_mtext f;

	fold_into(&f, in, m, 0, 0);
	if (add_piece(out, entry, code, SDB_FIELD_DESCRIPTION, &f, 0,
		      f.s.len))
		description_notes(out, entry, code, &f);
	sdb_mtext_release(&f);
}

void sdb_emit_description(struct sdb_claims *out, const struct sdb_input *in,
			  int entry, int code, const char *value,
			  size_t start, size_t end)
{
	struct sdb_mtext m;
	size_t i, from = out->n, at;

	sdb_trim_span(in, &start, &end);
	sdb_mtext_init(&m);
	if (!value) {
		sdb_mtext_add_decoded(&m, in, start, end);
		sdb_emit_description_m(out, in, entry, code, &m);
		sdb_mtext_release(&m);
		return;
	}
	/* a value the raw text need not hold: its notes at their word */
	sdb_mtext_add(&m, value, strlen(value), start, end);
	sdb_emit_description_m(out, in, entry, code, &m);
	sdb_mtext_release(&m);
	for (i = from; i < out->n; i++) {
		struct sdb_claim *c = &out->v[i];
		size_t k, n = strlen(c->value);

		if (c->field != SDB_FIELD_NOTE)
			continue;
		/* each word is looked for once (linear time): a repeated
		 * note points where the first one does */
		for (k = from; k < i; k++)
			if (out->v[k].field == SDB_FIELD_NOTE &&
			    sdb_strieq(out->v[k].value, c->value))
				break;
		if (k < i) {
			c->start = out->v[k].start;
			c->end = out->v[k].end;
		} else if (find_first(in, start, end, c->value, n, &at)) {
			c->start = at;
			c->end = at + n;
		}
	}
}

size_t sdb_parse_document(const char *s, size_t n, char **doc)
{
	size_t i = 0, d;
	struct sdb_buf b = SDB_BUF_INIT;

	/* IANA's name for a draft in the RFC Editor's queue */
	if (n >= 6 && sdb_strnieq(s, "rfc-", 4) && ((s[4] >= 'a' && s[4] <= 'z') ||
						(s[4] >= 'A' && s[4] <= 'Z'))) {
		for (i = 4; i < n && (is_alnum((unsigned char)s[i]) ||
				      s[i] == '-' || s[i] == '.' || s[i] == '_');
		     i++)
			;
		while (i > 4 && (s[i - 1] == '.' || s[i - 1] == '-'))
			i--;
		sdb_buf_adds(&b, "draft-");
		sdb_buf_add(&b, s + 4, i - 4);
		*doc = sdb_buf_detach(&b);
		return i;
	}
	if (n >= 4 && sdb_strnieq(s, "rfc", 3)) {
		i = 3;
		if (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '/'))
			i++;
		for (d = i; i < n && is_digit(s[i]) && i - d < 5; i++)
			;
		if (i == d || (i < n && is_alnum((unsigned char)s[i])))
			return 0;
		while (d < i - 1 && s[d] == '0')
			d++;
		sdb_buf_adds(&b, "RFC ");
		sdb_buf_add(&b, s + d, i - d);
		*doc = sdb_buf_detach(&b);
		return i;
	}
	if (n >= 7 && sdb_strnieq(s, "draft-", 6) && is_alnum((unsigned char)s[6])) {
		for (i = 6; i < n && (is_alnum((unsigned char)s[i]) ||
				      s[i] == '-' || s[i] == '.' || s[i] == '_');
		     i++)
			;
		while (i > 6 && (s[i - 1] == '.' || s[i - 1] == '-'))
			i--;
		if (i >= 4 + 6 && (sdb_strnieq(s + i - 4, ".txt", 4) ||
				   sdb_strnieq(s + i - 4, ".xml", 4)))
			i -= 4;
		*doc = sdb_xstrndup(s, i);
		return i;
	}
	return 0;
}

/* After a document: ", Section 6.5.11" / " §4.1" / " Sec. 3" /
 * "#6.2.1" (right after it, as in "RFC7231#6.2.1").  Returns the bytes
 * consumed and sets *sec (caller frees), or returns 0. */
static size_t parse_section(const char *s, size_t n, char **sec)
{
	size_t i = 0, j, k;

	if (n >= 2 && s[0] == '#' && is_digit((unsigned char)s[1]))
		i = 1;	/* "RFC7231#6.2.1" */
	else
		while (i < n && (s[i] == ',' || s[i] == ' ' || s[i] == ':'))
			i++;
	if (i == 1 && s[0] == '#')
		;
	else if (i + 7 <= n && sdb_strnieq(s + i, "section", 7))
		i += 7;
	else if (i + 4 <= n && sdb_strnieq(s + i, "sec.", 4))
		i += 4;
	else if (i + 2 <= n && !memcmp(s + i, "\xC2\xA7", 2))
		i += 2;
	else
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	for (j = i; j < n && (is_alnum((unsigned char)s[j]) || s[j] == '.'); j++)
		;
	k = j;
	while (k > i && s[k - 1] == '.')
		k--;
	if (k == i || !is_alnum((unsigned char)s[i]))
		return 0;
	*sec = sdb_xstrndup(s + i, k - i);
	return k;
}

/* A citation in a folded text: document, section, and where it stands. */
struct cite {
	char *doc, *sec;	/* owned; sec NULL when none */
	size_t a, doc_end, b;	/* text[a, b), its document text[a, doc_end) */
};

/* The citations in v[0, n), in order; the caller frees them. */
static size_t find_cites(const char *v, size_t n, struct cite **out)
{
	size_t i = 0, used, count = 0, alloc = 0;
	char *doc, *sec;

	*out = NULL;
	while (i < n) {
		struct cite *c;

		if ((i > 0 && is_alnum((unsigned char)v[i - 1])) ||
		    !(used = sdb_parse_document(v + i, n - i, &doc))) {
			i++;
			continue;
		}
		sdb_grow_array((void **)out, &alloc, count + 1, sizeof(**out));
		c = &(*out)[count++];
		c->doc = doc;
		c->a = i;
		c->doc_end = i += used;
		sec = NULL;
		i += parse_section(v + i, n - i, &sec);
		c->sec = sec;
		c->b = i;
	}
	return count;
}

static void free_cites(struct cite *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(c[i].doc);
		free(c[i].sec);
	}
	free(c);
}

static int same_section(const struct cite *a, const struct cite *b)
{
	return a->sec && b->sec ? !strcmp(a->sec, b->sec) : !a->sec && !b->sec;
}

void sdb_emit_reference_m(struct sdb_claims *out, const struct sdb_input *in,
			  int entry, int code, const struct sdb_mtext *m)
{
	struct sdb_mtext f;
	struct cite *cites;
	size_t n, i;

	fold_into(&f, in, m, 0, 0);
	n = find_cites(f.s.s, f.s.len, &cites);
	for (i = 0; i < n; i++) {
		struct sdb_claim *c;
		size_t s, e;

		sdb_mtext_span(&f, cites[i].a, cites[i].b, &s, &e);
		c = sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE,
				   cites[i].doc, s, e);
		c->section = cites[i].sec;
		cites[i].sec = NULL;
	}
	if (!n)
		add_piece(out, entry, code, SDB_FIELD_REFERENCE, &f, 0, f.s.len);
	free_cites(cites, n);
	sdb_mtext_release(&f);
}

/* How far past the last one matched a citation in the raw text is looked
 * for: a bound that keeps one label linear in its length. */
#define CITE_WINDOW 16

void sdb_emit_reference(struct sdb_claims *out, const struct sdb_input *in,
			int entry, int code, const char *value,
			size_t start, size_t end)
{
	struct sdb_mtext m, f;
	struct cite *vc, *rc;
	size_t nv, nr, i, j = 0, k;
	char *v;

	sdb_trim_span(in, &start, &end);
	sdb_mtext_init(&m);
	if (!value) {
		sdb_mtext_add_decoded(&m, in, start, end);
		sdb_emit_reference_m(out, in, entry, code, &m);
		sdb_mtext_release(&m);
		return;
	}
	/*
	 * A value the raw text need not hold: each citation points at the
	 * same citation in the raw text, looked for in one forward pass,
	 * else at the whole span.
	 */
	v = folded(value, strlen(value));
	nv = find_cites(v, strlen(v), &vc);
	if (!nv) {
		if (*v)
			sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE, v,
				       start, end);
		free(v);
		free_cites(vc, nv);
		sdb_mtext_release(&m);
		return;
	}
	sdb_mtext_add_decoded(&m, in, start, end);
	fold_into(&f, in, &m, 0, 0);
	nr = find_cites(f.s.s, f.s.len, &rc);
	for (i = 0; i < nv; i++) {
		struct sdb_claim *c;
		size_t s = start, e = end, best = nr;

		for (k = j; k < nr && k < j + CITE_WINDOW; k++)
			if (!strcmp(rc[k].doc, vc[i].doc)) {
				if (same_section(&rc[k], &vc[i])) {
					best = k;
					break;
				}
				if (best == nr)
					best = k;
			}
		if (best < nr) {
			sdb_mtext_span(&f, rc[best].a,
				       same_section(&rc[best], &vc[i]) ?
				       rc[best].b : rc[best].doc_end, &s, &e);
			j = best + 1;
		}
		c = sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE,
				   vc[i].doc, s, e);
		c->section = vc[i].sec;
		vc[i].sec = NULL;
	}
	free_cites(vc, nv);
	free_cites(rc, nr);
	free(v);
	sdb_mtext_release(&f);
	sdb_mtext_release(&m);
}

void sdb_emit_target(struct sdb_claims *out, const struct sdb_input *in,
		     int entry, int code, const char *url,
		     size_t start, size_t end)
{
	size_t n = strlen(url), path_end, i;
	const char *hash = memchr(url, '#', n);
	char *doc = NULL, *sec = NULL;
	struct sdb_claim *c;

	sdb_trim_span(in, &start, &end);
	path_end = hash ? (size_t)(hash - url) : n;
	/* the last "rfcNNNN", "rfc/NNNN" or "draft-..." in the path */
	for (i = path_end; i-- > 0;) {
		char *d = NULL;

		if ((i == 0 || !is_alnum((unsigned char)url[i - 1])) &&
		    sdb_parse_document(url + i, path_end - i, &d)) {
			doc = d;
			break;
		}
	}
	if (hash && (size_t)(n - path_end) > 9 &&
	    sdb_strnieq(hash, "#section-", 9)) {
		size_t k = 9;

		while (path_end + k < n && (is_alnum((unsigned char)hash[k]) ||
					    hash[k] == '.'))
			k++;
		if (k > 9)
			sec = sdb_xstrndup(hash + 9, k - 9);
	}
	c = sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE_TARGET,
			   doc ? doc : url, start, end);
	c->section = sec;
	c->url = sdb_xstrdup(url);
	free(doc);
}

void sdb_emit_class(struct sdb_claims *out, const struct sdb_input *in,
		    int entry, int code, const char *value,
		    size_t start, size_t end)
{
	char *v;

	sdb_trim_span(in, &start, &end);
	v = span_value(in, value, start, end);
	if (*v)
		sdb_claims_add(out, entry, code, SDB_FIELD_CLASS, v, start, end);
	free(v);
}

static const struct { const char *header; enum sdb_role role; } role_names[] = {
	{ "code", SDB_ROLE_CODE }, { "value", SDB_ROLE_CODE },
	{ "status code", SDB_ROLE_CODE }, { "http status code", SDB_ROLE_CODE },
	{ "status-code", SDB_ROLE_CODE }, { "number", SDB_ROLE_CODE },
	{ "name", SDB_ROLE_NAME }, { "status", SDB_ROLE_NAME },
	{ "reason-phrase", SDB_ROLE_NAME }, { "reason phrase", SDB_ROLE_NAME },
	{ "reason", SDB_ROLE_NAME }, { "message", SDB_ROLE_NAME },
	{ "phrase", SDB_ROLE_NAME }, { "status text", SDB_ROLE_NAME },
	{ "description", SDB_ROLE_DESCRIPTION }, { "meaning", SDB_ROLE_DESCRIPTION },
	{ "details", SDB_ROLE_DESCRIPTION }, { "explanation", SDB_ROLE_DESCRIPTION },
	{ "reference", SDB_ROLE_REFERENCE }, { "references", SDB_ROLE_REFERENCE },
	{ "defining reference", SDB_ROLE_REFERENCE },
	{ "specification", SDB_ROLE_REFERENCE }, { "spec", SDB_ROLE_REFERENCE },
	{ "rfc", SDB_ROLE_REFERENCE }, { "source", SDB_ROLE_REFERENCE },
	{ "class", SDB_ROLE_CLASS }, { "category", SDB_ROLE_CLASS },
	{ "constant", SDB_ROLE_IDENTIFIER }, { "constant name", SDB_ROLE_IDENTIFIER },
	{ "identifier", SDB_ROLE_IDENTIFIER }, { "enum", SDB_ROLE_IDENTIFIER },
	{ "symbol", SDB_ROLE_IDENTIFIER },
};

enum sdb_role sdb_column_role(const char *header)
{
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;
	enum sdb_role r = SDB_ROLE_OTHER;

	sdb_fold_ws(&b, header, strlen(header));
	while (b.len && strchr(":.", b.s[b.len - 1]))
		b.s[--b.len] = '\0';
	for (i = 0; i < sizeof(role_names) / sizeof(role_names[0]); i++)
		if (sdb_strieq(b.s, role_names[i].header)) {
			r = role_names[i].role;
			break;
		}
	sdb_buf_release(&b);
	return r;
}

int sdb_column_roles(const char *const *headers, size_t n, enum sdb_role *roles)
{
	size_t i;
	int code = -1, name = 0, desc = -1;

	for (i = 0; i < n; i++) {
		roles[i] = sdb_column_role(headers[i]);
		/* the first column of each role counts; later ones are other */
		if (roles[i] == SDB_ROLE_CODE) {
			if (code >= 0)
				roles[i] = SDB_ROLE_OTHER;
			else
				code = (int)i;
		} else if (roles[i] == SDB_ROLE_NAME) {
			if (name)
				roles[i] = SDB_ROLE_OTHER;
			name = 1;
		} else if (roles[i] == SDB_ROLE_DESCRIPTION) {
			if (desc >= 0)
				roles[i] = SDB_ROLE_OTHER;
			else
				desc = (int)i;
		}
	}
	if (!name && desc >= 0)
		roles[desc] = SDB_ROLE_NAME;
	return code;
}

void sdb_emit_name_text(struct sdb_claims *out, const struct sdb_input *in,
			int entry, int code, const char *text,
			size_t start, size_t end)
{
	struct sdb_mtext m;

	/* split text as if it stood alone, every piece at the whole span */
	sdb_trim_span(in, &start, &end);
	sdb_mtext_init(&m);
	sdb_mtext_add(&m, text, strlen(text), start, end);
	sdb_emit_name_m(out, in, entry, code, &m);
	sdb_mtext_release(&m);
}

static const char *const role_words[] = {
	"other", "code", "name", "description", "reference", "identifier",
	"class"
};

int sdb_role_from_name(const char *name, size_t n)
{
	size_t i;

	for (i = 1; i < sizeof(role_words) / sizeof(role_words[0]); i++)
		if (strlen(role_words[i]) == n && !memcmp(role_words[i], name, n))
			return (int)i;
	return -1;
}

int sdb_column_override(const struct sdb_input *in, const char *key,
			enum sdb_role *role)
{
	const char *const *c;

	for (c = in->columns; c && *c; c++) {
		const char *eq = strchr(*c, '=');
		int r;

		if (!eq || strcmp(eq + 1, key))
			continue;
		r = sdb_role_from_name(*c, (size_t)(eq - *c));
		if (r > 0) {
			*role = (enum sdb_role)r;
			return 1;
		}
	}
	return 0;
}

int sdb_column_overridden(const struct sdb_input *in, enum sdb_role role)
{
	const char *const *c;

	for (c = in->columns; c && *c; c++) {
		const char *eq = strchr(*c, '=');

		if (eq && sdb_role_from_name(*c, (size_t)(eq - *c)) == (int)role)
			return 1;
	}
	return 0;
}

/*
 * text.c - normalization shared by the importers (see text.h): the text
 * itself, as every importer reads it.  Status codes, whitespace,
 * character references, texts that know where each of their bytes comes
 * from (sdb_mtext), and the roles that column headers name.  The claims
 * made from a cell's text are in text_emit.c.
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

/* ws_len() of a byte that is not ASCII: the multi-byte spaces below. */
static size_t ws_len_mb(const unsigned char *u, size_t n)
{
	if (u[0] != 0xC2 && u[0] != 0xE1 && u[0] != 0xE2 && u[0] != 0xE3 &&
	    u[0] != 0xEF)
		return 0;
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

/*
 * Length of the whitespace at s, 0 if none: ASCII white space, U+00A0,
 * U+0085, U+1680, U+2000..U+200B, U+2028, U+2029, U+202F, U+205F,
 * U+2060, U+3000 and U+FEFF.  A name of only these is an empty name.
 * Most bytes are ASCII, decided on one byte, inline.
 */
static inline size_t ws_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return (size_t)is_space(u[0]);
	return ws_len_mb(u, n);
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

/* Room for n more bytes, and their places, in m. */
static void mtext_reserve(struct sdb_mtext *m, size_t n)
{
	size_t at = m->s.len;

	if (at + n > m->alloc) {
		size_t want = m->alloc * 2 > at + n ? m->alloc * 2 : at + n + 16;

		m->from = sdb_xrealloc(m->from, want * sizeof(*m->from));
		m->to = sdb_xrealloc(m->to, want * sizeof(*m->to));
		m->alloc = want;
	}
	sdb_buf_grow(&m->s, n);
}

void sdb_mtext_add(struct sdb_mtext *m, const char *s, size_t n,
		   size_t start, size_t end)
{
	size_t i, at = m->s.len;

	if (!n)
		return;
	mtext_reserve(m, n);
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

	/* folding never lengthens: one reservation for the whole text */
	mtext_reserve(dst, n);
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
		memcpy(dst->from + dst->s.len, src->from + run,
		       (i - run) * sizeof(*dst->from));
		memcpy(dst->to + dst->s.len, src->to + run,
		       (i - run) * sizeof(*dst->to));
		sdb_buf_add(&dst->s, s + run, i - run);
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

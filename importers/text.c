/*
 * text.c - normalization shared by the importers (see text.h).
 */
#include "text.h"
#include "../common/util.h"

#include <string.h>

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' ||
				    c == '\n' || c == '\f' || c == '\v'; }

/* Length of the whitespace at s (ASCII or U+00A0), 0 if none. */
static size_t ws_len(const char *s, size_t n)
{
	if (n >= 1 && is_space((unsigned char)s[0]))
		return 1;
	if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
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

int sdb_looks_like_bad_code(const char *s, size_t n)
{
	size_t i;

	if (n < 1 || n > 4 || !is_digit(s[0]))
		return 0;
	/* "4xx" names a class, not a code */
	if (n == 3 && (s[1] == 'x' || s[1] == 'X') && (s[2] == 'x' || s[2] == 'X'))
		return 0;
	for (i = 1; i < n; i++)
		if (!is_alnum((unsigned char)s[i]))
			return 0;
	return sdb_parse_code(s, n) < 0;
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
	while (*end > *start) {
		if (is_space((unsigned char)in->text[*end - 1]))
			(*end)--;
		else if (*end - *start >= 2 &&
			 (unsigned char)in->text[*end - 2] == 0xC2 &&
			 (unsigned char)in->text[*end - 1] == 0xA0)
			*end -= 2;
		else
			break;
	}
}

static void add_utf8(struct sdb_buf *b, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		sdb_buf_addch(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		sdb_buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		sdb_buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		sdb_buf_add(b, u, 4);
	}
}

/* The named references that occur in hand-written lists. */
static const struct { const char *name; unsigned long cp; } entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", 0xA0 }, { "ndash", 0x2013 },
	{ "mdash", 0x2014 }, { "hellip", 0x2026 }, { "rsquo", 0x2019 },
	{ "lsquo", 0x2018 }, { "rdquo", 0x201D }, { "ldquo", 0x201C },
	{ "copy", 0xA9 }, { "sect", 0xA7 },
};

void sdb_decode_entities(struct sdb_buf *b, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		const char *semi;
		size_t len;

		if (s[i] != '&' ||
		    !(semi = memchr(s + i, ';', n - i < 12 ? n - i : 12))) {
			sdb_buf_addch(b, s[i++]);
			continue;
		}
		len = (size_t)(semi - (s + i)) - 1;	/* between & and ; */
		if (len >= 2 && s[i + 1] == '#') {
			unsigned long cp = 0;
			int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
			size_t j = i + 2 + (size_t)hex;
			int ok = j < (size_t)(semi - s);

			for (; ok && j < (size_t)(semi - s); j++) {
				int c = (unsigned char)s[j];
				int d = is_digit(c) ? c - '0' :
					hex && c >= 'a' && c <= 'f' ? c - 'a' + 10 :
					hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
				if (d < 0 || cp > 0x10FFFF)
					ok = 0;
				else
					cp = cp * (hex ? 16 : 10) + (unsigned long)d;
			}
			if (ok) {
				add_utf8(b, cp);
				i = (size_t)(semi - s) + 1;
				continue;
			}
		}
		for (k = 0; k < sizeof(entities) / sizeof(entities[0]); k++)
			if (strlen(entities[k].name) == len &&
			    !memcmp(s + i + 1, entities[k].name, len))
				break;
		if (k < sizeof(entities) / sizeof(entities[0])) {
			add_utf8(b, entities[k].cp);
			i = (size_t)(semi - s) + 1;
		} else {
			sdb_buf_addch(b, s[i++]);
		}
	}
}

/* First occurrence of needle in text[start, end), case-insensitive. */
static int find_first(const struct sdb_input *in, size_t start, size_t end,
		      const char *needle, size_t nlen, size_t *at)
{
	size_t i;

	if (!nlen || end - start < nlen)
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

void sdb_emit_name(struct sdb_claims *out, const struct sdb_input *in,
		   int entry, int code, size_t start, size_t end)
{
	char *v;

	sdb_trim_span(in, &start, &end);
	/* peel trailing "(...)" groups, last first */
	while (end > start && in->text[end - 1] == ')') {
		size_t open = end - 1, nstart, nend;
		int depth = 0;

		for (;;) {
			char c = in->text[open];

			if (c == ')')
				depth++;
			else if (c == '(' && --depth == 0)
				break;
			if (open == start)
				break;
			open--;
		}
		if (depth != 0 || in->text[open] != '(')
			break;
		nstart = open + 1;
		nend = end - 1;
		sdb_trim_span(in, &nstart, &nend);
		if (nend > nstart) {
			v = span_value(in, NULL, nstart, nend);
			sdb_claims_add(out, entry, code, SDB_FIELD_NOTE, v,
				       nstart, nend);
			free(v);
		}
		end = open;
		sdb_trim_span(in, &start, &end);
	}
	if (end > start) {
		v = span_value(in, NULL, start, end);
		sdb_claims_add(out, entry, code, SDB_FIELD_NAME, v, start, end);
		free(v);
	}
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

static void add_note_in(struct sdb_claims *out, const struct sdb_input *in,
			int entry, int code, const char *word, size_t n,
			size_t start, size_t end)
{
	size_t at;
	char *w = sdb_xstrndup(word, n);

	if (find_first(in, start, end, word, n, &at))
		sdb_claims_add(out, entry, code, SDB_FIELD_NOTE, w, at, at + n);
	else
		sdb_claims_add(out, entry, code, SDB_FIELD_NOTE, w, start, end);
	free(w);
}

void sdb_emit_description(struct sdb_claims *out, const struct sdb_input *in,
			  int entry, int code, const char *value,
			  size_t start, size_t end)
{
	char *v;
	const char *p, *q;
	size_t n;

	sdb_trim_span(in, &start, &end);
	v = span_value(in, value, start, end);
	if (!*v) {
		free(v);
		return;
	}
	sdb_claims_add(out, entry, code, SDB_FIELD_DESCRIPTION, v, start, end);

	/* the whole description is a status word ("deprecated") */
	n = strlen(v);
	while (n && strchr(".!", v[n - 1]))
		n--;
	if (is_status_word(v, n)) {
		add_note_in(out, in, entry, code, v, n, start, end);
	} else {
		/* or holds one in parentheses: "... (deprecated)" */
		for (p = v; (p = strchr(p, '(')) != NULL; p = q) {
			q = strchr(p + 1, ')');
			if (!q)
				break;
			if (is_status_word(p + 1, (size_t)(q - p - 1)))
				add_note_in(out, in, entry, code, p + 1,
					    (size_t)(q - p - 1), start, end);
		}
	}
	free(v);
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

/* After a document: ", Section 6.5.11" / " §4.1" / " Sec. 3".  Returns
 * the bytes consumed and sets *sec (caller frees), or returns 0. */
static size_t parse_section(const char *s, size_t n, char **sec)
{
	size_t i = 0, j, k;

	while (i < n && (s[i] == ',' || s[i] == ' ' || s[i] == ':'))
		i++;
	if (i + 7 <= n && sdb_strnieq(s + i, "section", 7))
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

void sdb_emit_reference(struct sdb_claims *out, const struct sdb_input *in,
			int entry, int code, const char *value,
			size_t start, size_t end)
{
	char *v, *doc, *sec;
	size_t i = 0, n, used, cursor;
	int found = 0;

	sdb_trim_span(in, &start, &end);
	v = span_value(in, value, start, end);
	n = strlen(v);
	cursor = start;
	while (i < n) {
		struct sdb_claim *c;
		size_t at, from = i, sn;

		if ((i > 0 && is_alnum((unsigned char)v[i - 1])) ||
		    !(used = sdb_parse_document(v + i, n - i, &doc))) {
			i++;
			continue;
		}
		i += used;
		sec = NULL;
		sn = parse_section(v + i, n - i, &sec);
		i += sn;
		/* the citation as it stands in the raw text, else the span */
		if (!value && find_first(in, cursor, end, v + from, i - from, &at)) {
			c = sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE,
					   doc, at, at + (i - from));
			cursor = at + (i - from);
		} else if (find_first(in, cursor, end, v + from, used, &at)) {
			c = sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE,
					   doc, at, at + used);
			cursor = at + used;
		} else {
			c = sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE,
					   doc, start, end);
		}
		c->section = sec;
		free(doc);
		found = 1;
	}
	if (!found && n)
		sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE, v, start, end);
	free(v);
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
	struct sdb_input tmp;
	struct sdb_claims c;
	struct sdb_error e;
	size_t i;

	/* split text as if it stood alone, then point at the whole span */
	sdb_claims_init(&c);
	if (!sdb_input_init_mem(&tmp, in->path, text, strlen(text), &e))
		sdb_emit_name(&c, &tmp, entry, code, 0, tmp.len);
	sdb_trim_span(in, &start, &end);
	for (i = 0; i < c.n; i++)
		sdb_claims_add(out, entry, code, c.v[i].field, c.v[i].value,
			       start, end);
	sdb_claims_release(&c);
	sdb_input_release(&tmp);
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

/*
 * text_emit.c - the claims a cell's text yields (see text.h): a name and
 * its parenthesized notes, a description and its status words, the
 * citations of a reference label and the document a link points to, a
 * class heading.  The text they read is made in text.c.
 */
#include "text.h"
#include "../common/util.h"

#include <string.h>

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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

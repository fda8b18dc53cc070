/*
 * pieces.c - values assembled from pieces of the file (see pieces.h).
 */
#include "pieces.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void sdb_pieces_init(struct sdb_pieces *p)
{
	memset(p, 0, sizeof(*p));
	sdb_buf_init(&p->text);
}

void sdb_pieces_release(struct sdb_pieces *p)
{
	sdb_buf_release(&p->text);
	free(p->from);
	free(p->to);
	sdb_pieces_init(p);
}

void sdb_pieces_reset(struct sdb_pieces *p)
{
	sdb_buf_reset(&p->text);
	p->space = 0;
}

static void push(struct sdb_pieces *p, char c, size_t from, size_t to)
{
	size_t n = p->text.len;

	if (n + 1 > p->alloc) {
		size_t alloc = p->alloc;

		sdb_grow_array((void **)&p->from, &alloc, n + 1, sizeof(*p->from));
		sdb_grow_array((void **)&p->to, &p->alloc, n + 1, sizeof(*p->to));
	}
	p->from[n] = from;
	p->to[n] = to;
	sdb_buf_addch(&p->text, c);
}

/* One byte of the value: white space folds, the rest is kept. */
static void put(struct sdb_pieces *p, char c, size_t from, size_t to)
{
	if (is_ws(c)) {
		if (!p->space)
			p->space_from = from;
		p->space = 1;
		p->space_to = to;
		return;
	}
	if (p->space && p->text.len)
		push(p, ' ', p->space_from, p->space_to);
	p->space = 0;
	push(p, c, from, to);
}

void sdb_pieces_add(struct sdb_pieces *p, const struct sdb_input *in,
		    size_t start, size_t end)
{
	size_t i;

	for (i = start; i < end && i < in->len; i++)
		put(p, in->text[i], i, i + 1);
}

void sdb_pieces_addch(struct sdb_pieces *p, char c, size_t start, size_t end)
{
	put(p, c, start, end);
}

void sdb_pieces_add_slice(struct sdb_pieces *p, const struct sdb_pieces *src,
			  size_t i, size_t j)
{
	for (; i < j && i < src->text.len; i++)
		put(p, src->text.s[i], src->from[i], src->to[i]);
}

void sdb_pieces_span(const struct sdb_pieces *p, size_t i, size_t j,
		     size_t *start, size_t *end)
{
	if (!p->text.len) {
		*start = *end = 0;
		return;
	}
	if (i >= p->text.len)
		i = p->text.len - 1;
	if (j <= i)
		j = i + 1;
	if (j > p->text.len)
		j = p->text.len;
	*start = p->from[i];
	*end = p->to[j - 1];
}

void sdb_pieces_emit(struct sdb_claims *out, const struct sdb_input *in,
		     int entry, int code, enum sdb_field field,
		     const struct sdb_pieces *p)
{
	struct sdb_input tmp;
	struct sdb_claims c;
	struct sdb_error e;
	size_t i;

	if (!p->text.len)
		return;
	/* the text as a file of its own, whose offsets are those of p */
	if (sdb_input_init_mem(&tmp, in->path, p->text.s, p->text.len, &e)) {
		sdb_input_release(&tmp);
		return;	/* only a BOM: nothing to say */
	}
	sdb_claims_init(&c);
	switch (field) {
	case SDB_FIELD_NAME:
		sdb_emit_name(&c, &tmp, entry, code, 0, tmp.len);
		break;
	case SDB_FIELD_DESCRIPTION:
		sdb_emit_description(&c, &tmp, entry, code, NULL, 0, tmp.len);
		break;
	case SDB_FIELD_REFERENCE:
		sdb_emit_reference(&c, &tmp, entry, code, NULL, 0, tmp.len);
		break;
	case SDB_FIELD_CLASS:
		sdb_emit_class(&c, &tmp, entry, code, NULL, 0, tmp.len);
		break;
	default:
		sdb_claims_add(&c, entry, code, field, tmp.text, 0, tmp.len);
		break;
	}
	for (i = 0; i < c.n; i++) {
		const struct sdb_claim *t = &c.v[i];
		struct sdb_claim *o;
		size_t s, e2;

		sdb_pieces_span(p, t->start + tmp.bom, t->end + tmp.bom, &s, &e2);
		o = sdb_claims_add(out, entry, code, t->field, t->value, s, e2);
		if (t->section)
			o->section = sdb_xstrdup(t->section);
		if (t->url)
			o->url = sdb_xstrdup(t->url);
	}
	sdb_claims_release(&c);
	sdb_input_release(&tmp);
}

static int starts_ci(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && sdb_strnieq(s, prefix, k);
}

/* One citation, free text or URL: text[i, j) of p. */
static void emit_one_reference(struct sdb_claims *out,
			       const struct sdb_input *in, int entry, int code,
			       const struct sdb_pieces *p, size_t i, size_t j)
{
	struct sdb_pieces one;
	const char *s;
	size_t n, start, end;

	sdb_pieces_init(&one);
	sdb_pieces_add_slice(&one, p, i, j);
	s = one.text.s;
	n = one.text.len;
	if ((starts_ci(s, n, "http://") || starts_ci(s, n, "https://")) &&
	    !memchr(s, ' ', n)) {
		sdb_pieces_span(&one, 0, n, &start, &end);
		sdb_claims_begin_link(out);
		sdb_claims_add(out, entry, code, SDB_FIELD_REFERENCE, s, start,
			       end);
		sdb_emit_target(out, in, entry, code, s, start, end);
		sdb_claims_end_link(out);
	} else {
		sdb_pieces_emit(out, in, entry, code, SDB_FIELD_REFERENCE, &one);
	}
	sdb_pieces_release(&one);
}

void sdb_pieces_emit_references(struct sdb_claims *out,
				const struct sdb_input *in, int entry, int code,
				const struct sdb_pieces *p)
{
	const char *s = p->text.s;
	size_t n = p->text.len, i = 0, j;
	int unclosed = 0;	/* no ']' after here: '[' is text */

	while (i < n) {
		if (s[i] == ' ' || s[i] == ';' || s[i] == ',') {
			i++;
			continue;
		}
		if (s[i] == '[' && !unclosed) {
			const char *close = memchr(s + i + 1, ']', n - i - 1);

			unclosed = !close;
			if (close) {
				j = (size_t)(close - s);
				if (j > i + 1)
					emit_one_reference(out, in, entry, code,
							   p, i + 1, j);
				i = j + 1;
				continue;
			}
		}
		for (j = i + 1; j < n && s[j] != ';' && (s[j] != '[' || unclosed);
		     j++)
			;
		emit_one_reference(out, in, entry, code, p, i, j);
		i = j;
	}
}

void sdb_pieces_emit_role(struct sdb_claims *out, const struct sdb_input *in,
			  int entry, int code, enum sdb_role role,
			  const struct sdb_pieces *p)
{
	static const struct { enum sdb_role role; enum sdb_field field; } map[] = {
		{ SDB_ROLE_NAME, SDB_FIELD_NAME },
		{ SDB_ROLE_DESCRIPTION, SDB_FIELD_DESCRIPTION },
		{ SDB_ROLE_CLASS, SDB_FIELD_CLASS },
		{ SDB_ROLE_IDENTIFIER, SDB_FIELD_IDENTIFIER },
	};
	size_t i;

	if (role == SDB_ROLE_REFERENCE) {
		sdb_pieces_emit_references(out, in, entry, code, p);
		return;
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].role == role)
			sdb_pieces_emit(out, in, entry, code, map[i].field, p);
}

int sdb_excerpt_len(const char *s, size_t n, size_t max)
{
	size_t k = 0;

	while (k < n && k < max && s[k] != '\n' && s[k] != '\r')
		k++;
	while (k && k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	while (k && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	return (int)k;
}

/*
 * c_source.c - status codes in C headers and sources, in the constructs
 * found in the wild:
 *
 *   #define HTTP_STATUS_MAP(XX) \          an X-macro map: code,
 *     XX(413, PAYLOAD_TOO_LARGE, Payload Too Large) \    identifier and
 *     XX(404, NOT_FOUND, "Not Found")                    phrase
 *   enum soup_status { SOUP_STATUS_NOT_FOUND = 404, ... };
 *   #define HTTP_STATUS_NOT_FOUND 404
 *   { 404, "Not Found" },  [404] = "Not Found",           phrase tables
 *   case 404: return "Not Found";                         switch tables
 *
 * libclang's tokenizer reads the text (c_tokens.c: how, and why nothing
 * is preprocessed or parsed).  This file holds the importer's entry
 * points (sdb_import_c, sdb_sniff_c), what the constructs share (the
 * earliest error, entries, constructs), the directives (X-macro maps and
 * defines) and the claims made of the entries; c_tables.c reads enums,
 * phrase tables and switches.  c_source_int.h is what the files share.
 *
 * Only status constructs count: an X-macro map or enum whose name says
 * STATUS (an enum also when it says HTTP and most of its values are
 * codes), defines whose name says STATUS, tables and switches with at
 * least three codes.  In them a value that is no code is refused
 * (4O4, 0404, 99, 600), except small ones and sentinels (NONE = 0,
 * libsoup's transport errors 1..9, -1, 10000 and up), which are not
 * status codes.  Enums: only explicit values count (an implicit value
 * after the last code is usually a sentinel such as HTTP_STATUS_MAX);
 * aliases sharing a value (SOUP_STATUS_FOUND = 302 beside
 * SOUP_STATUS_MOVED_TEMPORARILY = 302) are one entry with an identifier
 * claim each, as the enum declares one code under two names.  A
 * doxygen comment after an enumerator (//!< ..., /` `**< ... *` `/)
 * is its description.
 */
#include "c_source_int.h"
#include "text.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- the analysis ---- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
/* Keeps the error at off when it is the earliest.  Returns -1. */
int fail(struct cctx *c, size_t off, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (c->sniff || (c->failed && off >= c->fail_at))
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sdb_error_at(c->err, c->in, off, "%s", msg);
	c->failed = 1;
	c->fail_at = off;
	return -1;
}

struct centry *add_entry(struct cctx *c)
{
	struct centry *e;

	sdb_grow_array((void **)&c->e, &c->ealloc, c->ne + 1, sizeof(*c->e));
	e = &c->e[c->ne++];
	e->code = 0;
	e->code_tok = e->ident_tok = e->ph_first = e->ph_last = -1;
	e->desc_first = e->desc_last = e->alias_of = -1;
	e->ph_string = 0;
	return e;
}

/*
 * Closes the construct begun at entry first (none if it is empty).
 * aliases: a code given twice is one entry (enums, defines).
 */
void add_construct(struct cctx *c, size_t start, size_t first,
			  int aliases)
{
	struct construct *k;
	size_t i;

	if (c->ne == first)
		return;
	for (i = first; aliases && i < c->ne; i++) {
		struct centry *e = &c->e[i];

		if (c->seen[e->code] == (int)c->ncs + 1)
			e->alias_of = c->seen_at[e->code];
		else {
			c->seen[e->code] = (int)c->ncs + 1;
			c->seen_at[e->code] = (int)i;
		}
	}
	sdb_grow_array((void **)&c->cs, &c->csalloc, c->ncs + 1, sizeof(*c->cs));
	k = &c->cs[c->ncs++];
	k->start = start;
	k->first = first;
	k->n = c->ne - first;
	c->codes += (int)k->n;
}

/* Does the macro, enum or variable name s[0, n) say status codes? */
static int says_status(const char *s, size_t n)
{
	return has_word(s, n, "status") ||
	       (has_word(s, n, "http") && (has_word(s, n, "code") ||
					   has_word(s, n, "response")));
}

/* The end of the directive whose first token is d. */
static int directive_end(const struct ctoks *ct, int d)
{
	int j = d + 1;

	while (j < (int)ct->n && ct->v[j].dir && !ct->v[j].dir_start)
		j++;
	return j;
}

/* The next token at or after i that is not a comment, below end; or end. */
static int skip_comments(const struct ctoks *ct, int i, int end)
{
	while (i < end && ct->v[i].kind == K_COMMENT)
		i++;
	return i;
}

/*
 * One XX(...) of a map: args split at top-level commas in [open+1, close).
 * Returns 0, or -1 with an error for a status map (strict).
 */
static int map_entry(struct cctx *c, int open, int close, int status)
{
	const struct ctoks *ct = c->ct;
	int af[16], al[16], cnt[16], na = 0, depth = 0, i, a;
	int code_arg = -1, ident_arg = -1, ph_arg = -1, code = 0;
	struct centry *e;

	af[0] = -1;
	cnt[0] = 0;
	for (i = open + 1; i < close; i++) {
		if (ct->v[i].kind == K_COMMENT)
			continue;
		if (ct->v[i].kind == K_PUNCT && depth == 0 && tok_is(ct, i, ",")) {
			if (++na >= 16)
				return 0;	/* not a map entry we know */
			af[na] = -1;
			cnt[na] = 0;
			continue;
		}
		if (tok_is(ct, i, "(") || tok_is(ct, i, "[") || tok_is(ct, i, "{"))
			depth++;
		else if (tok_is(ct, i, ")") || tok_is(ct, i, "]") ||
			 tok_is(ct, i, "}"))
			depth--;
		if (af[na] < 0)
			af[na] = i;
		al[na] = i;
		cnt[na]++;
	}
	na++;
	for (a = 0; a < na; a++) {
		if (cnt[a] == 1 && code_arg < 0 && is_number(ct, af[a]))
			code_arg = a;
		else if (cnt[a] == 1 && ident_arg < 0 &&
			 (ct->v[af[a]].kind == K_IDENT ||
			  ct->v[af[a]].kind == K_KEYWORD))
			ident_arg = a;
	}
	for (a = na - 1; a >= 0; a--)
		if (a != code_arg && a != ident_arg && cnt[a] > 0) {
			ph_arg = a;
			break;
		}
	if (code_arg < 0) {
		if (status)
			return fail(c, ct->v[open].start, "no status code in "
				    "this entry of the map: want a number");
		return 0;
	}
	if (!status) {
		if (!peek_code(c, af[code_arg], &code))
			return 0;
	} else if (judge(c, af[code_arg], 1, &code) != V_CODE) {
		return -1;
	}
	e = add_entry(c);
	e->code = code;
	e->code_tok = af[code_arg];
	e->ident_tok = ident_arg >= 0 ? af[ident_arg] : -1;
	if (ph_arg >= 0) {
		int f = af[ph_arg], l = al[ph_arg], strings = 1, lower = 0;
		size_t k;

		for (i = f; i <= l; i++)
			if (ct->v[i].kind != K_COMMENT && !is_string(ct, i))
				strings = 0;
		for (k = 0; k < tok_n(ct, f); k++)
			lower |= tok_s(ct, f)[k] >= 'a' && tok_s(ct, f)[k] <= 'z';
		/* XX(100, CONTINUE, CONTINUE): an identifier, no phrase */
		if (!strings && cnt[ph_arg] == 1 && ct->v[f].kind != K_LITERAL &&
		    !lower && (tok_n(ct, f) > 3 || memchr(tok_s(ct, f), '_',
							  tok_n(ct, f))))
			f = -1;
		if (f >= 0) {
			e->ph_first = f;
			e->ph_last = l;
			e->ph_string = strings;
		}
	}
	return 0;
}

/* #define NAME(P) P(...) P(...): an X-macro map, if NAME says status. */
static void read_map(struct cctx *c, int d, int end)
{
	const struct ctoks *ct = c->ct;
	int name = d + 1, param = d + 3, i, j, depth, status, valid = 0;
	size_t first = c->ne;

	if (param + 1 >= end || ct->v[name].kind != K_IDENT ||
	    !tok_is(ct, name + 1, "(") || ct->v[name + 1].start != ct->v[name].end ||
	    ct->v[param].kind != K_IDENT || !tok_is(ct, param + 1, ")"))
		return;
	status = says_status(tok_s(ct, name), tok_n(ct, name));
	/* a name saying status, and codes: in sniff, a first look */
	for (i = param + 2; i < end && status; i++)
		if (tok_n(ct, i) == tok_n(ct, param) &&
		    !memcmp(tok_s(ct, i), tok_s(ct, param), tok_n(ct, i)) &&
		    (j = skip_comments(ct, i + 1, end)) < end && tok_is(ct, j, "(")) {
			int a = skip_comments(ct, j + 1, end), code;

			valid += a < end && peek_code(c, a, &code);
		}
	if (!valid)
		return;
	for (i = param + 2; i < end; i++) {
		if (ct->v[i].kind != K_IDENT || tok_n(ct, i) != tok_n(ct, param) ||
		    memcmp(tok_s(ct, i), tok_s(ct, param), tok_n(ct, i)))
			continue;
		j = skip_comments(ct, i + 1, end);
		if (j >= end || !tok_is(ct, j, "("))
			continue;
		for (depth = 0, i = j; i < end; i++) {
			if (tok_is(ct, i, "("))
				depth++;
			else if (tok_is(ct, i, ")") && --depth == 0)
				break;
		}
		if (i >= end)
			break;
		map_entry(c, j, i, 1);
	}
	add_construct(c, ct->v[d].start, first, 0);
}

/*
 * Does the name end in a word that makes it a size or a bound, not a
 * status code: HTTP_STATUS_BUF_SIZE, HTTP_STATUS_MAX?
 */
static int not_a_code_name(const char *s, size_t n)
{
	static const char *const words[] = { "max", "min", "size", "len",
		"count", "num", "limit", "port", "bits", "mask", "shift",
		"flags", "first", "last", "base", "end", NULL };
	size_t i, w = n;

	while (w > 0 && s[w - 1] != '_')
		w--;
	for (i = 0; words[i]; i++)
		if (n - w == strlen(words[i]) && sdb_strnieq(s + w, words[i], n - w))
			return 1;
	return 0;
}

/* #define NAME 404 or (404): a constant; a code if NAME says status. */
static void read_define(struct cctx *c, int d, int end, size_t *first,
			size_t *start)
{
	const struct ctoks *ct = c->ct;
	int name = d + 1, t[4], nt = 0, i, v, code;
	long x;
	struct centry *e;

	if (name >= end || ct->v[name].kind != K_IDENT)
		return;
	for (i = name + 1; i < end; i++)
		if (ct->v[i].kind != K_COMMENT) {
			if (nt == 3)
				return;
			t[nt++] = i;
		}
	if (nt == 1)
		v = t[0];
	else if (nt == 3 && tok_is(ct, t[0], "(") && tok_is(ct, t[2], ")"))
		v = t[1];
	else
		return;
	if (!is_number(ct, v))
		return;
	if (!c_int(tok_s(ct, v), tok_n(ct, v), &x))
		const_set(c, name, x);
	if (!has_word(tok_s(ct, name), tok_n(ct, name), "status") ||
	    not_a_code_name(tok_s(ct, name), tok_n(ct, name)) ||
	    judge(c, v, 0, &code) != V_CODE)
		return;
	if (c->ne == *first)
		*start = ct->v[d].start;
	e = add_entry(c);
	e->code = code;
	e->code_tok = v;
	e->ident_tok = name;
}

/* Every directive: X-macro maps and defines. */
static void read_directives(struct cctx *c)
{
	const struct ctoks *ct = c->ct;
	int i, end;
	size_t first = c->ne, start = 0;

	for (i = 0; i < (int)ct->n; i++) {
		if (!ct->v[i].dir_start || !tok_is(ct, i, "define"))
			continue;
		end = directive_end(ct, i);
		if (i + 2 < end && tok_is(ct, i + 2, "(") &&
		    ct->v[i + 2].start == ct->v[i + 1].end) {
			/* a map is a construct of its own: close the defines */
			add_construct(c, start, first, 1);
			read_map(c, i, end);
			first = c->ne;
		} else {
			read_define(c, i, end, &first, &start);
		}
		i = end - 1;
	}
	add_construct(c, start, first, 1);
}

/* ---- claims ---- */

/* The strings [f, l] as one value; span from the first's to the last's. */
static int emit_strings(struct cctx *c, struct sdb_claims *out, int entry,
			int code, int f, int l, int name)
{
	const struct ctoks *ct = c->ct;
	struct sdb_buf b = SDB_BUF_INIT;
	size_t s, e, s2, e2;
	int i;

	string_span(ct, f, &s, &e);
	string_span(ct, l, &s2, &e2);
	if (name && f == l && !memchr(c->in->text + s, '\\', e - s) &&
	    !memchr(c->in->text + s, '&', e - s)) {
		sdb_emit_name(out, c->in, entry, code, s, e);
		return 0;
	}
	for (i = f; i <= l; i++)
		if (ct->v[i].kind != K_COMMENT &&
		    c_unescape(&b, tok_s(ct, i), tok_n(ct, i))) {
			sdb_buf_release(&b);
			return sdb_error_at(c->err, c->in, ct->v[i].start,
				"string holds \\0 or bytes that are not UTF-8: "
				"not text");
		}
	if (name)
		sdb_emit_name_text(out, c->in, entry, code, b.s, s, e2);
	else
		sdb_emit_description(out, c->in, entry, code, b.s, s, e2);
	sdb_buf_release(&b);
	return 0;
}

/* A doxygen comment's text: after its marker, before a closing. */
static void emit_doc(struct cctx *c, struct sdb_claims *out, int entry,
		     int code, int t)
{
	size_t s = c->ct->v[t].start + 4, e = c->ct->v[t].end;
	struct sdb_buf b = SDB_BUF_INIT;

	if (c->in->text[s - 3] == '*' && e - s >= 2 &&
	    !memcmp(c->in->text + e - 2, "*/", 2))
		e -= 2;
	sdb_trim_span(c->in, &s, &e);
	sdb_fold_ws(&b, c->in->text + s, e - s);
	if (b.len)
		sdb_emit_description(out, c->in, entry, code, b.s, s, e);
	sdb_buf_release(&b);
}

static int by_start(const void *x, const void *y)
{
	const struct construct *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

/* Every construct in file order, every entry's claims. */
static int emit_all(struct cctx *c, struct sdb_claims *out)
{
	const struct ctoks *ct = c->ct;
	int *no = sdb_xmalloc((c->ne + 1) * sizeof(int)), rc = 0;
	size_t i, j;

	if (c->ncs)
		qsort(c->cs, c->ncs, sizeof(*c->cs), by_start);
	for (i = 0; i < c->ncs && !rc; i++) {
		const struct construct *k = &c->cs[i];

		for (j = k->first; j < k->first + k->n && !rc; j++) {
			const struct centry *e = &c->e[j];
			int entry = e->alias_of >= 0 ? no[e->alias_of]
						     : ++out->entries;

			no[j] = entry;
			if (e->ident_tok >= 0) {
				char *v = sdb_xstrndup(tok_s(ct, e->ident_tok),
						       tok_n(ct, e->ident_tok));

				sdb_claims_add(out, entry, e->code,
					       SDB_FIELD_IDENTIFIER, v,
					       ct->v[e->ident_tok].start,
					       ct->v[e->ident_tok].end);
				free(v);
			}
			if (e->ph_first >= 0 && e->ph_string)
				rc = emit_strings(c, out, entry, e->code,
						  e->ph_first, e->ph_last, 1);
			else if (e->ph_first >= 0)
				sdb_emit_name(out, c->in, entry, e->code,
					      ct->v[e->ph_first].start,
					      ct->v[e->ph_last].end);
			if (rc || e->desc_first < 0)
				continue;
			if (ct->v[e->desc_first].kind == K_COMMENT)
				emit_doc(c, out, entry, e->code, e->desc_first);
			else
				rc = emit_strings(c, out, entry, e->code,
						  e->desc_first, e->desc_last, 0);
		}
	}
	free(no);
	return rc;
}

static void cctx_release(struct cctx *c)
{
	free(c->e);
	free(c->cs);
	free(c->code);
	free(c->match);
	free(c->k);
	free(c->kslot);
}

/* Reads every construct of ct into c; errors are kept in c. */
static void analyze(struct cctx *c, struct ctoks *ct,
		    const struct sdb_input *in, struct sdb_error *err, int sniff)
{
	memset(c, 0, sizeof(*c));
	c->ct = ct;
	c->in = in;
	c->err = err;
	c->sniff = sniff;
	read_directives(c);
	code_tokens(c);
	read_enums(c);
	read_tables(c);
}

int sdb_import_c(const struct sdb_input *in, struct sdb_claims *out,
		 struct sdb_error *err)
{
	struct ctoks ct;
	struct cctx c;
	int rc;

	if (ctoks_load(&ct, in, err))
		return -1;
	analyze(&c, &ct, in, err, 0);
	rc = c.failed ? -1 : emit_all(&c, out);
	if (!rc && !out->entries)
		rc = sdb_error_at(err, in, 0, "no status codes found (no status "
			"map, enum, define, phrase table or switch)");
	cctx_release(&c);
	ctoks_release(&ct);
	return rc;
}

/* Does the text look like C: directives, or declarations and ';'? */
static int c_looking(const struct sdb_input *in)
{
	static const char *const dirs[] = { "define", "include", "ifndef",
		"ifdef", "if", "endif", "pragma", "undef", NULL };
	size_t li;
	int directives = 0, words = 0, semis = 0, k;

	for (li = 0; li < in->nlines && li < 4000; li++) {
		const char *t = in->text + in->lines[li];
		size_t n = sdb_input_line_end(in, li) - in->lines[li], i = 0;

		while (i < n && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (i < n && t[i] == '#') {
			for (i++; i < n && (t[i] == ' ' || t[i] == '\t'); i++)
				;
			for (k = 0; dirs[k]; k++)
				if (n - i >= strlen(dirs[k]) &&
				    !memcmp(t + i, dirs[k], strlen(dirs[k])))
					directives++;
			continue;
		}
		words += has_word(t, n, "enum ") || has_word(t, n, "typedef ") ||
			 has_word(t, n, "switch (") || has_word(t, n, "case ") ||
			 has_word(t, n, "static const");
		while (n && (t[n - 1] == ' ' || t[n - 1] == '\t'))
			n--;
		semis += n && t[n - 1] == ';';
	}
	return directives > 0 || (words > 0 && semis > 0);
}

int sdb_sniff_c(const struct sdb_input *in)
{
	struct ctoks ct;
	struct cctx c;
	struct sdb_error err;
	int codes;

	if (!c_looking(in))
		return 0;
	if (ctoks_load(&ct, in, &err))
		return 60;	/* C, but unread: the import will say why */
	analyze(&c, &ct, in, &err, 1);
	codes = c.codes;
	cctx_release(&c);
	ctoks_release(&ct);
	return codes >= 3 ? 85 : codes > 0 ? 55 : 10;
}

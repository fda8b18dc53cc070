/*
 * c_tokens.c - the C importer's tokens (c_source.c), and what a token
 * says: its text, whether it is a number or a string literal, the value
 * of an integer or string literal, the value of a constant named by an
 * earlier #define or enumerator, and whether a number is a status code.
 *
 * libclang's tokenizer reads the text (clang_tokenize: kinds and exact
 * offsets, comments included).  libclang is loaded with dlopen on the
 * first use, not linked: linking it costs every statusdb run ~60 ms.
 * STATUSDB_LIBCLANG, when set, names the library to load instead.
 * Nothing is preprocessed or parsed: clang is handed "#if 0" and then
 * the file with each '#' (and digraph "%:") made a space, so that its
 * preprocessor skips the whole file - no #include, no macro, nothing
 * that could loop or take quadratic time - while the tokenizer reads
 * the very same bytes at the same offsets.  Directive lines are then
 * found in the original text: a '#' starting a line before a token.
 *
 * This is the only file of the importer that includes <clang-c/Index.h>
 * (the Makefile adds libclang's include directory for it).
 */
#include "c_source_int.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <clang-c/Index.h>
#include <dlfcn.h>
#include <string.h>

/* ---- libclang, loaded on first use ---- */

static struct {
	int state;		/* 0 not tried, 1 loaded, -1 failed */
	void *lib;
	CXIndex (*createIndex)(int, int);
	void (*disposeIndex)(CXIndex);
	CXTranslationUnit (*parseTranslationUnit)(CXIndex, const char *,
		const char *const *, int, struct CXUnsavedFile *, unsigned,
		unsigned);
	void (*disposeTranslationUnit)(CXTranslationUnit);
	CXFile (*getFile)(CXTranslationUnit, const char *);
	CXSourceLocation (*getLocationForOffset)(CXTranslationUnit, CXFile,
						 unsigned);
	CXSourceRange (*getRange)(CXSourceLocation, CXSourceLocation);
	void (*tokenize)(CXTranslationUnit, CXSourceRange, CXToken **,
			 unsigned *);
	void (*disposeTokens)(CXTranslationUnit, CXToken *, unsigned);
	CXTokenKind (*getTokenKind)(CXToken);
	CXSourceRange (*getTokenExtent)(CXTranslationUnit, CXToken);
	CXSourceLocation (*getRangeStart)(CXSourceRange);
	CXSourceLocation (*getRangeEnd)(CXSourceRange);
	void (*getSpellingLocation)(CXSourceLocation, CXFile *, unsigned *,
				    unsigned *, unsigned *);
} clang;

/* Resolves name into *fn (a function pointer of any type). */
static int resolve(void *fn, size_t size, const char *name)
{
	void *p = dlsym(clang.lib, name);

	/* ISO C has no conversion from void * to a function pointer */
	if (!p || size != sizeof(p))
		return -1;
	memcpy(fn, &p, sizeof(p));
	return 0;
}

#define RESOLVE(field, name) resolve(&clang.field, sizeof(clang.field), name)

/* Loads libclang once.  Returns 0, or -1 when it cannot be had. */
static int clang_load(void)
{
	static const char *const names[] = {
		"libclang-14.so.1", "libclang.so.1", "libclang-14.so",
		"libclang.so"
	};
	const char *env = getenv("STATUSDB_LIBCLANG");
	size_t i;

	if (clang.state)
		return clang.state > 0 ? 0 : -1;
	clang.state = -1;
	if (env && *env)	/* tests: another library, or none */
		clang.lib = dlopen(env, RTLD_NOW | RTLD_LOCAL);
	for (i = 0; !env && i < sizeof(names) / sizeof(names[0]) && !clang.lib;
	     i++)
		clang.lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (!clang.lib)
		return -1;
	if (RESOLVE(createIndex, "clang_createIndex") ||
	    RESOLVE(disposeIndex, "clang_disposeIndex") ||
	    RESOLVE(parseTranslationUnit, "clang_parseTranslationUnit") ||
	    RESOLVE(disposeTranslationUnit, "clang_disposeTranslationUnit") ||
	    RESOLVE(getFile, "clang_getFile") ||
	    RESOLVE(getLocationForOffset, "clang_getLocationForOffset") ||
	    RESOLVE(getRange, "clang_getRange") ||
	    RESOLVE(tokenize, "clang_tokenize") ||
	    RESOLVE(disposeTokens, "clang_disposeTokens") ||
	    RESOLVE(getTokenKind, "clang_getTokenKind") ||
	    RESOLVE(getTokenExtent, "clang_getTokenExtent") ||
	    RESOLVE(getRangeStart, "clang_getRangeStart") ||
	    RESOLVE(getRangeEnd, "clang_getRangeEnd") ||
	    RESOLVE(getSpellingLocation, "clang_getSpellingLocation")) {
		dlclose(clang.lib);
		clang.lib = NULL;
		return -1;
	}
	clang.state = 1;
	return 0;
}

/* ---- tokens ---- */

#define PREFIX "#if 0\n"
#define PREFIX_LEN 6
#define FILE_NAME "/statusdb-input/input.c"

/*
 * Does the gap text[from, to) between two tokens hold the '#' (or "%:")
 * of a directive: at the start of a line, only spaces around it?
 */
static int gap_has_hash(const char *t, size_t from, size_t to, int line_start)
{
	size_t i;
	int bol = line_start, seen = 0;

	for (i = from; i < to; i++) {
		char c = t[i];

		if (c == '\n') {
			bol = 1;
			seen = 0;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' ||
			   c == '\v') {
			continue;
		} else if (bol && !seen && (c == '#' || (c == '%' && i + 1 < to &&
							 t[i + 1] == ':'))) {
			seen = 1;
			i += c == '%';
		} else {
			bol = 0;
			seen = 0;
		}
	}
	return seen;
}

/* Does the gap end the line (a newline not spliced by a backslash)? */
static int gap_ends_line(const char *t, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (t[i] == '\n') {
			size_t j = i;

			if (j > from && t[j - 1] == '\r')
				j--;
			if (!(j > from && t[j - 1] == '\\'))
				return 1;
		}
	return 0;
}

void ctoks_release(struct ctoks *ct)
{
	free(ct->v);
	ct->v = NULL;
	ct->n = 0;
}

/*
 * Tokenizes in->text with libclang into ct.  Returns 0, or -1 with err
 * filled (libclang missing, or it failed).
 */
int ctoks_load(struct ctoks *ct, const struct sdb_input *in,
		      struct sdb_error *err)
{
	static const char *const args[] = { "-x", "c", "-nostdinc",
					    "-ferror-limit=1" };
	struct CXUnsavedFile uf;
	CXIndex idx = NULL;
	CXTranslationUnit tu = NULL;
	CXToken *toks = NULL;
	unsigned nt = 0, i;
	char *buf;
	size_t k;
	int rc = -1, in_dir = 0;

	memset(ct, 0, sizeof(*ct));
	ct->in = in;
	if (clang_load())
		return sdb_error_at(err, in, 0, "the c importer needs libclang "
			"(Debian package libclang1-14), which cannot be loaded");
	if (in->len > 0x7fffffffu - PREFIX_LEN)
		return sdb_error_at(err, in, 0, "file too large for libclang");
	/* the same bytes at the same offsets, but no directive to run */
	buf = sdb_xmalloc(in->len + PREFIX_LEN + 1);
	memcpy(buf, PREFIX, PREFIX_LEN);
	for (k = 0; k < in->len; k++) {
		char c = in->text[k];

		buf[PREFIX_LEN + k] = c == '#' ||
			(c == '%' && k + 1 < in->len && in->text[k + 1] == ':')
			? ' ' : c;
	}
	buf[PREFIX_LEN + in->len] = '\0';
	uf.Filename = FILE_NAME;
	uf.Contents = buf;
	uf.Length = (unsigned long)(in->len + PREFIX_LEN);
	idx = clang.createIndex(0, 0);
	if (idx)
		tu = clang.parseTranslationUnit(idx, FILE_NAME, args,
			(int)(sizeof(args) / sizeof(args[0])), &uf, 1,
			CXTranslationUnit_Incomplete);
	if (tu) {
		CXFile f = clang.getFile(tu, FILE_NAME);

		if (f)
			clang.tokenize(tu, clang.getRange(
				clang.getLocationForOffset(tu, f, PREFIX_LEN),
				clang.getLocationForOffset(tu, f,
					(unsigned)(in->len + PREFIX_LEN))),
				&toks, &nt);
	}
	if (!tu) {
		sdb_error_at(err, in, 0, "libclang could not read the file");
		goto out;
	}
	ct->v = sdb_xcalloc(nt ? nt : 1, sizeof(*ct->v));
	for (i = 0; i < nt; i++) {
		CXSourceRange r = clang.getTokenExtent(tu, toks[i]);
		unsigned a = 0, b = 0;
		struct ctok *t = &ct->v[ct->n];
		size_t prev = ct->n ? ct->v[ct->n - 1].end : 0;

		clang.getSpellingLocation(clang.getRangeStart(r), NULL, NULL,
					  NULL, &a);
		clang.getSpellingLocation(clang.getRangeEnd(r), NULL, NULL,
					  NULL, &b);
		if (a < PREFIX_LEN || b < a || b - PREFIX_LEN > in->len)
			continue;
		t->start = a - PREFIX_LEN;
		t->end = b - PREFIX_LEN;
		if (t->start < prev)
			continue;	/* never out of order */
		switch (clang.getTokenKind(toks[i])) {
		case CXToken_Punctuation: t->kind = K_PUNCT; break;
		case CXToken_Keyword: t->kind = K_KEYWORD; break;
		case CXToken_Identifier: t->kind = K_IDENT; break;
		case CXToken_Literal: t->kind = K_LITERAL; break;
		default: t->kind = K_COMMENT; break;
		}
		if (gap_has_hash(in->text, prev, t->start, ct->n == 0)) {
			in_dir = 1;
			t->dir_start = 1;
		} else if (in_dir && gap_ends_line(in->text, prev, t->start)) {
			in_dir = 0;
		}
		t->dir = in_dir;
		ct->n++;
	}
	rc = 0;
out:
	if (toks)
		clang.disposeTokens(tu, toks, nt);
	if (tu)
		clang.disposeTranslationUnit(tu);
	if (idx)
		clang.disposeIndex(idx);
	free(buf);
	return rc;
}

/* ---- what tokens say ---- */

/* Does s[0, n) hold word, ignoring case? */
int has_word(const char *s, size_t n, const char *word)
{
	size_t w = strlen(word), i;

	for (i = 0; i + w <= n; i++)
		if (sdb_strnieq(s + i, word, w))
			return 1;
	return 0;
}

/*
 * A C integer literal: decimal, hex or octal, with u/l suffixes.
 * Returns 0 with *v (capped at 1000000), -1 when s is no integer
 * literal ("4O4", "4.04"), -2 when it is octal and not 0 ("0404").
 */
int c_int(const char *s, size_t n, long *v)
{
	size_t i = 0, e = n;
	int base = 10, octal = 0;
	long x = 0;

	while (e > 0 && strchr("uUlL", s[e - 1]))
		e--;
	if (e == 0 || n - e > 3)
		return -1;
	if (e > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (e > 1 && s[0] == '0') {
		octal = 1;
		base = 8;
	}
	for (; i < e; i++) {
		int c = (unsigned char)s[i], d;

		d = is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		    c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
		if (d >= base)
			return -1;
		if (x < 1000000)
			x = x * base + d;
	}
	*v = x > 1000000 ? 1000000 : x;
	return octal ? -2 : 0;
}

static size_t name_hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static struct cconst *const_find(struct cctx *c, const char *s, size_t n,
				 int add)
{
	size_t h, i;

	if (add && 2 * (c->nk + 1) > c->kcap) {
		size_t cap = c->kcap ? 2 * c->kcap : 256, j;
		int *slots = sdb_xmalloc(cap * sizeof(int));

		for (j = 0; j < cap; j++)
			slots[j] = -1;
		for (j = 0; j < c->nk; j++) {
			const struct cconst *q = &c->k[j];

			for (i = name_hash(c->in->text + q->start, q->len) % cap;
			     slots[i] >= 0; i = (i + 1) % cap)
				;
			slots[i] = (int)j;
		}
		free(c->kslot);
		c->kslot = slots;
		c->kcap = cap;
	}
	if (!c->kcap)
		return NULL;
	for (i = (h = name_hash(s, n)) % c->kcap; c->kslot[i] >= 0;
	     i = (i + 1) % c->kcap) {
		struct cconst *q = &c->k[c->kslot[i]];

		if (q->len == n && !memcmp(c->in->text + q->start, s, n))
			return q;
	}
	if (!add)
		return NULL;
	sdb_grow_array((void **)&c->k, &c->kalloc, c->nk + 1, sizeof(*c->k));
	c->kslot[i] = (int)c->nk;
	c->k[c->nk].start = (size_t)(s - c->in->text);
	c->k[c->nk].len = n;
	return &c->k[c->nk++];
}

/* Records the constant named by token i: value v. */
void const_set(struct cctx *c, int i, long v)
{
	struct cconst *q = const_find(c, tok_s(c->ct, i), tok_n(c->ct, i), 1);

	q->value = v;
}

/* The value of constant token i, or 0 when unknown. */
int const_get(struct cctx *c, int i, long *v)
{
	struct cconst *q = const_find(c, tok_s(c->ct, i), tok_n(c->ct, i), 0);

	if (!q)
		return 0;
	*v = q->value;
	return 1;
}

/*
 * What number token i says in a status construct.  strict (maps): any
 * value but a code is refused; else small values and sentinels are no
 * status codes (V_SKIP) and 10..99, 600..9999 are refused.
 */
enum verdict judge(struct cctx *c, int i, int strict, int *code)
{
	const char *s = tok_s(c->ct, i);
	size_t n = tok_n(c->ct, i);
	long v;
	int r = c_int(s, n, &v);

	if (r == -1)
		return fail(c, c->ct->v[i].start, "invalid status code '%.*s': "
			    "want three digits, 100 to 599",
			    (int)(n > 40 ? 40 : n), s), V_BAD;
	if (r == -2)
		return fail(c, c->ct->v[i].start, "'%.*s' is an octal number in "
			    "C (%ld), not a status code", (int)(n > 40 ? 40 : n),
			    s, v), V_BAD;
	if (v >= 100 && v <= 599) {
		*code = (int)v;
		return V_CODE;
	}
	if (strict || (v >= 10 && v <= 9999))
		return fail(c, c->ct->v[i].start, "invalid status code '%.*s': "
			    "want three digits, 100 to 599",
			    (int)(n > 40 ? 40 : n), s), V_BAD;
	return V_SKIP;
}

/* A code from token i without judging: a number or a known constant. */
int peek_code(struct cctx *c, int i, int *code)
{
	long v;

	if (is_number(c->ct, i)) {
		if (c_int(tok_s(c->ct, i), tok_n(c->ct, i), &v))
			return 0;
	} else if (c->ct->v[i].kind != K_IDENT || !const_get(c, i, &v)) {
		return 0;
	}
	if (v < 100 || v > 599)
		return 0;
	*code = (int)v;
	return 1;
}

/* ---- string literals ---- */

static int hexval(int c)
{
	return is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/*
 * Appends the value of the C string literal s[0, n) (prefix and quotes
 * included) to b.  Returns 0, or -1 when it holds \0 or is no UTF-8.
 */
int c_unescape(struct sdb_buf *b, const char *s, size_t n)
{
	size_t i = 0, from = b->len;

	while (i < n && s[i] != '"')
		i++;
	for (i++; i + 1 < n; i++) {
		unsigned long v = 0;
		size_t k;
		int d;

		if (s[i] != '\\' || i + 2 >= n) {
			sdb_buf_addch(b, s[i]);
			continue;
		}
		switch (s[++i]) {
		case 'n': sdb_buf_addch(b, '\n'); break;
		case 't': sdb_buf_addch(b, '\t'); break;
		case 'r': sdb_buf_addch(b, '\r'); break;
		case 'a': sdb_buf_addch(b, '\a'); break;
		case 'b': sdb_buf_addch(b, '\b'); break;
		case 'f': sdb_buf_addch(b, '\f'); break;
		case 'v': sdb_buf_addch(b, '\v'); break;
		case 'x':
			for (k = i + 1; k + 1 < n && (d = hexval((unsigned char)s[k])) >= 0;
			     k++)
				v = v < 0x1000000 ? v * 16 + (unsigned long)d : v;
			if (k == i + 1 || v == 0 || v > 0xFF)
				return -1;
			sdb_buf_addch(b, (char)v);
			i = k - 1;
			break;
		case 'u':
		case 'U':
			for (k = i + 1; k < i + 1 + (s[i] == 'u' ? 4 : 8); k++) {
				if (k + 1 >= n || (d = hexval((unsigned char)s[k])) < 0)
					return -1;
				v = v * 16 + (unsigned long)d;
			}
			if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
				return -1;
			sdb_buf_add_utf8(b, v);
			i = k - 1;
			break;
		default:
			if (s[i] >= '0' && s[i] <= '7') {
				for (k = i; k < i + 3 && k + 1 < n &&
				     s[k] >= '0' && s[k] <= '7'; k++)
					v = v * 8 + (unsigned long)(s[k] - '0');
				if (v == 0 || v > 0xFF)
					return -1;
				sdb_buf_addch(b, (char)v);
				i = k - 1;
			} else {
				sdb_buf_addch(b, s[i]);	/* \" \' \\ \? */
			}
		}
	}
	return sdb_utf8_check(b->s + from, b->len - from) == b->len - from
	       ? 0 : -1;
}

/* Where the content of string literal t begins and ends. */
void string_span(const struct ctoks *ct, int t, size_t *s, size_t *e)
{
	const char *q = memchr(tok_s(ct, t), '"', tok_n(ct, t));

	*s = q ? (size_t)(q - ct->in->text) + 1 : ct->v[t].start;
	*e = ct->v[t].end > *s ? ct->v[t].end - 1 : *s;
}

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
#include "importer.h"
#include "text.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <clang-c/Index.h>
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
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

enum tkind { K_PUNCT, K_KEYWORD, K_IDENT, K_LITERAL, K_COMMENT };

struct ctok {
	enum tkind kind;
	size_t start, end;	/* text[start, end) */
	int dir;		/* 1 in a directive line, 0 code */
	int dir_start;		/* 1: first token after a directive's '#' */
};

struct ctoks {
	const struct sdb_input *in;
	struct ctok *v;
	size_t n;
};

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

static void ctoks_release(struct ctoks *ct)
{
	free(ct->v);
	ct->v = NULL;
	ct->n = 0;
}

/*
 * Tokenizes in->text with libclang into ct.  Returns 0, or -1 with err
 * filled (libclang missing, or it failed).
 */
static int ctoks_load(struct ctoks *ct, const struct sdb_input *in,
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

static const char *tok_s(const struct ctoks *ct, int i)
{
	return ct->in->text + ct->v[i].start;
}

static size_t tok_n(const struct ctoks *ct, int i)
{
	return ct->v[i].end - ct->v[i].start;
}

static int tok_is(const struct ctoks *ct, int i, const char *s)
{
	size_t n = strlen(s);

	return tok_n(ct, i) == n && !memcmp(tok_s(ct, i), s, n);
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }

/* A number: a literal starting with a digit. */
static int is_number(const struct ctoks *ct, int i)
{
	return ct->v[i].kind == K_LITERAL && is_digit((unsigned char)tok_s(ct, i)[0]);
}

/* A string literal, with or without an L, u, U or u8 prefix. */
static int is_string(const struct ctoks *ct, int i)
{
	const char *s = tok_s(ct, i);
	size_t n = tok_n(ct, i), k = 0;

	if (ct->v[i].kind != K_LITERAL)
		return 0;
	while (k < n && k < 2 && (s[k] == 'L' || s[k] == 'u' || s[k] == 'U' ||
				  s[k] == '8'))
		k++;
	return k < n && s[k] == '"' && n - k >= 2 && s[n - 1] == '"';
}

/* Does s[0, n) hold word, ignoring case? */
static int has_word(const char *s, size_t n, const char *word)
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
static int c_int(const char *s, size_t n, long *v)
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

/* ---- the analysis ---- */

/* One row of a construct: a code and what it says of it. */
struct centry {
	int code;
	int code_tok;		/* its literal or identifier, or -1 */
	int ident_tok;		/* identifier to claim, or -1 */
	int ph_first, ph_last;	/* phrase tokens, or -1 */
	int ph_string;		/* the phrase is string literals */
	int desc_first, desc_last;	/* a doc comment or strings, or -1 */
	int alias_of;		/* entry it is one with, or -1 */
};

struct construct {
	size_t start;		/* where it begins in the text */
	size_t first, n;	/* its entries */
};

struct cconst {
	size_t start, len;	/* the name, in the text */
	long value;
};

struct cctx {
	struct ctoks *ct;
	const struct sdb_input *in;
	struct sdb_error *err;
	int sniff;
	int failed;		/* err holds the earliest error */
	size_t fail_at;
	struct centry *e;
	size_t ne, ealloc;
	struct construct *cs;
	size_t ncs, csalloc;
	int *code;		/* indices of code tokens (no directive, no comment) */
	int ncode;
	int *match;		/* per code token: its matching bracket, or -1 */
	struct cconst *k;	/* constants, hashed */
	int *kslot;
	size_t nk, kalloc, kcap;
	int codes;		/* entries in status constructs */
	int seen[600];		/* construct number + 1 a code was seen in, */
	int seen_at[600];	/* and its entry there */
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
/* Keeps the error at off when it is the earliest.  Returns -1. */
static int fail(struct cctx *c, size_t off, const char *fmt, ...)
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
static void const_set(struct cctx *c, int i, long v)
{
	struct cconst *q = const_find(c, tok_s(c->ct, i), tok_n(c->ct, i), 1);

	q->value = v;
}

/* The value of constant token i, or 0 when unknown. */
static int const_get(struct cctx *c, int i, long *v)
{
	struct cconst *q = const_find(c, tok_s(c->ct, i), tok_n(c->ct, i), 0);

	if (!q)
		return 0;
	*v = q->value;
	return 1;
}

enum verdict { V_CODE, V_SKIP, V_BAD };

/*
 * What number token i says in a status construct.  strict (maps): any
 * value but a code is refused; else small values and sentinels are no
 * status codes (V_SKIP) and 10..99, 600..9999 are refused.
 */
static enum verdict judge(struct cctx *c, int i, int strict, int *code)
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
static int peek_code(struct cctx *c, int i, int *code)
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

static struct centry *add_entry(struct cctx *c)
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
static void add_construct(struct cctx *c, size_t start, size_t first,
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

/* The code tokens (no directive, no comment) and their brackets. */
static void code_tokens(struct cctx *c)
{
	const struct ctoks *ct = c->ct;
	int *stack, sp = 0, k;
	size_t i;

	c->code = sdb_xmalloc((ct->n + 1) * sizeof(int));
	c->match = sdb_xmalloc((ct->n + 1) * sizeof(int));
	stack = sdb_xmalloc((ct->n + 1) * sizeof(int));
	for (i = 0; i < ct->n; i++)
		if (!ct->v[i].dir && ct->v[i].kind != K_COMMENT)
			c->code[c->ncode++] = (int)i;
	for (k = 0; k < c->ncode; k++) {
		int t = c->code[k];

		c->match[k] = -1;
		if (ct->v[t].kind != K_PUNCT || tok_n(ct, t) != 1)
			continue;
		switch (tok_s(ct, t)[0]) {
		case '(': case '[': case '{':
			stack[sp++] = k;
			break;
		case ')': case ']': case '}':
			/* a stray closer closes nothing */
			if (sp && tok_s(ct, c->code[stack[sp - 1]])[0] ==
			    (tok_s(ct, t)[0] == ')' ? '(' : tok_s(ct, t)[0] - 2)) {
				c->match[k] = stack[--sp];
				c->match[stack[sp]] = k;
			}
			break;
		default:
			break;
		}
	}
	free(stack);
}

/* Code token k's text is s. */
static int ctok_is(const struct cctx *c, int k, const char *s)
{
	return k >= 0 && k < c->ncode && tok_is(c->ct, c->code[k], s);
}

/* [*a, *b) of code tokens without the parentheses around it. */
static void strip_parens(const struct cctx *c, int *a, int *b)
{
	while (*b - *a >= 3 && ctok_is(c, *a, "(") && c->match[*a] == *b - 1) {
		(*a)++;
		(*b)--;
	}
}

/*
 * A doxygen comment after the code tokens ending at code index k and
 * before code index k + 2 (past a comma), on the same line: //!< ...,
 * ///< ..., / **< ... * /.  Sets the entry's description.
 */
static void doc_comment(struct cctx *c, int k, struct centry *e)
{
	const struct ctoks *ct = c->ct;
	int from = c->code[k] + 1, to = k + 2 < c->ncode ? c->code[k + 2] :
		(int)ct->n, i;

	for (i = from; i < to; i++) {
		const char *s = tok_s(ct, i);
		size_t n = tok_n(ct, i);

		if (ct->v[i].kind != K_COMMENT)
			continue;
		if (memchr(ct->in->text + ct->v[from - 1].end, '\n',
			   ct->v[i].start - ct->v[from - 1].end))
			return;
		if (n >= 4 && (!memcmp(s, "//!<", 4) || !memcmp(s, "///<", 4) ||
			       ((!memcmp(s, "/**<", 4) || !memcmp(s, "/*!<", 4)) &&
				!memchr(s, '\n', n)))) {
			e->desc_first = e->desc_last = i;
			return;
		}
	}
}

struct enumerator {
	int name;		/* code index of its name */
	int lit;		/* code index of its number, or -1 */
	int known;		/* value known */
	long value;
	int last;		/* code index of its last token */
};

/* enum [tag] { A = 404, B = A, ... } [name]: a status enum's codes. */
static void read_enum(struct cctx *c, int k, int tag, int open, int close)
{
	const struct ctoks *ct = c->ct;
	struct enumerator *v = NULL, *en;
	size_t nv = 0, alloc = 0, i, first = c->ne;
	int q = open + 1, a, b, tdef = -1, named = 0, http = 0, codes = 0;
	int valued = 0, status, code;

	for (a = close + 1; a < c->ncode && a < close + 9 && !ctok_is(c, a, ";");
	     a++)
		if (ct->v[c->code[a]].kind == K_IDENT)
			tdef = c->code[a];
	while (q < close) {
		if (ct->v[c->code[q]].kind != K_IDENT) {
			q = c->match[q] > q ? c->match[q] + 1 : q + 1;
			continue;
		}
		sdb_grow_array((void **)&v, &alloc, nv + 1, sizeof(*v));
		en = &v[nv++];
		memset(en, 0, sizeof(*en));
		en->name = q;
		en->lit = -1;
		en->last = q++;
		if (ctok_is(c, q, "=")) {
			a = ++q;
			while (q < close && !ctok_is(c, q, ","))
				q = c->match[q] > q && c->match[q] < close
					? c->match[q] + 1 : q + 1;
			b = q;
			en->last = b - 1;
			strip_parens(c, &a, &b);
			if (b - a == 1 && is_number(ct, c->code[a])) {
				en->lit = a;
				en->known = !c_int(tok_s(ct, c->code[a]),
						   tok_n(ct, c->code[a]), &en->value);
			} else if (b - a == 1 &&
				   ct->v[c->code[a]].kind == K_IDENT) {
				en->known = const_get(c, c->code[a], &en->value);
			}
		}
		if (en->known)
			const_set(c, c->code[en->name], en->value);
		named += has_word(tok_s(ct, c->code[en->name]),
				  tok_n(ct, c->code[en->name]), "status");
		http += has_word(tok_s(ct, c->code[en->name]),
				 tok_n(ct, c->code[en->name]), "http");
		valued += en->lit >= 0 || en->known;
		codes += (en->lit >= 0 || en->known) && en->value >= 100 &&
			 en->value <= 599;
		if (ctok_is(c, q, ","))
			q++;
	}
	for (a = 0; a < 2; a++) {
		int t = a ? tdef : tag;

		if (t < 0)
			continue;
		named += 2 * (int)nv * has_word(tok_s(ct, t), tok_n(ct, t), "status");
		http += 2 * (int)nv * has_word(tok_s(ct, t), tok_n(ct, t), "http");
	}
	status = codes > 0 && (2 * named >= (int)nv ||
			       (2 * http >= (int)nv && codes >= 3 &&
				5 * codes >= 4 * valued));
	for (i = 0; status && i < nv; i++) {
		struct centry *e;

		en = &v[i];
		if (en->lit >= 0) {
			if (judge(c, c->code[en->lit], 0, &code) != V_CODE)
				continue;
		} else if (en->known && en->value >= 100 && en->value <= 599) {
			code = (int)en->value;
		} else {
			continue;
		}
		e = add_entry(c);
		e->code = code;
		e->code_tok = en->lit >= 0 ? c->code[en->lit] : -1;
		e->ident_tok = c->code[en->name];
		doc_comment(c, en->last, e);
	}
	free(v);
	add_construct(c, ct->v[c->code[k]].start, first, 1);
}

static void read_enums(struct cctx *c)
{
	const struct ctoks *ct = c->ct;
	int k, open, tag;

	for (k = 0; k < c->ncode; k++) {
		if (ct->v[c->code[k]].kind != K_KEYWORD || !ctok_is(c, k, "enum"))
			continue;
		open = k + 1;
		tag = -1;
		if (open < c->ncode && ct->v[c->code[open]].kind == K_IDENT)
			tag = c->code[open++];
		if (!ctok_is(c, open, "{") || c->match[open] < 0)
			continue;
		read_enum(c, k, tag, open, c->match[open]);
		k = c->match[open];
	}
}

/* A table row or case label that may give a code its phrase. */
struct cand {
	int parent;		/* code index of the brace around it */
	int code;		/* code index of the number or constant */
	int ph_first, ph_last;	/* code indices of the phrase strings */
	int desc_first, desc_last;	/* of a second run of strings, or -1 */
};

struct cands {
	struct cand *v;
	size_t n, alloc;
};

/* The run of string literals at code index k: its end. */
static int strings_end(const struct cctx *c, int k, int end)
{
	while (k < end && is_string(c->ct, c->code[k]))
		k++;
	return k;
}

static void add_cand(struct cands *cs, int parent, int code, int pf, int pl,
		     int df, int dl)
{
	struct cand *d;

	sdb_grow_array((void **)&cs->v, &cs->alloc, cs->n + 1, sizeof(*cs->v));
	d = &cs->v[cs->n++];
	d->parent = parent;
	d->code = code;
	d->ph_first = pf;
	d->ph_last = pl;
	d->desc_first = df;
	d->desc_last = dl;
}

/* { 404, "Not Found" }, { "Not Found", 404, "desc" }, { NOT_FOUND, "..." } */
static void table_row(struct cctx *c, struct cands *cs, int open, int close,
		      int parent)
{
	const struct ctoks *ct = c->ct;
	int a = open + 1, b, code = -1, ident = -1, pf = -1, pl = -1, df = -1,
	    dl = -1, e;

	while (a < close) {
		for (b = a; b < close && !ctok_is(c, b, ",");)
			b = c->match[b] > b && c->match[b] < close ? c->match[b] + 1
								    : b + 1;
		e = b;
		strip_parens(c, &a, &e);
		if (e - a == 1 && is_number(ct, c->code[a]) && code < 0)
			code = a;
		else if (e - a == 1 && ct->v[c->code[a]].kind == K_IDENT &&
			 ident < 0)
			ident = a;
		else if (e > a && strings_end(c, a, e) == e) {
			if (pf < 0) {
				pf = a;
				pl = e - 1;
			} else if (df < 0) {
				df = a;
				dl = e - 1;
			}
		}
		a = b + 1;
	}
	if (code < 0 && ident >= 0) {
		int x;

		if (peek_code(c, c->code[ident], &x))
			code = ident;
	}
	if (code >= 0 && pf >= 0)
		add_cand(cs, parent, code, pf, pl, df, dl);
}

/* case 404: case NOT_FOUND: ... "Not Found": returns where labels end. */
static int case_labels(struct cctx *c, struct cands *cs, int k, int parent)
{
	int first = (int)cs->n, a, b, depth = 0, pf = -1, pl = -1;
	size_t i;

	while (ctok_is(c, k, "case")) {
		for (b = k + 1; b < c->ncode && !ctok_is(c, b, ":") &&
		     !ctok_is(c, b, ";") && !ctok_is(c, b, "{"); b++)
			;
		if (!ctok_is(c, b, ":"))
			return b;
		a = k + 1;
		k = b + 1;
		strip_parens(c, &a, &b);
		if (b - a == 1 && (is_number(c->ct, c->code[a]) ||
				   c->ct->v[c->code[a]].kind == K_IDENT))
			add_cand(cs, parent, a, -1, -1, -1, -1);
	}
	/* the first strings before the next label at this level */
	for (a = k; a < c->ncode; a++) {
		if (ctok_is(c, a, "{")) {
			depth++;
		} else if (ctok_is(c, a, "}")) {
			if (--depth < 0)
				break;
		} else if (depth == 0 && (ctok_is(c, a, "case") ||
					  ctok_is(c, a, "default"))) {
			break;
		} else if (is_string(c->ct, c->code[a])) {
			pf = a;
			pl = strings_end(c, a, c->ncode) - 1;
			break;
		}
	}
	for (i = (size_t)first; i < cs->n; i++) {
		cs->v[i].ph_first = pf;
		cs->v[i].ph_last = pl;
	}
	return k;
}

static int by_parent_rank(const void *x, const void *y)
{
	const int *a = x, *b = y;

	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : (a[1] < b[1] ? -1 : 1);
}

/* Phrase tables and switches: the candidates of each brace, when at
 * least three give a code and a phrase. */
static void read_tables(struct cctx *c)
{
	const struct ctoks *ct = c->ct;
	struct cands cs = { NULL, 0, 0 };
	int *st = sdb_xmalloc(((size_t)c->ncode + 1) * sizeof(int));
	char *child = sdb_xcalloc((size_t)c->ncode + 1, 1);
	int *valid = sdb_xcalloc((size_t)c->ncode + 1, sizeof(int));
	int *rank = sdb_xmalloc(((size_t)c->ncode + 1) * sizeof(int));
	int (*order)[2], sp = 0, k, nranks = 0, code;
	size_t i, j;

	for (k = 0; k < c->ncode; k++) {
		int t = c->code[k];

		if (ctok_is(c, k, "{")) {
			st[sp++] = k;
			child[k] = 0;
		} else if (ctok_is(c, k, "}") && sp && c->match[k] == st[sp - 1]) {
			int open = st[--sp];

			if (!child[open] && k - open - 1 <= 24)
				table_row(c, &cs, open, k, sp ? st[sp - 1] : -1);
			if (sp)
				child[st[sp - 1]] = 1;
		} else if (sp && ctok_is(c, k, "[") && k > 0 &&
			   (ctok_is(c, k - 1, "{") || ctok_is(c, k - 1, ",")) &&
			   c->match[k] == k + 2 && ctok_is(c, k + 3, "=") &&
			   is_string(ct, c->code[k + 4 < c->ncode ? k + 4 : k])) {
			/* [404] = "Not Found" */
			int pl = strings_end(c, k + 4, c->ncode) - 1;

			if (is_number(ct, c->code[k + 1]) ||
			    ct->v[c->code[k + 1]].kind == K_IDENT)
				add_cand(&cs, st[sp - 1], k + 1, k + 4, pl, -1, -1);
		} else if (sp && ct->v[t].kind == K_KEYWORD && ctok_is(c, k, "case")) {
			k = case_labels(c, &cs, k, st[sp - 1]) - 1;
		}
	}
	/* which braces hold a status table: three codes with phrases */
	/*
	 * Three codes with phrases; or two, and a near-code such as 4O4 or
	 * 600 (three characters) that the table then refuses.
	 */
	for (i = 0; i < cs.n; i++) {
		int t = c->code[cs.v[i].code];

		if (cs.v[i].parent < 0 || cs.v[i].ph_first < 0)
			continue;
		if (peek_code(c, t, &code))
			valid[cs.v[i].parent] += 16;
		else if (is_number(ct, t) && tok_n(ct, t) == 3)
			valid[cs.v[i].parent]++;
	}
	for (k = 0; k < c->ncode; k++)
		valid[k] = valid[k] >= 3 * 16 ||
			   (valid[k] >= 2 * 16 && valid[k] / 16 + valid[k] % 16 >= 3);
	for (k = 0; k < c->ncode; k++)
		rank[k] = -1;
	order = sdb_xcalloc(cs.n + 1, sizeof(*order));
	for (i = j = 0; i < cs.n; i++) {
		int p = cs.v[i].parent;

		if (p < 0 || !valid[p] || cs.v[i].ph_first < 0)
			continue;
		if (rank[p] < 0)
			rank[p] = nranks++;
		order[j][0] = rank[p];
		order[j++][1] = (int)i;
	}
	qsort(order, j, sizeof(*order), by_parent_rank);
	for (i = 0; i < j;) {
		int p = cs.v[order[i][1]].parent;
		size_t first = c->ne;

		for (; i < j && cs.v[order[i][1]].parent == p; i++) {
			const struct cand *d = &cs.v[order[i][1]];
			int t = c->code[d->code];
			struct centry *e;

			if (is_number(ct, t)) {
				if (judge(c, t, 0, &code) != V_CODE)
					continue;
			} else if (!peek_code(c, t, &code)) {
				continue;
			}
			e = add_entry(c);
			e->code = code;
			e->code_tok = t;
			e->ident_tok = is_number(ct, t) ? -1 : t;
			e->ph_first = c->code[d->ph_first];
			e->ph_last = c->code[d->ph_last];
			e->ph_string = 1;
			if (d->desc_first >= 0) {
				e->desc_first = c->code[d->desc_first];
				e->desc_last = c->code[d->desc_last];
			}
		}
		add_construct(c, ct->v[c->code[p]].start, first, 0);
	}
	free(order);
	free(cs.v);
	free(st);
	free(child);
	free(valid);
	free(rank);
}

/* ---- claims ---- */

static int hexval(int c)
{
	return is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/*
 * Appends the value of the C string literal s[0, n) (prefix and quotes
 * included) to b.  Returns 0, or -1 when it holds \0 or is no UTF-8.
 */
static int c_unescape(struct sdb_buf *b, const char *s, size_t n)
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
static void string_span(const struct ctoks *ct, int t, size_t *s, size_t *e)
{
	const char *q = memchr(tok_s(ct, t), '"', tok_n(ct, t));

	*s = q ? (size_t)(q - ct->in->text) + 1 : ct->v[t].start;
	*e = ct->v[t].end > *s ? ct->v[t].end - 1 : *s;
}

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

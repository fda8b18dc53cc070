/*
 * c_source_int.h - what the C importer's files share: its tokens and
 * what a token says (c_tokens.c), the context its constructs are read
 * into, and the functions one file calls in another.  c_source.c holds
 * the entry points, the directives and the claims; c_tables.c the enums,
 * phrase tables and switches.  Nothing here needs <clang-c/Index.h>.
 */
#ifndef SDB_C_SOURCE_INT_H
#define SDB_C_SOURCE_INT_H

#include "importer.h"
#include "../common/buf.h"

#include <stddef.h>
#include <string.h>

/* ---- tokens (c_tokens.c) ---- */

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

/*
 * Tokenizes in->text with libclang into ct.  Returns 0, or -1 with err
 * filled (libclang missing, or it failed).
 */
int ctoks_load(struct ctoks *ct, const struct sdb_input *in,
	       struct sdb_error *err);
void ctoks_release(struct ctoks *ct);

/* ---- what tokens say ---- */

static inline const char *tok_s(const struct ctoks *ct, int i)
{
	return ct->in->text + ct->v[i].start;
}

static inline size_t tok_n(const struct ctoks *ct, int i)
{
	return ct->v[i].end - ct->v[i].start;
}

static inline int tok_is(const struct ctoks *ct, int i, const char *s)
{
	size_t n = strlen(s);

	return tok_n(ct, i) == n && !memcmp(tok_s(ct, i), s, n);
}

static inline int is_digit(int c) { return c >= '0' && c <= '9'; }

/* A number: a literal starting with a digit. */
static inline int is_number(const struct ctoks *ct, int i)
{
	return ct->v[i].kind == K_LITERAL && is_digit((unsigned char)tok_s(ct, i)[0]);
}

/* A string literal, with or without an L, u, U or u8 prefix. */
static inline int is_string(const struct ctoks *ct, int i)
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
int has_word(const char *s, size_t n, const char *word);
/*
 * A C integer literal: decimal, hex or octal, with u/l suffixes.
 * Returns 0 with *v (capped at 1000000), -1 when s is no integer
 * literal ("4O4", "4.04"), -2 when it is octal and not 0 ("0404").
 */
int c_int(const char *s, size_t n, long *v);
/*
 * Appends the value of the C string literal s[0, n) (prefix and quotes
 * included) to b.  Returns 0, or -1 when it holds \0 or is no UTF-8.
 */
int c_unescape(struct sdb_buf *b, const char *s, size_t n);
/* Where the content of string literal t begins and ends. */
void string_span(const struct ctoks *ct, int t, size_t *s, size_t *e);

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

enum verdict { V_CODE, V_SKIP, V_BAD };

/* c_source.c: keeps the error at off when it is the earliest; -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int fail(struct cctx *c, size_t off, const char *fmt, ...);
struct centry *add_entry(struct cctx *c);
/* Closes the construct begun at entry first (none if it is empty). */
void add_construct(struct cctx *c, size_t start, size_t first,
		   int aliases);

/* c_tokens.c: constants (defines, enumerators) and codes */
void const_set(struct cctx *c, int i, long v);
int const_get(struct cctx *c, int i, long *v);
enum verdict judge(struct cctx *c, int i, int strict, int *code);
int peek_code(struct cctx *c, int i, int *code);

/* c_tables.c: code tokens, enums, phrase tables and switches */
void code_tokens(struct cctx *c);
void read_enums(struct cctx *c);
void read_tables(struct cctx *c);

#endif

/*
 * json_int.h - what the files of the JSON importer share: the tokens of
 * a file (struct jdoc), the keys of a table and their roles, the rows and
 * the state of one import (struct ctx).  Included by importers/json*.c
 * only; the importer's entry points are in importer.h.
 *
 *   json.c         the entry points, sniffing, finding the tables and
 *                  walking their rows and fields
 *   json_tokens.c  tokenizing with jsmn, checking the text is JSON,
 *                  decoding strings with SQLite
 *   json_roles.c   what values say (codes, classes, ranges) and the role
 *                  of each key from its name and its values
 *   json_claims.c  the claims of one row
 */
#ifndef SDB_JSON_INT_H
#define SDB_JSON_INT_H

#include "importer.h"
#include "text.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <sqlite3.h>
#include <string.h>

/*
 * jsmn's types for every file; its functions only in json_tokens.c,
 * which defines JSMN_STATIC (and JSMN_STRICT) before including this.
 * JSMN_PARENT_LINKS changes jsmntok_t, so every file defines it.
 */
#define JSMN_PARENT_LINKS
#ifndef JSMN_STATIC
#define JSMN_HEADER
#endif
#include <jsmn.h>

/* Most distinct keys told apart in one table; more are ignored. */
#define MAX_KEYS 256

enum jrole { J_OTHER, J_CODE, J_NAME, J_DESC, J_REF, J_TARGET, J_SECTION,
	     J_IDENT, J_CLASS };

/* The tokens of one file and what is known about each. */
struct jdoc {
	const struct sdb_input *in;
	jsmntok_t *t;
	int n;
	int *sub;		/* sub[i]: index just past i's subtree */
	int *owner;		/* the key a value stands under, or -1 */
	int *grp;		/* the object a token stands in, or -1 */
	sqlite3 *db;		/* in memory, for its JSON functions */
	sqlite3_stmt *decode, *valid;
};

enum codekind { CK_NONE, CK_CODE, CK_RANGE, CK_CLASS, CK_BAD };

/* What a table's key (or column) holds, and the role given to it. */
struct kstat {
	const char *key;	/* raw key text in the file; NULL: a column */
	size_t klen;
	int col;		/* column number, for rows without keys */
	enum jrole named;	/* the role its name says */
	int prio;		/* rank of the name among those of its role */
	int overridden;		/* role from --column */
	enum jrole role;
	int n, title, sentence, ident, space, url, code, docref;
};

enum tkind { T_RECORDS, T_MAP, T_ROWS, T_INVERTED };

struct table {
	int tok;		/* the array or object */
	enum tkind kind;
	int header;		/* T_ROWS: the header row's token, or -1 */
	int code_col;		/* T_ROWS: the code's column */
	int ident_keys;		/* T_INVERTED: keys are identifiers */
	int inv_idents;		/* T_INVERTED: a key like NOT_FOUND, notFound */
	int inv_words;		/* T_INVERTED: a key with a space or sign */
	struct kstat *ks;
	int nks;
	int slots[2 * MAX_KEYS];	/* hash of ks by key, -1: empty */
	/* the class the last class row set, for the rows after it */
	char *class_value;	/* owned; NULL: none */
	size_t class_start, class_end;
	int class_first, class_last;	/* the codes it is for: 500..599 */
};

/* A row of a table: a record, a row array, a map's value or key. */
enum rshape { R_OBJECT, R_ARRAY, R_VALUE, R_INVERTED };

struct row {
	enum rshape shape;
	int tok;		/* the record, row array or value */
	int key;		/* map rows: the key; else -1 */
	int code_tok;		/* the token holding the code */
	enum codekind kind;
	int first, last;
};

/* A class row's class, for the rows after it (and tables inside it). */
struct jclass {
	char *value;		/* owned */
	size_t start, end;
	int first, last;	/* the codes it is for */
};

/* The state of one import (or sniff) of a file. */
struct ctx {
	struct jdoc *d;
	struct sdb_claims *out;
	struct sdb_error *err;
	int sniff;		/* only count the codes */
	int codes;		/* code rows seen */
	char *is_row;		/* per token: 1 a code row, 2 a class row */
	int *ks_of;		/* per key token: its kstat in the table */
	int *cls_of;		/* per class row token: index in classes */
	struct jclass *classes;
	size_t nclasses, classes_alloc;
	/* the references of one row by group: lists through gnext */
	int *ghead, *glast;	/* per group token: first, last field; -1 */
	int *gnext, *frole;	/* per field token: next in group, role */
	int *touched;		/* groups with a list, to reset */
	size_t ntouched, touched_alloc;
	int seen_tab[600];	/* T_MAP: the table a code was seen in, */
	int seen_key[600];	/* and its key token there */
	int name_tok, desc_tok;	/* the row's first name and description */
	int entry;		/* the row's entry number */
};

/* ---- small helpers ---- */

static inline int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static inline int is_digit(int c) { return c >= '0' && c <= '9'; }

static inline int is_container(const jsmntok_t *t)
{
	return t->type == JSMN_OBJECT || t->type == JSMN_ARRAY;
}

/* Where token i begins and ends in the text, quotes included. */
static inline size_t tok_begin(const struct jdoc *d, int i)
{
	return (size_t)d->t[i].start - (d->t[i].type == JSMN_STRING);
}

static inline size_t tok_end(const struct jdoc *d, int i)
{
	return (size_t)d->t[i].end + (d->t[i].type == JSMN_STRING);
}

static inline const char *tok_text(const struct jdoc *d, int i)
{
	return d->in->text + d->t[i].start;
}

static inline size_t tok_len(const struct jdoc *d, int i)
{
	return (size_t)(d->t[i].end - d->t[i].start);
}

/* A key: a string in an object. */
static inline int is_key(const struct jdoc *d, int i)
{
	int p = d->t[i].parent;

	return p >= 0 && d->t[p].type == JSMN_OBJECT;
}

static inline int is_null(const struct jdoc *d, int t)
{
	return d->t[t].type == JSMN_PRIMITIVE && tok_text(d, t)[0] == 'n';
}

static inline int is_good_code(enum codekind k)
{
	return k == CK_CODE || k == CK_RANGE || k == CK_CLASS;
}

/* ---- json_tokens.c: reading the tokens ---- */

/* The raw text of token i, up to 40 bytes, for messages. */
const char *sdb_json_shown(const struct jdoc *d, int i, char *buf,
			   size_t size);

/*
 * Tokenizes in->text into d.  full: also check every value with SQLite.
 * Returns 0 or -1 with err.
 */
int sdb_jdoc_load(struct jdoc *d, const struct sdb_input *in, int full,
		  struct sdb_error *err);
void sdb_jdoc_release(struct jdoc *d);

/* The decoded text of string token i (the caller frees), or NULL with err. */
char *sdb_jdoc_string(struct jdoc *d, int i, struct sdb_error *err);

/* String t as a mapped text, decoded bytes on their raw bytes: 0 or -1. */
int sdb_json_string_mtext(struct jdoc *d, int t, struct sdb_mtext *m,
			  struct sdb_error *err);

/* ---- json_roles.c: what values say, the roles of keys ---- */

/* Raw text of a scalar, trimmed of spaces. */
void sdb_json_scalar_span(const struct jdoc *d, int i, const char **s,
			  size_t *n);

/* What scalar token i says as a status code. */
enum codekind sdb_json_code_of(const struct jdoc *d, int i, int *first,
			       int *last);

/* Is key token key one whose subtree is passed over (aliases, ...)? */
int sdb_json_key_passed_over(const struct jdoc *d, int key);

/* Is the key token k one that may hold a row's code? *prio: its rank. */
int sdb_json_code_key(const struct jdoc *d, int k, int *prio);

/* The key token in object o that holds its code, or -1. */
int sdb_json_row_code_key(const struct jdoc *d, int o, enum codekind *kind,
			  int *first, int *last);

/* Counts what raw string s[0, n) looks like into ks. */
void sdb_json_count_value(struct kstat *ks, const char *s, size_t n,
			  int is_str);

/* The kstat of a key (s, n) or of column col (s NULL); NULL: too many. */
struct kstat *sdb_json_table_key(struct table *tb, const struct sdb_input *in,
				 const char *s, size_t n, int col);

/* Gives each key of tb its role from its name and its values. */
void sdb_json_table_roles(struct table *tb);

/* ---- json.c: the fields of a row ---- */

/* The kstat of the value t in row r; col: its column, or -1. */
struct kstat *sdb_json_field_ks(struct ctx *c, struct table *tb,
				const struct row *r, int t, int col);

/*
 * Calls fn on every value of row r that may hold a field, in document
 * order; fn returns 1 to skip t's subtree, -1 to stop.
 */
typedef int field_fn(struct ctx *c, struct table *tb, const struct row *r,
		     int t, int col);

int sdb_json_each_field(struct ctx *c, struct table *tb, const struct row *r,
			field_fn *fn);

/* ---- json_claims.c ---- */

/* The claims of row r of table tb (a class row sets tb's class). */
int sdb_json_emit_row(struct ctx *c, struct table *tb, const struct row *r);

#endif

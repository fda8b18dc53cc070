/*
 * policy_int.h - what policy.c (the timeline and the classes) and
 * settle.c (the record, its rules, aliases and findings) share.  Not
 * for use outside the reconciler.
 */
#ifndef SDB_POLICY_INT_H
#define SDB_POLICY_INT_H

#include "policy.h"

#include <stddef.h>

/* Most documents one row cites that the policy looks at. */
#define MAXDOCS 32

/* One code's settling: the voting rows read so far, and the documents
 * the canonical record cites. */
struct sdb_pctx {
	struct sdb_code *c;
	struct sdb_row **top;	/* voting rows by rank, as read so far */
	size_t ntop, top_alloc;
	int top_done;
	const char *cur[MAXDOCS];
	size_t ncur;
};

/* A row's first claim of field f, or NULL. */
const struct sdb_rclaim *sdb_row_first(const struct sdb_row *r,
				       enum sdb_field f);
/* The documents a row cites: its labels, or, with none, the targets that
 * name a document.  Up to max, each document once; returns how many. */
size_t sdb_row_docs(const struct sdb_row *r, const struct sdb_rclaim **out,
		    size_t max);
/* A row's name, unless it is only a status word. */
const struct sdb_rclaim *sdb_row_name(const struct sdb_row *r);
/* The code's value of that kind (document 0: a name), or NULL. */
struct sdb_val *sdb_find_val(struct sdb_code *c, int document,
			     const char *value);
/* 1 when a and b have the same non-empty name key (common/names.h). */
int sdb_same_key(const char *a, const char *b);
/* 1 when both are NULL or both the same string. */
int sdb_str_eq(const char *a, const char *b);
/* The i-th voting row by rank, reading as far as needed; NULL: none (or
 * an error: *rc is then non-zero). */
struct sdb_row *sdb_top_row(struct sdb_pctx *x, size_t i, int *rc);

/* settle.c, in the order sdb_policy_settle calls them */
int sdb_settle_record(struct sdb_pctx *x, const struct sdb_rclaim *fixed_name,
		      int unused_rule, struct sdb_error *err);
void sdb_settle_rules(struct sdb_code *c, int unused_rule);
void sdb_settle_aliases(struct sdb_code *c, const struct sdb_rclaim *regname);
void sdb_settle_findings(struct sdb_code *c);

#endif

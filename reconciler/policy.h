/*
 * policy.h - the reconciliation policy, in one place: how every name and
 * document a source gives a code is classified against the registry's
 * timeline and the RFC lineage, and how one canonical record is settled.
 * README.md ("What each claim is", "How the canonical value is chosen")
 * describes it for users; this is where it is decided.
 *
 * The policy works on one code's facts in memory (struct sdb_code), which
 * reconcile.c reads from the database and writes back; it runs no SQL,
 * but asks for the next-ranked source's row through a callback, so that
 * it reads only as far down the ranking as it must.
 */
#ifndef SDB_POLICY_H
#define SDB_POLICY_H

#include "lineage.h"
#include "../importers/importer.h"

#include <sqlite3.h>

/* One claim of a row. */
struct sdb_rclaim {
	sqlite3_int64 id;
	sqlite3_int64 vid;	/* 0: none */
	enum sdb_field field;
	int entry, link;
	char *value, *section, *url;
};

/* One source's row for the code: the claims of its first entry. */
struct sdb_row {
	char *source, *kind, *version;
	int rank, votes;
	int trusted;		/* kind registry, specification or spec-index */
	struct sdb_rclaim *v;
	size_t n;
};

/*
 * Classes of values (value.class), and NULL while unclassified.  One
 * array each, so that classes compare as pointers.
 */
extern const char sdb_class_current[], sdb_class_former[],
	sdb_class_obsoleted[], sdb_class_variant[], sdb_class_another[],
	sdb_class_unregistered[], sdb_class_conflict[];
#define SDB_CURRENT sdb_class_current
#define SDB_FORMER sdb_class_former
#define SDB_OBSOLETED sdb_class_obsoleted
#define SDB_VARIANT sdb_class_variant
#define SDB_ANOTHER sdb_class_another
#define SDB_UNREGISTERED sdb_class_unregistered
#define SDB_CONFLICT sdb_class_conflict

/* A distinct name or document some source gives the code. */
struct sdb_val {
	sqlite3_int64 id;
	int document;		/* 0: a name, 1: a document */
	char *value;
	int votes;		/* claims from voting sources */
	sqlite3_int64 claim;	/* a claim giving it (for aliases) */
	/* what the policy decides */
	const char *cls;
	char *since, *until, *by, *why;
};

/* One period of the registry's timeline. */
struct sdb_period {
	const char *since, *until;	/* version dates; borrowed */
	const char *first;		/* the version that starts it */
	char *name, *notes, *refs;	/* owned; name NULL: not listed */
	char **docs;			/* the documents cited; owned */
	size_t ndocs;
	sqlite3_int64 name_claim;
};

/* A canonical reference. */
struct sdb_cref {
	const char *document, *section, *url;	/* borrowed from rows */
	sqlite3_int64 claim;
};

/* An alias: a name the code officially had, with its period. */
struct sdb_alias {
	const char *name;	/* borrowed */
	const char *since, *until, *by;	/* borrowed */
	sqlite3_int64 claim;
	int deprecated;
};

/* A finding (conflict) of the code. */
struct sdb_finding {
	const char *field, *kind;
	const char *source;	/* link, duplicate: the source; else "" */
	int minor;
};

/* A source's disagreement with itself (source_issue). */
struct sdb_issue {
	char *source, *field, *kind, *value;
};

/* Asks for the next voting row by rank; NULL when there is none. */
typedef struct sdb_row *sdb_next_row_fn(void *arg, int *rc);

struct sdb_code {
	int code;
	/* in: the registry */
	const char *registry;	/* its source name, NULL when none */
	struct sdb_row *reg;	/* its row for the code, NULL when absent */
	char *range;		/* "105-199 Unassigned" when it leaves the
				   code unassigned, else NULL; owned */
	/* in: its versions (the timeline), oldest first; rows may be NULL */
	struct sdb_row **versions;
	const char *const *version_dates;
	size_t nversions;
	/* in: voting rows of trusted sources, and the values */
	struct sdb_row **trusted;
	size_t ntrusted;
	struct sdb_val *vals;
	size_t nvals;
	int nvoting;		/* voting sources listing the code */
	struct sdb_issue *issues;
	size_t nissues;
	sdb_next_row_fn *next_row;
	void *next_arg;
	struct sdb_lineage *lineage;
	/* out */
	struct sdb_period *periods;
	size_t nperiods;
	const struct sdb_rclaim *name, *desc;
	const char *name_rule, *desc_rule, *ref_rule;
	struct sdb_cref *refs;
	size_t nrefs;
	unsigned statuses;	/* 1 << enum sdb_status */
	sqlite3_int64 status_claim[8];
	int official;
	int registered;		/* 1, 0, or -1 (no registry says) */
	struct sdb_alias *aliases;
	size_t naliases;
	struct sdb_finding *findings;
	size_t nfindings;
};

/*
 * Settles the code: the timeline, every value's class (with since, until,
 * by and why), the canonical record, aliases and findings.  Returns 0, or
 * -1 with err filled (a database error while reading rows).
 */
int sdb_policy_settle(struct sdb_code *c, struct sdb_error *err);

/* Frees what sdb_policy_settle() made (not the inputs). */
void sdb_policy_release(struct sdb_code *c);

/* The class of a code from its first digit: "Client Error". */
const char *sdb_class_name(int code);

#endif

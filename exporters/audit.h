/*
 * audit.h - what the audit report (exporters/report.c) shows beyond the
 * canonical records: the lists, and for every code and list the claims
 * the list makes and how the reconciler judged them; the registry's
 * timeline; the findings.  Read once, one query per table, in time
 * linear in the claims and the cells (codes x lists).
 *
 * A list is a voting source other than a document index (source.votes
 * = 1, kind <> 'documents'); a series shows as its series name ("iana").
 * A cell is what one list says of one code: its first entry's name and
 * references, judged by the worst of their classes (value.class), or
 * "missing" when the list lists the code nowhere.
 *
 * What is read back is checked like the records (records.h): a class
 * statusdb does not write is refused, never shown.
 */
#ifndef SDB_AUDIT_H
#define SDB_AUDIT_H

#include "records.h"
#include "../common/arena.h"
#include "../common/error.h"

#include <sqlite3.h>
#include <stddef.h>

/*
 * How a cell is judged, mildest first: a cell takes the worst class of
 * its first entry's name and references; unregistered when the registry
 * leaves the code unassigned.  The last two are no classes of a value.
 */
enum sdb_judgement {
	SDB_J_CURRENT,		/* what the registry says now */
	SDB_J_VARIANT,		/* differs in case or punctuation only */
	SDB_J_OBSOLETED,	/* cites a document since obsoleted */
	SDB_J_FORMER,		/* a name the code officially had before */
	SDB_J_UNREGISTERED,	/* a code the registry leaves unassigned */
	SDB_J_ANOTHER,		/* a name of another status */
	SDB_J_CONFLICT,		/* differs from the registry, unexplained */
	SDB_J_UNJUDGED,		/* listed, with no name or document */
	SDB_J_MISSING,		/* the list does not list the code */
	SDB_NJUDGEMENTS
};

/* "current", ..., "another-status", ..., "missing": static. */
const char *sdb_judgement_name(enum sdb_judgement j);

/* The judgement a value.class names; -1 for an unknown class. */
int sdb_judgement_parse(const char *cls);

/* One claim, as stored (claim, with its value's class and evidence); its
 * text is in the audit's arena. */
struct sdb_audit_claim {
	char *field;		/* "name", "reference", "description", ... */
	char *value;		/* normalized */
	char *section;		/* or NULL */
	char *url;		/* or NULL: shown as text, never a link */
	char *raw;		/* as in the file */
	int entry;		/* 1-based row of the source */
	int line, column;	/* where raw starts (1-based, bytes) */
	int judged;		/* enum sdb_judgement, -1: not judged */
	char *since, *until, *by, *why;	/* the value's, or NULL */
	char *doc;		/* the value when it is a document, or NULL */
};

struct sdb_audit_cell {
	enum sdb_judgement judgement;
	size_t first, n;	/* its claims: claims[first .. first + n),
				   every entry of the list for the code */
	size_t name;		/* index in claims of the name shown, or
				   SIZE_MAX when the first entry has none */
};

/* Cells of one list whose values went stale the same way: former names
 * superseded at one date, or documents obsoleted by one document. */
struct sdb_audit_stale {
	enum sdb_judgement judgement;	/* SDB_J_FORMER or SDB_J_OBSOLETED */
	char *key;		/* the date (until) or the document (by) */
	size_t cells;		/* how many of the list's codes */
};

struct sdb_audit_list {
	char *source;		/* source.name: "iana@2025-09-15" */
	char *label;		/* the series, else the name: "iana" */
	char *kind, *file, *version, *origin;	/* version, origin: or NULL */
	int rank;
	size_t counts[SDB_NJUDGEMENTS];	/* its cells by judgement */
	char *era;		/* the document it cites most, when that is
				   not current; or NULL */
	struct sdb_audit_stale *stale;	/* obsoleted, then former; most
					   cells first */
	size_t nstale;
};

/* A period of the registry's timeline (table timeline). */
struct sdb_audit_period {
	int code;
	char *since, *until;	/* version dates; until NULL: still so */
	char *name, *notes, *refs;	/* or NULL */
};

struct sdb_audit_finding {
	int code;
	char *kind, *field, *source;	/* source: "" unless link/duplicate */
	int minor;
};

/* Most lists the report shows as columns: the highest-ranked.  A page of
 * thousands of columns helps nobody, and its tree would take gigabytes
 * (500 codes x 10,000 lists is 5 million cells); the summary says how
 * many were left out and how to see them. */
#define SDB_AUDIT_MAX_LISTS 100

struct sdb_audit {
	const struct sdb_records *records;	/* the rows: records->v */
	struct sdb_audit_list *lists;	/* the columns: by rank, best first,
					   then by label; at most
					   SDB_AUDIT_MAX_LISTS */
	size_t nlists;
	size_t nlists_all;	/* every list, shown or not */
	struct sdb_audit_cell *cells;	/* records->n x nlists, row by row:
					   cells[row * nlists + list] */
	struct sdb_audit_claim *claims;	/* by source, code, entry, id */
	size_t nclaims;
	char *series;		/* the registry's series, or NULL */
	char **versions;	/* its versions, oldest first */
	size_t nversions;
	struct sdb_audit_period *periods;	/* by code, since */
	size_t nperiods;
	struct sdb_audit_finding *findings;	/* by code, kind, field, source */
	size_t nfindings;
	size_t alloc_[5];	/* the loader's */
	struct sdb_arena text;	/* the claims', periods' and findings'
				   text */
};

/*
 * Reads the audit data of the codes in r (which must outlive a) from db
 * (open, in a read transaction).  Returns 0, or -1 with err filled.
 */
int sdb_audit_load(sqlite3 *db, const struct sdb_records *r,
		   struct sdb_audit *a, struct sdb_error *err);
void sdb_audit_release(struct sdb_audit *a);

/* The cell of row (an index in records->v) and list. */
const struct sdb_audit_cell *sdb_audit_cell(const struct sdb_audit *a,
					    size_t row, size_t list);

#endif

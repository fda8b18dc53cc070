/*
 * records.h - the canonical records, read once for every exporter (the
 * way cmark's renderers share one core): each exporter renders a struct
 * sdb_records and never queries on its own.
 *
 * What is read back is checked, as data from a file others can change:
 * a code outside 100..599, an identifier with characters C does not
 * allow, an unknown class or status is refused (the database was changed
 * by something else), never exported.
 */
#ifndef SDB_RECORDS_H
#define SDB_RECORDS_H

#include "../common/error.h"

#include <sqlite3.h>
#include <stddef.h>

struct sdb_record_ref {
	char *document;		/* "RFC 9110" */
	char *section;		/* "15.5.14" or NULL */
	char *url;		/* or NULL */
};

/* A name the code officially had, or has in the registry. */
struct sdb_record_alias {
	char *name;
	char *since, *until;	/* dates, NULL when unknown or current */
	char *by;		/* what replaced it, or NULL */
	char *ident;		/* its identifier suffix, NULL: none */
	int deprecated;		/* a former name */
};

struct sdb_record {
	int code;
	char *name;		/* NULL when no source names it */
	const char *class_name;	/* "Client Error": static */
	char *description;	/* or NULL */
	char *ident;		/* identifier suffix: "NOT_FOUND", "306" */
	char *ident_name;	/* the phrase it comes from, NULL: the code */
	struct sdb_record_ref *refs;
	size_t nrefs;
	struct sdb_record_alias *aliases;	/* by since, then name */
	size_t naliases;
	unsigned statuses;	/* 1 << enum sdb_status (common/names.h) */
	int official;		/* a registry-like source lists it */
	int registered;		/* 1, 0 (unassigned), -1 (no registry says) */
	char *sources;		/* the lists giving it (a series by its
				   name), sorted, as SQLite writes them: a
				   JSON array or "; "-joined (below); NULL
				   when not read or none */
	char **conflicts;	/* the kinds of its findings, sorted */
	size_t nconflicts;
	char *name_file;	/* where the name came from, for errors */
	int name_line, name_column;
	size_t alloc_[3];	/* the loader's: refs, aliases, conflicts */
};

/* An identifier that a name would have taken but could not. */
struct sdb_record_note {
	int code;
	char *text;
};

struct sdb_records {
	struct sdb_record *v;	/* sorted by code */
	size_t n;
	char *registry;		/* the registry's name, or NULL */
	char *registry_version;	/* its newest version, or NULL */
	struct sdb_record_note *notes;	/* identifier collisions */
	size_t nnotes;
	char **banner;		/* "name (file, version V)" per source */
	size_t nbanner;
};

/* What sdb_records_load reads besides the records themselves: the lists
 * behind each code, as a JSON array (["community","iana"], made by
 * SQLite's json_group_array) or as text ("community; iana"), the
 * biggest part by far with thousands of lists (one row per code and
 * list, folded by SQLite); and its finding kinds. */
#define SDB_RECORDS_SOURCES_JSON 1u
#define SDB_RECORDS_SOURCES_TEXT 2u
#define SDB_RECORDS_CONFLICTS 4u

/* Reads every canonical record, with the parts named.  Returns 0, or -1
 * with err filled. */
int sdb_records_load(sqlite3 *db, struct sdb_records *r, unsigned parts,
		     struct sdb_error *err);
void sdb_records_release(struct sdb_records *r);

/* The index in r->v of code's record (r->v is sorted by code), by binary
 * search; r->n when there is none. */
size_t sdb_records_index(const struct sdb_records *r, int code);

#endif

/*
 * exporter.h - canonical records in, text out.
 *
 * An exporter renders the records that exporters/records.c read (one
 * loader for all, like cmark's renderers over one tree) and appends one
 * whole file to a struct sdb_buf: the C header http_status.h,
 * http_status.json, http_status.csv or the audit report report.html.
 * Exporters never write files; "statusdb export" does, atomically.  Their output depends only on the
 * records and the options, byte for byte.
 *
 * Every exporter has the same signature and is listed in sdb_exporters[]
 * (exporters/exporter.c), which the CLI and the tests share.  Adding a
 * format is one new file and one row in that table.
 */
#ifndef SDB_EXPORTER_H
#define SDB_EXPORTER_H

#include "records.h"
#include "../common/buf.h"
#include "../common/names.h"

#include <sqlite3.h>

/* What a write() returns when it fails; err is filled in both cases. */
enum sdb_export_status {
	SDB_EXPORT_EDB = -1,	/* the database could not be read */
	SDB_EXPORT_EDATA = -2,	/* a value cannot be written in the format:
				   err points at the claim it came from */
	SDB_EXPORT_EWRITE = -3	/* the options' flush failed (it said why) */
};

/* Which codes an export includes. */
enum sdb_include {
	SDB_INCLUDE_ALL,	/* every code a source lists */
	SDB_INCLUDE_OFFICIAL,	/* codes a registry-like source lists */
	SDB_INCLUDE_REGISTERED	/* codes the registry lists */
};

struct sdb_export_opts {
	const char *prefix;	/* identifier prefix: "HTTP_STATUS_"; NULL:
				   the style's default (SDB_EXPORT_PREFIX) */
	int camel;		/* identifiers in CamelCase (HttpStatus_NotFound) */
	enum sdb_include include;
	const char *version;	/* statusdb's version, for the header; or NULL */
	const char *command;	/* the command line that regenerates the
				   file, for the header's banner; or NULL */
	/*
	 * Where an exporter may hand over the output it has made so far,
	 * once nothing it still has to do can fail (it has read all it
	 * needs), so that a large file is never whole in memory:
	 * flush(flush_arg, out) writes out's bytes and empties it, and
	 * returns 0; or it says why it cannot and returns -1, and the
	 * export returns SDB_EXPORT_EWRITE.  The report uses it.  NULL:
	 * the whole output stays in out.
	 */
	int (*flush)(void *arg, struct sdb_buf *out);
	void *flush_arg;
};

/* The default identifier prefixes, upper snake case and CamelCase. */
#define SDB_EXPORT_PREFIX "HTTP_STATUS_"
#define SDB_EXPORT_PREFIX_CAMEL "HttpStatus_"

/* The longest --prefix: with it, every identifier stays within the 63
 * significant characters C99 promises (names.h, SDB_IDENT_MAX). */
#define SDB_EXPORT_PREFIX_MAX (63 - SDB_IDENT_MAX)

/*
 * The sets users of jshttp/statuses rely on, as the specifications
 * define them (exporter.c cites the section for each code):
 * redirect, the response sends the user agent to another URI
 * (RFC 9110, Section 15.4); empty, the response has no content (RFC
 * 9110, Section 6.4.1); retry, the condition is temporary and the same
 * request may succeed later (RFC 9110, Section 15.6.4; RFC 6585,
 * Section 4).
 */
enum sdb_set {
	SDB_SET_REDIRECT = 1,
	SDB_SET_EMPTY = 2,
	SDB_SET_RETRY = 4
};
#define SDB_NSETS 3

/* The sets' names, by bit: "redirect", "empty", "retry". */
extern const char *const sdb_set_names[SDB_NSETS];

/* The sets code is in, as a bit set of enum sdb_set. */
unsigned sdb_export_sets(int code);

/* 1 when the options let rec into the export. */
int sdb_export_includes(const struct sdb_export_opts *o,
			const struct sdb_record *rec);

/*
 * An exporter: appends the whole file to out (which the caller owns and
 * frees, whatever the outcome), or what is left of it after o->flush.
 * db is open (read-only) for SQLite's JSON functions.  Returns 0 or an
 * enum sdb_export_status.
 */
typedef int sdb_export_fn(const struct sdb_records *r,
			  const struct sdb_export_opts *o, sqlite3 *db,
			  struct sdb_buf *out, struct sdb_error *err);

struct sdb_exporter {
	const char *name;	/* --format value */
	const char *summary;	/* one line for --help */
	sdb_export_fn *write;
	unsigned parts;		/* SDB_RECORDS_*: what write reads */
};

/* The table, ended by an entry whose name is NULL. */
extern const struct sdb_exporter sdb_exporters[];

const struct sdb_exporter *sdb_exporter_find(const char *name);

/*
 * A canonical reference as text: "RFC 7231, Section 6.5.11", or the
 * document alone.  Appended to b.
 */
void sdb_export_reference(struct sdb_buf *b, const struct sdb_record_ref *f);

/*
 * Appends s as a JSON string through SQLite's json_quote() (q: a
 * statement "SELECT json_quote(?1)"); NULL as null.  Returns 0 or -1.
 */
int sdb_export_json_string(sqlite3_stmt *q, struct sdb_buf *b, const char *s);

/* The exporters, one per file. */
sdb_export_fn sdb_export_c;
sdb_export_fn sdb_export_json;
sdb_export_fn sdb_export_csv;
sdb_export_fn sdb_export_html;

#endif

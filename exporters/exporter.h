/*
 * exporter.h - canonical records in, text out.
 *
 * An exporter reads the canonical_* and conflict tables the reconciler
 * fills (schema/002_reconcile.sql) and appends one whole file to a struct
 * sdb_buf: the C header http_status.h, http_status.json or http_status.csv.
 * Exporters never write files; "statusdb export" does, atomically.  Their
 * output depends only on the database, byte for byte, so regenerating it
 * from the same sources gives the same file.
 *
 * Every exporter has the same signature and is listed in sdb_exporters[]
 * (exporters/exporter.c), which the CLI and the tests share.  Adding a
 * format is one new file and one row in that table.
 */
#ifndef SDB_EXPORTER_H
#define SDB_EXPORTER_H

#include "../common/buf.h"
#include "../importers/importer.h"

#include <sqlite3.h>

/* What a write() returns when it fails; err is filled in both cases. */
enum sdb_export_status {
	SDB_EXPORT_EDB = -1,	/* the database could not be read (what
				   sdb_db_error() returns) */
	SDB_EXPORT_EDATA = -2	/* a value cannot be written in the format:
				   err points at the claim it came from */
};

/*
 * An exporter: appends the whole file to out (which the caller owns and
 * frees, whatever the outcome).  Call it inside a read transaction so
 * its queries see one state.  Returns 0 or an enum sdb_export_status.
 */
typedef int sdb_export_fn(sqlite3 *db, struct sdb_buf *out,
			  struct sdb_error *err);

struct sdb_exporter {
	const char *name;	/* --format value */
	const char *summary;	/* one line for --help */
	sdb_export_fn *write;
};

/* The table, ended by an entry whose name is NULL. */
extern const struct sdb_exporter sdb_exporters[];

const struct sdb_exporter *sdb_exporter_find(const char *name);

/*
 * SQL for one canonical_reference row r as text: "RFC 7231, Section
 * 6.5.11", or the document alone when it has no section.  The C header's
 * comments and the CSV's references column both use it.
 */
#define SDB_EXPORT_REFERENCE_SQL \
	"r.document || coalesce(', Section ' || r.section, '')"

/* The exporters, one per file. */
sdb_export_fn sdb_export_c;
sdb_export_fn sdb_export_json;
sdb_export_fn sdb_export_csv;

#endif

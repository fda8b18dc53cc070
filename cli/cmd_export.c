/*
 * cmd_export.c - "statusdb export": the canonical records as a C header,
 * JSON, CSV or the HTML audit report (exporters/), to stdout or,
 * atomically, to a file; sdb_export_write() does it for "statusdb
 * report" too.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../store/db.h"
#include "../common/buf.h"
#include "../common/util.h"
#include "../exporters/exporter.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void export_usage(FILE *f)
{
	const struct sdb_exporter *ex;

	fputs("usage: statusdb export --format FORMAT [--db PATH] [-o FILE]\n\n"
	      "Writes the canonical record of every code in the database "
	      "(default\nbuild/status.db) in FORMAT, to standard output or "
	      "to FILE.  FILE is\nwritten whole or not at all: a new file "
	      "beside it, then renamed over it.\n\n"
	      "  --format FORMAT    one of the formats below\n"
	      "  --db PATH          the database\n"
	      "  -o, --output FILE  where to write (default: standard output)"
	      "\n\nformats:\n", f);
	for (ex = sdb_exporters; ex->name; ex++)
		fprintf(f, "  %-10s %s\n", ex->name, ex->summary);
}

/* 1 if the reconciler left at least one canonical record, 0 if none,
 * -1 on a database error (err filled). */
static int has_records(sqlite3 *db, struct sdb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret;

	if (sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM canonical)",
			       -1, &st, NULL) != SQLITE_OK)
		return sdb_db_error(db, err,
				    "cannot read the canonical records");
	rc = sqlite3_step(st);
	ret = rc == SQLITE_ROW ? sqlite3_column_int(st, 0)
	      : sdb_db_error(db, err, "cannot read the canonical records");
	sqlite3_finalize(st);
	return ret;
}

/* Runs the exporter in one read transaction.  Returns an exit status. */
static int export_db(const struct sdb_exporter *ex, const char *dbpath,
		     struct sdb_buf *b, FILE *err)
{
	sqlite3 *db = NULL;
	struct sdb_error e;
	int rc, status = SDB_EXIT_DB;

	memset(&e, 0, sizeof(e));
	if (sdb_db_open(&db, dbpath ? dbpath : sdb_default_db(0), SDB_DB_READ,
			&e) ||
	    sdb_db_exec(db, "BEGIN", &e))
		goto fail;
	rc = has_records(db, &e);
	if (rc < 0)
		goto fail;
	if (!rc) {
		fprintf(err, "%s: no canonical records to export (import "
			"sources first: 'statusdb build')\n",
			dbpath ? dbpath : sdb_default_db(0));
		goto out;
	}
	{
		struct sdb_records recs;
		struct sdb_export_opts o;

		memset(&o, 0, sizeof(o));
		o.prefix = "HTTP_STATUS_";
		rc = sdb_records_load(db, &recs, &e);
		if (!rc)
			rc = ex->write(&recs, &o, db, b, &e);
		else
			rc = SDB_EXPORT_EDB;
		sdb_records_release(&recs);
	}
	if (rc) {
		status = rc == SDB_EXPORT_EDATA ? SDB_EXIT_INPUT : SDB_EXIT_DB;
		goto fail;
	}
	if (sdb_db_exec(db, "COMMIT", &e))
		goto fail;
	status = SDB_EXIT_OK;
	goto out;
fail:
	sdb_error_print(&e, err);
out:
	sqlite3_close(db);	/* an open read transaction ends with it */
	return status;
}

int sdb_export_write(const char *cmd, const struct sdb_exporter *ex,
		     const char *dbpath, const char *output, FILE *out,
		     FILE *err)
{
	struct sdb_buf b = SDB_BUF_INIT;
	int status = export_db(ex, dbpath, &b, err);

	if (status == SDB_EXIT_OK &&
	    sdb_write_output(cmd, output, &b, out, err))
		status = SDB_EXIT_OUTPUT;
	sdb_buf_release(&b);
	return status;
}

int sdb_cmd_export(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = NULL, *output = NULL;
	const struct sdb_exporter *ex = NULL;
	int c;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+d:f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'o': output = optarg; break;
		case 'f':
			ex = sdb_exporter_find(optarg);
			if (ex)
				break;
			fprintf(err, "statusdb export: unknown format '%s'\n",
				optarg);
			export_usage(err);
			return SDB_EXIT_USAGE;
		case 'h': export_usage(out); return SDB_EXIT_OK;
		default:
			fprintf(err, "statusdb export: bad option '%s'\n",
				argv[optind - 1]);
			export_usage(err);
			return SDB_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(err, "statusdb export: unexpected argument '%s'\n",
			argv[optind]);
		return SDB_EXIT_USAGE;
	}
	if (!ex) {
		fputs("statusdb export: no --format given\n", err);
		export_usage(err);
		return SDB_EXIT_USAGE;
	}
	return sdb_export_write("export", ex, dbpath, output, out, err);
}

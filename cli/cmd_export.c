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
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
		     const struct sdb_export_opts *o, struct sdb_buf *b,
		     FILE *err)
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

		rc = sdb_records_load(db, &recs, ex->parts, &e);
		if (!rc)
			rc = ex->write(&recs, o, db, b, &e);
		else
			rc = SDB_EXPORT_EDB;
		sdb_records_release(&recs);
	}
	if (rc == SDB_EXPORT_EWRITE) {
		status = SDB_EXIT_OUTPUT;	/* the flush said why */
		goto out;
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

/* Where standard output goes, for a flush. */
struct to_out {
	const char *cmd;
	FILE *out, *err;
};

/* Standard output takes the output as it is made: the exporter flushes
 * only once nothing else can fail (exporter.h).  A file (-o) is written
 * whole or not at all, so it is never flushed to. */
static int flush_out(void *arg, struct sdb_buf *b)
{
	const struct to_out *t = arg;

	if (fwrite(b->s, 1, b->len, t->out) != b->len) {
		fprintf(t->err, "statusdb %s: cannot write the output: %s\n",
			t->cmd, strerror(errno));
		return -1;
	}
	sdb_buf_reset(b);
	return 0;
}

/* Exports with the options o, and writes the result to output. */
static int export_write(const char *cmd, const struct sdb_exporter *ex,
			const char *dbpath, const struct sdb_export_opts *opts,
			const char *output, FILE *out, FILE *err)
{
	struct sdb_buf b = SDB_BUF_INIT;
	struct sdb_export_opts o = *opts;
	struct to_out t;
	int status;

	if (!output || !strcmp(output, "-")) {
		t.cmd = cmd;
		t.out = out;
		t.err = err;
		o.flush = flush_out;
		o.flush_arg = &t;
	}
	status = export_db(ex, dbpath, &o, &b, err);

	if (status == SDB_EXIT_OK &&
	    sdb_write_output(cmd, output, &b, out, err))
		status = SDB_EXIT_OUTPUT;
	sdb_buf_release(&b);
	return status;
}

int sdb_export_write(const char *cmd, const struct sdb_exporter *ex,
		     const char *dbpath, const char *output, FILE *out,
		     FILE *err)
{
	struct sdb_export_opts o;

	memset(&o, 0, sizeof(o));
	o.version = SDB_VERSION;
	return export_write(cmd, ex, dbpath, &o, output, out, err);
}

/* 1 when s can start every identifier: a letter, then letters, digits and
 * underscores, short enough (SDB_EXPORT_PREFIX_MAX). */
static int prefix_ok(const char *s)
{
	size_t i;

	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return 0;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return i <= SDB_EXPORT_PREFIX_MAX;
}

static const char usage[] =
	"statusdb export --format FORMAT [--db PATH] [-o FILE] "
	"[--include CODES]\n       [--prefix PREFIX] [--style snake|camel]";

int sdb_cmd_export(int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const includes[] = {
		"all", "official", "registered", NULL	/* enum sdb_include */
	};
	static const char *const styles[] = { "snake", "camel", NULL };
	const char *formats[16];
	const char *dbpath = NULL, *output = NULL, *format = NULL;
	const char *prefix = NULL, *style = NULL, *include = "all";
	struct sdb_option opts[] = {
		{ "format", 'f', SDB_OPT_CHOICE, "FORMAT", "what to write",
		  &format, 0, 0, formats },
		{ "db", 0, SDB_OPT_STRING, "PATH", "the database", &dbpath,
		  0, 0, NULL },
		{ "output", 'o', SDB_OPT_STRING, "FILE", "where to write "
		  "(default: standard output)", &output, 0, 0, NULL },
		{ "include", 0, SDB_OPT_CHOICE, "CODES", "which codes "
		  "(default: all)", &include, 0, 0, includes },
		{ "prefix", 0, SDB_OPT_STRING, "PREFIX", "C identifier prefix "
		  "(default: HTTP_STATUS_, HttpStatus_ with --style camel)",
		  &prefix, 0, 0, NULL },
		{ "style", 0, SDB_OPT_CHOICE, "STYLE", "C identifier style "
		  "(default: snake)", &style, 0, 0, styles },
		{ NULL, 0, 0, NULL, NULL, NULL, 0, 0, NULL }
	};
	const struct sdb_exporter *ex;
	struct sdb_export_opts o;
	struct sdb_buf about = SDB_BUF_INIT, cmd = SDB_BUF_INIT;
	size_t i;
	int first, status;

	for (i = 0; sdb_exporters[i].name && i + 1 < sizeof(formats) /
	     sizeof(*formats); i++)
		formats[i] = sdb_exporters[i].name;
	formats[i] = NULL;
	sdb_buf_adds(&about,
		"Writes the canonical record of every code in the database in\n"
		"FORMAT, to standard output or to FILE.  FILE is written whole "
		"or not\nat all (a new file beside it, then renamed over it), "
		"and left untouched\nwhen it already holds the same bytes.\n\n"
		"formats:\n");
	for (ex = sdb_exporters; ex->name; ex++)
		sdb_buf_addf(&about, "  %-10s %s\n", ex->name, ex->summary);
	sdb_buf_adds(&about,
		"\ncodes (--include):\n"
		"  all        every code a source lists\n"
		"  official   the codes a registry, a specification or a list "
		"citing\n             them lists\n"
		"  registered the codes the registry lists\n\n"
		"--prefix and --style shape the C header's names: the enumerators "
		"take\nPREFIX as given, the functions PREFIX in lowercase, the "
		"macros in\nuppercase (--style camel: HttpStatus_NotFound, "
		"httpstatus_reason(),\nHTTPSTATUS_MAP).\n");
	status = sdb_parse_options(argc, argv, opts, usage, about.s, 0, 0,
				   &first, out, err);
	sdb_buf_release(&about);
	if (status)
		return status < 0 ? SDB_EXIT_OK : status;
	if (!format) {
		fprintf(err, "statusdb export: no --format given\nusage: %s\n",
			usage);
		return SDB_EXIT_USAGE;
	}
	ex = sdb_exporter_find(format);
	if (strcmp(format, "c") && (prefix || style)) {
		fprintf(err, "statusdb export: --%s is for --format c only\n",
			prefix ? "prefix" : "style");
		return SDB_EXIT_USAGE;
	}
	if (prefix && !prefix_ok(prefix)) {
		fprintf(err, "statusdb export: --prefix wants the start of a C "
			"identifier: a letter, then letters, digits or '_', at "
			"most %d in all, not '%s'\n", SDB_EXPORT_PREFIX_MAX,
			sdb_esc(prefix));
		return SDB_EXIT_USAGE;
	}
	memset(&o, 0, sizeof(o));
	o.prefix = prefix;
	o.camel = style && !strcmp(style, "camel");
	for (i = 0; strcmp(includes[i], include); i++)
		;
	o.include = (enum sdb_include)i;
	o.version = SDB_VERSION;
	/* the command that makes the same file, for the header's banner */
	sdb_buf_addf(&cmd, "statusdb export --format %s", format);
	if (o.include != SDB_INCLUDE_ALL)
		sdb_buf_addf(&cmd, " --include %s", include);
	if (style)
		sdb_buf_addf(&cmd, " --style %s", style);
	if (prefix)
		sdb_buf_addf(&cmd, " --prefix %s", prefix);
	o.command = cmd.s;
	status = export_write("export", ex, dbpath, &o, output, out, err);
	sdb_buf_release(&cmd);
	return status;
}

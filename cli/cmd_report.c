/*
 * cmd_report.c - "statusdb report": the audit report, one self-contained
 * HTML page (exporters/report.c), written as "statusdb export --format
 * html" writes it.
 */
#include "cli.h"
#include "../common/util.h"
#include "../exporters/exporter.h"

int sdb_cmd_report(int argc, char **argv, FILE *out, FILE *err)
{
	const char *dbpath = NULL, *output = NULL;
	struct sdb_option opts[] = {
		{ "db", 0, SDB_OPT_STRING, "PATH", "the database", &dbpath,
		  0, 0, NULL },
		{ "output", 'o', SDB_OPT_STRING, "FILE", "where to write "
		  "(default: standard output)", &output, 0, 0, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, 0, 0, NULL }
	};
	int rc, first;

	rc = sdb_parse_options(argc, argv, opts, "statusdb report [--db PATH] "
			       "[-o FILE]",
			       "Where each list stands, as one HTML page that "
			       "needs no network: a summary,\nthe matrix of codes "
			       "by lists coloured by how each claim stands, the\n"
			       "evidence of every cell, the registry's timeline "
			       "and filters.  FILE is\nwritten whole or not at "
			       "all: a new file beside it, then renamed over "
			       "it.\n",
			       0, 0, &first, out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	return sdb_export_write("report", sdb_exporter_find("html"), dbpath,
				output, out, err);
}

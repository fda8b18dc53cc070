/*
 * statusdb.c - dispatching "statusdb COMMAND" through one table (git.c).
 */
#include "cli.h"
#include "../common/util.h"
#include "../store/db.h"

#include <string.h>

static const struct command {
	const char *name;
	sdb_cmd_fn *fn;
	const char *summary;
} commands[] = {
	{ "build", sdb_cmd_build, "import every source in the manifest" },
	{ "import", sdb_cmd_import, "import source files" },
	{ "claims", sdb_cmd_claims, "list claims with their provenance and class" },
	{ "conflicts", sdb_cmd_conflicts, "report where the sources disagree" },
	{ "show", sdb_cmd_show, "a code's canonical record and every claim" },
	{ "history", sdb_cmd_history, "the registry's timeline, per code" },
	{ "diff", sdb_cmd_diff, "what changed between two sources" },
	{ "coverage", sdb_cmd_coverage, "which codes each source lists and lacks" },
	{ "export", sdb_cmd_export, "write the canonical data as C, JSON, CSV or the HTML report" },
	{ "report", sdb_cmd_report, "the audit report: one HTML page" },
	{ NULL, NULL, NULL }
};

static void usage(FILE *f)
{
	const struct command *c;

	fputs("usage: statusdb COMMAND [OPTION]... [ARG]...\n"
	      "       statusdb --help | --version\n\ncommands:\n", f);
	for (c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\n'statusdb COMMAND --help' describes a command.  The database\n"
	      "is --db PATH, else $STATUSDB_DB, else build/status.db, else (for\n"
	      "reading) the canonical data installed with statusdb.\n"
	      "exit status: 0 ok, 1 check failed, 2 usage, 3 bad input,\n"
	      "4 database error, 5 cannot write output, 70 out of memory\n", f);
}

int sdb_main(int argc, char **argv, FILE *out, FILE *err)
{
	const struct command *c;

	sdb_db_configure();	/* before SQLite's first use (json uses it) */
	if (argc < 2) {
		usage(err);
		return SDB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(out);
		return sdb_finish_output(out, err, SDB_EXIT_OK);
	}
	if (!strcmp(argv[1], "--version")) {
		fprintf(out, "statusdb %s\n", SDB_VERSION);
		return sdb_finish_output(out, err, SDB_EXIT_OK);
	}
	for (c = commands; c->name; c++)
		if (!strcmp(c->name, argv[1]))
			return sdb_finish_output(out, err,
				c->fn(argc - 1, argv + 1, out, err));
	fprintf(err, "statusdb: unknown command '%s'\n", sdb_esc(argv[1]));
	usage(err);
	return SDB_EXIT_USAGE;
}

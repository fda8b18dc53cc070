/*
 * statusdb.c - dispatching "statusdb COMMAND" through one table.
 */
#include "cli.h"
#include "../common/util.h"

#include <stdlib.h>
#include <string.h>

static const struct command {
	const char *name;
	sdb_cmd_fn *fn;
	const char *summary;
} commands[] = {
	{ "build", sdb_cmd_build, "import every source in the manifest" },
	{ "import", sdb_cmd_import, "import source files" },
	{ "claims", sdb_cmd_claims, "list every claim with its provenance" },
	{ "conflicts", sdb_cmd_conflicts, "report where the sources disagree" },
	{ "show", sdb_cmd_show, "a code's canonical record, claims and conflicts" },
	{ "coverage", sdb_cmd_coverage, "which codes each source lists and lacks" },
	{ "export", sdb_cmd_export, "write the canonical data as C, JSON or CSV" },
	{ NULL, NULL, NULL }
};

static void usage(FILE *f)
{
	const struct command *c;

	fputs("usage: statusdb COMMAND [OPTION]... [ARG]...\n"
	      "       statusdb --help | --version\n\ncommands:\n", f);
	for (c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\n'statusdb COMMAND --help' describes a command.\n"
	      "exit status: 0 ok, 1 check failed, 2 usage, 3 bad input,\n"
	      "4 database error, 5 cannot write output\n", f);
}

int sdb_parse_int_arg(const char *s, int lo, int hi, int *v)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (!*s || *end || n < lo || n > hi)
		return -1;
	*v = (int)n;
	return 0;
}

int sdb_main(int argc, char **argv, FILE *out, FILE *err)
{
	const struct command *c;

	if (argc < 2) {
		usage(err);
		return SDB_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(out);
		return SDB_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		fprintf(out, "statusdb %s\n", SDB_VERSION);
		return SDB_EXIT_OK;
	}
	for (c = commands; c->name; c++)
		if (!strcmp(c->name, argv[1]))
			return c->fn(argc - 1, argv + 1, out, err);
	fprintf(err, "statusdb: unknown command '%s'\n", argv[1]);
	usage(err);
	return SDB_EXIT_USAGE;
}

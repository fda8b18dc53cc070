/*
 * options.c - option tables, the database's place, and safe output (see
 * cli.h).
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../common/util.h"
#include "../store/db.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SDB_DATADIR
#define SDB_DATADIR "/usr/local/share/statusdb"
#endif

int sdb_parse_int_arg(const char *s, int lo, int hi, int *v)
{
	long n = 0;
	const char *p = s;

	/* digits only: no sign, no space, no "0x" */
	if (!*p)
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || n > 1000000000L)
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (n < lo || n > hi)
		return -1;
	*v = (int)n;
	return 0;
}

static void print_help(FILE *f, const char *usage, const char *about,
		       const struct sdb_option *opts)
{
	const struct sdb_option *o;

	fprintf(f, "usage: %s\n", usage);
	if (about)
		fprintf(f, "\n%s", about);
	fputs("\noptions:\n", f);
	for (o = opts; o->name; o++) {
		struct sdb_buf b = SDB_BUF_INIT;
		size_t k;

		if (o->short_name)
			sdb_buf_addf(&b, "-%c, ", o->short_name);
		sdb_buf_addf(&b, "--%s", o->name);
		if (o->arg)
			sdb_buf_addf(&b, " %s", o->arg);
		fprintf(f, "  %-22s %s", b.s, o->help);
		if (o->type == SDB_OPT_CHOICE) {
			fputs(" (", f);
			for (k = 0; o->choices[k]; k++)
				fprintf(f, "%s%s", k ? ", " : "", o->choices[k]);
			fputs(")", f);
		}
		fputc('\n', f);
		sdb_buf_release(&b);
	}
	fputs("  -h, --help             this help\n", f);
}

void sdb_options_release(const struct sdb_option *opts)
{
	for (; opts->name; opts++)
		if (opts->type == SDB_OPT_LIST) {
			free(*(const char ***)opts->value);
			*(const char ***)opts->value = NULL;
		}
}

int sdb_parse_options(int argc, char **argv, const struct sdb_option *opts,
		      const char *usage, const char *about, int nmin, int nmax,
		      int *first, FILE *out, FILE *err)
{
	struct option *lo;
	struct sdb_buf shorts = SDB_BUF_INIT;
	size_t n = 0, i;
	int c, idx, rc = 0, operands;

	for (n = 0; opts[n].name; n++)
		;
	lo = sdb_xcalloc(n + 2, sizeof(*lo));
	sdb_buf_addch(&shorts, ':');	/* ':' for a missing argument */
	for (i = 0; i < n; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].type == SDB_OPT_FLAG ? no_argument
							      : required_argument;
		lo[i].val = 256 + (int)i;
		if (opts[i].short_name) {
			sdb_buf_addch(&shorts, opts[i].short_name);
			if (opts[i].type != SDB_OPT_FLAG)
				sdb_buf_addch(&shorts, ':');
		}
	}
	lo[n].name = "help";
	lo[n].val = 'h';
	sdb_buf_addch(&shorts, 'h');
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, shorts.s, lo, &idx)) != -1) {
		const struct sdb_option *o = NULL;

		if (c == 'h') {
			print_help(out, usage, about, opts);
			rc = -1;
			goto out;
		}
		if (c == '?' || c == ':') {
			const char *bad = argv[optind - 1];

			if (c == ':')
				fprintf(err, "statusdb %s: option '%s' wants a "
					"value\n", argv[0], sdb_esc(bad));
			else
				fprintf(err, "statusdb %s: unknown option '%s'\n",
					argv[0], sdb_esc(bad));
			fprintf(err, "usage: %s\n('statusdb %s --help' lists "
				"the options)\n", usage, argv[0]);
			rc = SDB_EXIT_USAGE;
			goto out;
		}
		if (c >= 256)
			o = &opts[c - 256];
		else
			for (i = 0; i < n; i++)
				if (opts[i].short_name == c)
					o = &opts[i];
		if (!o)
			continue;
		switch (o->type) {
		case SDB_OPT_FLAG:
			*(int *)o->value = 1;
			break;
		case SDB_OPT_STRING:
			if (!*optarg) {
				fprintf(err, "statusdb %s: --%s cannot be empty\n",
					argv[0], o->name);
				rc = SDB_EXIT_USAGE;
				goto out;
			}
			*(const char **)o->value = optarg;
			break;
		case SDB_OPT_INT:
			if (sdb_parse_int_arg(optarg, o->lo, o->hi, (int *)o->value)) {
				fprintf(err, "statusdb %s: --%s wants a whole number "
					"from %d to %d, not '%s'\n", argv[0], o->name,
					o->lo, o->hi, sdb_esc(optarg));
				rc = SDB_EXIT_USAGE;
				goto out;
			}
			break;
		case SDB_OPT_CHOICE:
			for (i = 0; o->choices[i] && strcmp(o->choices[i], optarg); i++)
				;
			if (!o->choices[i]) {
				fprintf(err, "statusdb %s: --%s is one of ", argv[0],
					o->name);
				for (i = 0; o->choices[i]; i++)
					fprintf(err, "%s%s", i ? ", " : "", o->choices[i]);
				fprintf(err, ", not '%s'\n", sdb_esc(optarg));
				rc = SDB_EXIT_USAGE;
				goto out;
			}
			*(const char **)o->value = o->choices[i];
			break;
		case SDB_OPT_LIST: {
			const char ***v = o->value;
			size_t k = 0;

			while (*v && (*v)[k])
				k++;
			*v = sdb_xrealloc(*v, (k + 2) * sizeof(**v));
			(*v)[k] = optarg;
			(*v)[k + 1] = NULL;
			break;
		}
		}
	}
	operands = argc - optind;
	if (operands < nmin || (nmax >= 0 && operands > nmax)) {
		if (operands < nmin)
			fprintf(err, "statusdb %s: %s missing\n", argv[0],
				nmin - operands > 1 ? "operands" : "an operand");
		else
			fprintf(err, "statusdb %s: unexpected argument '%s'\n",
				argv[0], sdb_esc(argv[optind + nmax]));
		fprintf(err, "usage: %s\n", usage);
		rc = SDB_EXIT_USAGE;
		goto out;
	}
	*first = optind;
out:
	if (rc)
		sdb_options_release(opts);
	free(lo);
	sdb_buf_release(&shorts);
	return rc;
}

/*
 * The installed data found from the binary's own directory (the Makefile
 * gives SDB_DATADIR_REL, "../share/statusdb"), so that an installed tree
 * moved elsewhere, or staged with DESTDIR, still finds it; or NULL.
 */
static const char *datadir_near_binary(void)
{
#ifdef SDB_DATADIR_REL
	static char path[4096];
	char exe[4096], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	n = snprintf(path, sizeof(path), "%s/" SDB_DATADIR_REL "/status.db", exe);
	if (n < 0 || (size_t)n >= sizeof(path) || access(path, R_OK))
		return NULL;
	return path;
#else
	return NULL;
#endif
}

const char *sdb_default_db(int write)
{
	const char *env = getenv("STATUSDB_DB"), *near;

	if (env && *env)
		return env;
	if (write || access("build/status.db", F_OK) == 0)
		return "build/status.db";
	if ((near = datadir_near_binary()))
		return near;
	if (access(SDB_DATADIR "/status.db", R_OK) == 0)
		return SDB_DATADIR "/status.db";
	return "build/status.db";
}

int sdb_cli_open(sqlite3 **db, const char *dbpath, int write, FILE *err)
{
	struct sdb_error e;

	if (sdb_db_open(db, dbpath ? dbpath : sdb_default_db(write),
			write ? SDB_DB_WRITE : SDB_DB_READ, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_DB;
	}
	return 0;
}

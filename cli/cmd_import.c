/*
 * cmd_import.c - "statusdb import" and "statusdb build": files in, claims
 * stored.  Every file is parsed before the database is touched, and all of
 * them are stored in one transaction with the reconciliation that follows,
 * so a failure leaves the database exactly as it was.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "../store/db.h"
#include "manifest.h"
#include "../common/buf.h"
#include "../common/util.h"
#include "../importers/text.h"
#include "../reconciler/reconcile.h"

#include <getopt.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_MANIFEST "sources/manifest.tsv"

struct job {
	struct sdb_input in;
	const char *const *columns;	/* --column overrides; borrowed */
	struct sdb_claims claims;
	struct sdb_source_meta meta;
	char *name;		/* owned copy when derived from the file name */
};

static void job_release(struct job *j)
{
	sdb_input_release(&j->in);
	sdb_claims_release(&j->claims);
	free(j->name);
}

/* Parses one file into j.  Returns 0, or an exit status with a message. */
static int job_parse(struct job *j, const char *path, const char *format,
		     FILE *err)
{
	const struct sdb_importer *im;
	struct sdb_error e;

	memset(&e, 0, sizeof(e));
	if (sdb_input_load(&j->in, path, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_INPUT;
	}
	if (format && !(im = sdb_importer_find(format))) {
		fprintf(err, "statusdb: unknown format '%s' (see 'statusdb "
			"import --help')\n", format);
		return SDB_EXIT_USAGE;
	}
	if (!format && !(im = sdb_importer_guess(&j->in, &e))) {
		sdb_error_print(&e, err);
		return SDB_EXIT_INPUT;
	}
	j->meta.format = im->name;
	j->in.columns = j->columns;
	if (sdb_importer_run(im, &j->in, &j->claims, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_INPUT;
	}
	return 0;
}

/*
 * Stores every job and reconciles, in one transaction.  only: the jobs'
 * sources are then the only ones in the database (build).
 */
static int store_all(const char *dbpath, struct job *jobs, size_t n,
		     int only, FILE *out, FILE *err)
{
	sqlite3 *db;
	struct sdb_error e;
	size_t i;

	memset(&e, 0, sizeof(e));
	if (sdb_db_open(&db, dbpath, SDB_DB_CREATE, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_DB;
	}
	if (sdb_db_exec(db, "BEGIN IMMEDIATE", &e))
		goto fail;
	/* claims and ranges go with their sources (ON DELETE CASCADE) */
	if (only && sdb_db_exec(db, "DELETE FROM source", &e))
		goto rollback;
	for (i = 0; i < n; i++) {
		if (sdb_db_store(db, &jobs[i].meta, &jobs[i].in,
				 &jobs[i].claims, &e))
			goto rollback;
	}
	if (sdb_reconcile(db, &e) || sdb_db_exec(db, "COMMIT", &e))
		goto rollback;
	sqlite3_close(db);
	for (i = 0; i < n; i++)
		fprintf(out, "%s: %d entries, %zu claims from %s (%s)\n",
			jobs[i].meta.name, jobs[i].claims.entries,
			jobs[i].claims.n, jobs[i].in.path, jobs[i].meta.format);
	return SDB_EXIT_OK;
rollback:
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
fail:
	sdb_error_print(&e, err);
	sqlite3_close(db);
	return SDB_EXIT_DB;
}

static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strchr(base, '.');
	return sdb_xstrndup(base, dot && dot > base ? (size_t)(dot - base)
						     : strlen(base));
}

static void import_usage(FILE *f)
{
	const struct sdb_importer *im;

	fputs("usage: statusdb import [--db PATH] [--format FORMAT] [--name NAME]\n"
	      "                       [--manifest PATH] FILE...\n\n"
	      "Imports each FILE's status codes into the database (default "
	      SDB_DEFAULT_DB "),\nreplacing what an earlier import of the same "
	      "source stored.  All files are\none transaction: if one fails, "
	      "nothing is imported.\n\n"
	      "  --db PATH        the database\n"
	      "  --format FORMAT  the files' format (default: guessed from the text)\n"
	      "  --name NAME      the source's name (one FILE only; default: its\n"
	      "                   name in the manifest, else the file's base name)\n"
	      "  --manifest PATH  where ranks and kinds of known files are read\n"
	      "                   (default " DEFAULT_MANIFEST ", if present)\n"
	      "  --column ROLE=KEY  read the column or key KEY as ROLE (code,\n"
	      "                   name, description, reference, identifier,\n"
	      "                   class), for CSV and JSON; repeatable\n\n"
	      "FILE '-' is standard input (with --name).\n\n"
	      "formats:\n", f);
	for (im = sdb_importers; im->name; im++)
		fprintf(f, "  %-10s %s\n", im->name, im->summary);
}

int sdb_cmd_import(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "name", required_argument, NULL, 'n' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "column", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = SDB_DEFAULT_DB, *format = NULL, *name = NULL;
	const char *mpath = NULL;
	const char **columns = sdb_xcalloc((size_t)argc + 1, sizeof(*columns));
	size_t ncolumns = 0;
	struct sdb_manifest m;
	struct job *jobs;
	int c, rc = 0, nfiles, i;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+d:f:n:m:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'f': format = optarg; break;
		case 'n': name = optarg; break;
		case 'm': mpath = optarg; break;
		case 'C': {
			const char *eq = strchr(optarg, '=');

			if (!eq || eq[1] == '\0' ||
			    sdb_role_from_name(optarg, (size_t)(eq - optarg)) < 0) {
				fprintf(err, "statusdb import: --column wants ROLE=KEY "
					"(ROLE: code, name, description, reference, "
					"identifier or class), not '%s'\n", optarg);
				free(columns);
				return SDB_EXIT_USAGE;
			}
			columns[ncolumns++] = optarg;
			break;
		}
		case 'h': import_usage(out); free(columns); return SDB_EXIT_OK;
		default:
			fprintf(err, "statusdb import: bad option '%s'\n",
				argv[optind - 1]);
			import_usage(err);
			free(columns);
			return SDB_EXIT_USAGE;
		}
	}
	nfiles = argc - optind;
	if (nfiles < 1 || (name && nfiles > 1)) {
		fputs(nfiles < 1 ? "statusdb import: no FILE given\n"
		      : "statusdb import: --name takes one FILE only\n", err);
		free(columns);
		return SDB_EXIT_USAGE;
	}
	for (i = optind; i < argc; i++)
		if (!strcmp(argv[i], "-") && !name) {
			fputs("statusdb import: standard input ('-') needs "
			      "--name\n", err);
			free(columns);
			return SDB_EXIT_USAGE;
		}
	if (format && !sdb_importer_find(format)) {
		fprintf(err, "statusdb import: unknown format '%s'\n", format);
		import_usage(err);
		free(columns);
		return SDB_EXIT_USAGE;
	}
	memset(&m, 0, sizeof(m));
	if (mpath || access(DEFAULT_MANIFEST, R_OK) == 0) {
		struct sdb_error e;

		if (sdb_manifest_load(&m, mpath ? mpath : DEFAULT_MANIFEST, &e)) {
			sdb_error_print(&e, err);
			free(columns);
			return SDB_EXIT_INPUT;
		}
	}
	jobs = sdb_xcalloc((size_t)nfiles, sizeof(*jobs));
	for (i = 0; i < nfiles && !rc; i++) {
		const char *path = argv[optind + i];
		const struct sdb_manifest_entry *en = sdb_manifest_find_file(&m, path);
		struct job *j = &jobs[i];
		int k;

		j->columns = columns;
		j->meta.kind = en ? en->kind : "community";
		j->meta.rank = en ? en->rank : 0;
		j->meta.origin = en ? en->origin : NULL;
		if (name)
			j->meta.name = name;
		else if (en)
			j->meta.name = en->name;
		else
			j->meta.name = j->name = name_from_path(path);
		for (k = 0; k < i; k++)
			if (!strcmp(jobs[k].meta.name, j->meta.name)) {
				fprintf(err, "statusdb import: '%s' and '%s' are both "
					"source '%s'; give each its own --name\n",
					jobs[k].in.path, path, j->meta.name);
				rc = SDB_EXIT_USAGE;
			}
		if (!rc)
			rc = job_parse(j, path, format ? format :
				       en ? en->format : NULL, err);
	}
	if (!rc)
		rc = store_all(dbpath, jobs, (size_t)nfiles, 0, out, err);
	for (i = 0; i < nfiles; i++)
		job_release(&jobs[i]);
	free(jobs);
	free(columns);
	sdb_manifest_release(&m);
	return rc;
}

int sdb_cmd_build(int argc, char **argv, FILE *out, FILE *err)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "manifest", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = SDB_DEFAULT_DB, *mpath = DEFAULT_MANIFEST;
	struct sdb_manifest m;
	struct sdb_error e;
	struct job *jobs;
	size_t i;
	int c, rc = 0;

	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+d:m:h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'm': mpath = optarg; break;
		case 'h':
			fputs("usage: statusdb build [--db PATH] [--manifest PATH]\n\n"
			      "Imports every source the manifest (default "
			      DEFAULT_MANIFEST ") lists\ninto the database (default "
			      SDB_DEFAULT_DB "), in one transaction; sources the\n"
			      "manifest no longer lists are dropped.\n", out);
			return SDB_EXIT_OK;
		default:
			fprintf(err, "statusdb build: bad option '%s'\n",
				argv[optind - 1]);
			return SDB_EXIT_USAGE;
		}
	}
	if (optind != argc) {
		fprintf(err, "statusdb build: unexpected argument '%s'\n",
			argv[optind]);
		return SDB_EXIT_USAGE;
	}
	if (sdb_manifest_load(&m, mpath, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_INPUT;
	}
	jobs = sdb_xcalloc(m.n, sizeof(*jobs));
	for (i = 0; i < m.n && !rc; i++) {
		jobs[i].meta.name = m.v[i].name;
		jobs[i].meta.kind = m.v[i].kind;
		jobs[i].meta.rank = m.v[i].rank;
		jobs[i].meta.origin = m.v[i].origin;
		rc = job_parse(&jobs[i], m.v[i].path, m.v[i].format, err);
	}
	if (!rc)
		rc = store_all(dbpath, jobs, m.n, 1, out, err);
	for (i = 0; i < m.n; i++)
		job_release(&jobs[i]);
	free(jobs);
	sdb_manifest_release(&m);
	return rc;
}

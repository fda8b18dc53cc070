/*
 * cmd_import.c - "statusdb import" and "statusdb build": files in, claims
 * stored.  Every file is parsed before the database is touched, and all of
 * them are stored in one transaction with the reconciliation that follows,
 * so a failure leaves the database exactly as it was.
 */
#define _GNU_SOURCE
#include "cli.h"
#include "manifest.h"
#include "../common/util.h"
#include "../importers/text.h"
#include "../store/store.h"

#include <string.h>
#include <unistd.h>

#define DEFAULT_MANIFEST "sources/manifest.tsv"

struct job {
	struct sdb_input in;
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
		     const char *const *columns, FILE *err)
{
	const struct sdb_importer *im = NULL;
	struct sdb_error e;

	memset(&e, 0, sizeof(e));
	if (sdb_input_load(&j->in, path, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_INPUT;
	}
	j->in.columns = columns;
	if (format && !(im = sdb_importer_find(format))) {
		fprintf(err, "statusdb: unknown format '%s' (see 'statusdb "
			"import --help')\n", sdb_esc(format));
		return SDB_EXIT_USAGE;
	}
	if (!format && !(im = sdb_importer_guess(&j->in, &e))) {
		sdb_error_print(&e, err);
		return SDB_EXIT_INPUT;
	}
	j->meta.format = im->name;
	if (sdb_importer_run(im, &j->in, &j->claims, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_INPUT;
	}
	return 0;
}

/*
 * Stores every job and reconciles, in one transaction.  rebuild: the
 * jobs' sources are then the only ones in the database (build).
 */
static int store_all(const char *dbpath, struct job *jobs, size_t n,
		     int rebuild, FILE *out, FILE *err)
{
	sqlite3 *db;
	struct sdb_store *s = NULL;
	struct sdb_error e;
	size_t i;
	int rc;

	memset(&e, 0, sizeof(e));
	if ((rc = sdb_cli_open(&db, dbpath, 1, err)))
		return rc;
	if (!(s = sdb_store_begin(db, rebuild, &e)))
		goto fail;
	for (i = 0; i < n; i++) {
		int st = sdb_store_source(s, &jobs[i].meta, &jobs[i].in,
					  &jobs[i].claims, &e);

		if (st) {
			/* a bad name or version is the input's fault */
			rc = st == SDB_STORE_EINPUT ? SDB_EXIT_INPUT : 0;
			goto fail;
		}
	}
	if (sdb_store_finish(s, &e))
		goto fail;
	sdb_store_release(s);
	sqlite3_close(db);
	for (i = 0; i < n; i++) {
		const struct sdb_claims *c = &jobs[i].claims;

		fprintf(out, "%s: %d %s, %zu %s from %s (%s)\n",
			sdb_esc(jobs[i].meta.name), c->entries,
			c->ndocs ? "documents" : "entries",
			c->ndocs ? c->ndocs : c->n, c->ndocs ? "facts" : "claims",
			sdb_esc(jobs[i].in.path), jobs[i].meta.format);
	}
	return SDB_EXIT_OK;
fail:
	sdb_error_print(&e, err);
	sdb_store_release(s);
	sqlite3_close(db);
	return rc ? rc : SDB_EXIT_DB;
}

static char *name_from_path(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;

	base = base ? base + 1 : path;
	dot = strchr(base, '.');
	return sdb_xstrndup(base, dot && dot > base ? (size_t)(dot - base)
						     : strlen(base));
}

int sdb_cmd_import(int argc, char **argv, FILE *out, FILE *err)
{
	const char *dbpath = NULL, *format = NULL, *name = NULL, *mpath = NULL;
	const char *kind = NULL;
	const char **columns = NULL;
	int rank = 0, have_rank = 0, first, rc = 0, nfiles, i;
	struct sdb_option opts[] = {
		{ "db", 0, SDB_OPT_STRING, "PATH", "the database", &dbpath, 0, 0, NULL },
		{ "format", 'f', SDB_OPT_STRING, "FORMAT",
		  "the files' format (default: guessed from the text)", &format,
		  0, 0, NULL },
		{ "name", 'n', SDB_OPT_STRING, "NAME", "the source's name (one "
		  "FILE only); SERIES@DATE makes a version", &name, 0, 0, NULL },
		{ "kind", 0, SDB_OPT_STRING, "KIND", "registry, specification, "
		  "spec-index, community (default) or documents", &kind, 0, 0,
		  NULL },
		{ "rank", 0, SDB_OPT_INT, "N", "its authority, higher wins "
		  "(default 0)", &rank, -1000000, 1000000, NULL },
		{ "manifest", 'm', SDB_OPT_STRING, "PATH", "where names, kinds "
		  "and ranks of known files are read (default " DEFAULT_MANIFEST
		  " when present)", &mpath, 0, 0, NULL },
		{ "column", 0, SDB_OPT_LIST, "ROLE=KEY", "read column or key KEY "
		  "as ROLE (code, name, description, reference, identifier, "
		  "class), for CSV and JSON; repeatable", &columns, 0, 0, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, 0, 0, NULL }
	};
	struct sdb_manifest m;
	struct job *jobs;
	const struct sdb_importer *im;
	struct sdb_buf about = SDB_BUF_INIT;

	sdb_buf_adds(&about, "Imports each FILE's status codes, replacing what an "
		     "earlier import of the\nsame source stored.  All files are "
		     "one transaction: if one fails, nothing\nis imported.  FILE "
		     "'-' is standard input (with --name).\n\nformats:\n");
	for (im = sdb_importers; im->name; im++)
		sdb_buf_addf(&about, "  %-10s %s\n", im->name, im->summary);
	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "--rank") || !strncmp(argv[i], "--rank=", 7))
			have_rank = 1;
	rc = sdb_parse_options(argc, argv, opts, "statusdb import [OPTION]... FILE...",
			       about.s, 1, -1, &first, out, err);
	sdb_buf_release(&about);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	nfiles = argc - first;
	if (name && nfiles > 1) {
		fputs("statusdb import: --name takes one FILE only\n", err);
		rc = SDB_EXIT_USAGE;
		goto out_opts;
	}
	if (kind && !sdb_kind_valid(kind)) {
		fprintf(err, "statusdb import: --kind is registry, specification, "
			"spec-index, community or documents, not '%s'\n",
			sdb_esc(kind));
		rc = SDB_EXIT_USAGE;
		goto out_opts;
	}
	for (i = 0; columns && columns[i]; i++) {
		const char *eq = strchr(columns[i], '=');

		if (!eq || eq[1] == '\0' ||
		    sdb_role_from_name(columns[i], (size_t)(eq - columns[i])) < 0) {
			fprintf(err, "statusdb import: --column wants ROLE=KEY "
				"(ROLE: code, name, description, reference, "
				"identifier or class), not '%s'\n",
				sdb_esc(columns[i]));
			rc = SDB_EXIT_USAGE;
			goto out_opts;
		}
	}
	for (i = first; i < argc; i++)
		if (!strcmp(argv[i], "-") && !name) {
			fputs("statusdb import: standard input ('-') needs "
			      "--name\n", err);
			rc = SDB_EXIT_USAGE;
			goto out_opts;
		}
	if (format && !sdb_importer_find(format)) {
		fprintf(err, "statusdb import: unknown format '%s' (see "
			"'statusdb import --help')\n", sdb_esc(format));
		rc = SDB_EXIT_USAGE;
		goto out_opts;
	}
	if (name) {
		const char *why;

		if (sdb_source_name_check(name, &why)) {
			fprintf(err, "statusdb import: --name '%s': %s\n",
				sdb_esc(name), why);
			rc = SDB_EXIT_USAGE;
			goto out_opts;
		}
	}
	memset(&m, 0, sizeof(m));
	if (mpath || access(DEFAULT_MANIFEST, R_OK) == 0) {
		struct sdb_error e;

		if (sdb_manifest_load(&m, mpath ? mpath : DEFAULT_MANIFEST, &e)) {
			sdb_error_print(&e, err);
			rc = SDB_EXIT_INPUT;
			goto out_opts;
		}
	}
	jobs = sdb_xcalloc((size_t)nfiles, sizeof(*jobs));
	sdb_manifest_index(&m);
	for (i = 0; i < nfiles && !rc; i++) {
		const char *path = argv[first + i];
		const struct sdb_manifest_entry *en =
			strcmp(path, "-") ? sdb_manifest_find_file(&m, path) : NULL;
		struct job *j = &jobs[i];

		j->meta.kind = kind ? kind : en ? en->kind : "community";
		j->meta.rank = have_rank ? rank : en ? en->rank : 0;
		j->meta.origin = en ? en->origin : NULL;
		if (name)
			j->meta.name = name;
		else if (en)
			j->meta.name = en->name;
		else
			j->meta.name = j->name = name_from_path(path);
		rc = job_parse(j, path, format ? format : en ? en->format : NULL,
			       columns, err);
	}
	/* two files, one source: each needs its own name */
	if (!rc && nfiles > 1) {
		const char **names = sdb_xcalloc((size_t)nfiles, sizeof(*names));

		for (i = 0; i < nfiles; i++)
			names[i] = jobs[i].meta.name;
		rc = sdb_first_duplicate(names, (size_t)nfiles, &i);
		if (rc) {
			fprintf(err, "statusdb import: two files are source '%s'; "
				"give each its own --name\n", sdb_esc(names[i]));
			rc = SDB_EXIT_USAGE;
		}
		free(names);
	}
	if (!rc)
		rc = store_all(dbpath, jobs, (size_t)nfiles, 0, out, err);
	for (i = 0; i < nfiles; i++)
		job_release(&jobs[i]);
	free(jobs);
	sdb_manifest_release(&m);
out_opts:
	sdb_options_release(opts);
	return rc;
}

int sdb_cmd_build(int argc, char **argv, FILE *out, FILE *err)
{
	const char *dbpath = NULL, *mpath = DEFAULT_MANIFEST;
	struct sdb_option opts[] = {
		{ "db", 0, SDB_OPT_STRING, "PATH", "the database", &dbpath, 0, 0, NULL },
		{ "manifest", 'm', SDB_OPT_STRING, "PATH",
		  "the manifest (default " DEFAULT_MANIFEST ")", &mpath, 0, 0, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, 0, 0, NULL }
	};
	struct sdb_manifest m;
	struct sdb_error e;
	struct job *jobs;
	size_t i;
	int first, rc;

	rc = sdb_parse_options(argc, argv, opts, "statusdb build [--db PATH] "
			       "[--manifest PATH]", "Imports every source the "
			       "manifest lists into the database, in one\n"
			       "transaction; sources the manifest no longer lists "
			       "are dropped.\n", 0, 0, &first, out, err);
	if (rc)
		return rc < 0 ? SDB_EXIT_OK : rc;
	if (sdb_manifest_load(&m, mpath, &e)) {
		sdb_error_print(&e, err);
		return SDB_EXIT_INPUT;
	}
	jobs = sdb_xcalloc(m.n ? m.n : 1, sizeof(*jobs));
	for (i = 0; i < m.n && !rc; i++) {
		jobs[i].meta.name = m.v[i].name;
		jobs[i].meta.kind = m.v[i].kind;
		jobs[i].meta.rank = m.v[i].rank;
		jobs[i].meta.origin = m.v[i].origin;
		rc = job_parse(&jobs[i], m.v[i].path, m.v[i].format, NULL, err);
	}
	if (!rc)
		rc = store_all(dbpath, jobs, m.n, 1, out, err);
	for (i = 0; i < m.n; i++)
		job_release(&jobs[i]);
	free(jobs);
	sdb_manifest_release(&m);
	return rc;
}

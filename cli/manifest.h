/*
 * manifest.h - sources/manifest.tsv: which files are sources, in what
 * format, what they are and how much the reconciler trusts them.
 *
 * One source a line, six tab-separated columns:
 *   name  file  format  kind  rank  origin
 * Lines starting with '#' and blank lines are ignored.  file is relative to
 * the manifest's folder.
 */
#ifndef SDB_MANIFEST_H
#define SDB_MANIFEST_H

#include "../importers/importer.h"

struct sdb_manifest_entry {
	char *name;
	char *file;	/* as written in the manifest */
	char *path;	/* the manifest's folder joined with file */
	char *format;
	char *kind;
	int rank;
	char *origin;
	int line;	/* in the manifest */
};

struct sdb_manifest {
	struct sdb_manifest_entry *v;
	size_t n, alloc;
};

/* Reads path.  Returns 0, or -1 with err filled (file:line:column). */
int sdb_manifest_load(struct sdb_manifest *m, const char *path,
		      struct sdb_error *err);
void sdb_manifest_release(struct sdb_manifest *m);
/* The entry for the file at path (same file on disk), or NULL. Borrowed. */
const struct sdb_manifest_entry *
sdb_manifest_find_file(const struct sdb_manifest *m, const char *path);
/* 1 when kind is one of the kinds a source can have. */
int sdb_kind_valid(const char *kind);

#endif

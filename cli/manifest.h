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

#include <stddef.h>

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
	struct sdb_manifest_file *files;	/* by device and inode, once
						   sdb_manifest_index() ran */
	size_t nfiles;
};

struct sdb_manifest_file {
	unsigned long long dev, ino;
	size_t entry;
};

/* Reads path.  Returns 0, or -1 with err filled (file:line:column). */
int sdb_manifest_load(struct sdb_manifest *m, const char *path,
		      struct sdb_error *err);
void sdb_manifest_release(struct sdb_manifest *m);
/* Stats every entry's file once, for sdb_manifest_find_file(). */
void sdb_manifest_index(struct sdb_manifest *m);
/*
 * The entry for the file at path (the same file on disk), or NULL.
 * Borrowed.  One stat() and a binary search, after sdb_manifest_index().
 */
const struct sdb_manifest_entry *
sdb_manifest_find_file(const struct sdb_manifest *m, const char *path);

#endif

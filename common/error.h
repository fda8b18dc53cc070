/*
 * error.h - positions in files and the errors that carry them: the types
 * every stage uses, from importers to exporters.
 *
 * An error prints as "file:line:column: message" (git, jq): the message
 * lowercase, no full stop, the offending text quoted.
 */
#ifndef SDB_ERROR_H
#define SDB_ERROR_H

/* A position in a file: 1-based line, 1-based byte column. */
struct sdb_pos {
	int line;
	int column;
};

/*
 * Where something failed.  Filled by sdb_error_at_pos() (or, for an
 * importer, sdb_error_at() in importers/importer.h).
 */
struct sdb_error {
	char file[1024];
	int line, column;	/* 0 when the error has no position */
	char message[1024];
};

/* Prints err as "file:line:column: message" (or "file: message"). */
void sdb_error_print(const struct sdb_error *err, void *stream);

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
/* Fills err with a line and column already known.  Returns -1. */
int sdb_error_at_pos(struct sdb_error *err, const char *file, int line,
		     int column, const char *fmt, ...);

#endif

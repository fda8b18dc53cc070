/*
 * util.h - allocation that cannot fail, file reading, UTF-8 checks,
 * and the exit statuses every command uses.
 */
#ifndef SDB_UTIL_H
#define SDB_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Exit statuses of statusdb: documented in README.md, stable. */
enum sdb_exit {
	SDB_EXIT_OK = 0,	/* success */
	SDB_EXIT_CHECK = 1,	/* a check failed: conflicts --check found some */
	SDB_EXIT_USAGE = 2,	/* bad command line */
	SDB_EXIT_INPUT = 3,	/* a source is unreadable or malformed */
	SDB_EXIT_DB = 4,	/* the database cannot be opened or written */
	SDB_EXIT_OUTPUT = 5,	/* an output file cannot be written */
	SDB_EXIT_MEMORY = 70	/* out of memory (sdb_die) */
};

/* Largest source file statusdb reads; larger ones are refused whole. */
#define SDB_MAX_FILE (64u * 1024u * 1024u)

#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void sdb_die(const char *fmt, ...);

/* These never return NULL: they abort with a message instead. */
void *sdb_xmalloc(size_t n);
void *sdb_xcalloc(size_t n, size_t size);
void *sdb_xrealloc(void *p, size_t n);
char *sdb_xstrdup(const char *s);
char *sdb_xstrndup(const char *s, size_t n);

/* Grows an array *v of *alloc elements of size `size` to hold `need`. */
void sdb_grow_array(void **v, size_t *alloc, size_t need, size_t size);

/*
 * Offset of the first byte that does not start or continue a valid UTF-8
 * sequence (overlongs, surrogates and values past U+10FFFF are invalid),
 * or len if all of s is valid.
 */
size_t sdb_utf8_check(const char *s, size_t len);

/*
 * 1 when two of the n strings are equal, with *at the index of one of
 * them; 0 when all differ.  O(n log n).
 */
int sdb_first_duplicate(const char *const *v, size_t n, int *at);

/* 1 if a and b are equal ignoring ASCII case, else 0. */
int sdb_strieq(const char *a, const char *b);
int sdb_strnieq(const char *a, const char *b, size_t n);

#endif

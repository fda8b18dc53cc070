/*
 * arena.h - memory handed out in small pieces and freed all at once.
 *
 * For what is made by the thousand and dies together: the report's
 * trees (exporters/html_tree.c) and the text of the claims the report
 * reads (exporters/audit.c).  One malloc per 64 KiB block instead of one
 * per piece; nothing is freed alone.
 */
#ifndef SDB_ARENA_H
#define SDB_ARENA_H

#include <stddef.h>

struct sdb_arena_block {
	struct sdb_arena_block *next;
	size_t size, used;	/* of the bytes that follow the head */
	union {			/* what a piece is aligned for */
		void *p;
		size_t z;
		long long l;
		double d;
	} bytes[];
};

struct sdb_arena {
	struct sdb_arena_block *blocks;	/* the newest first */
};

#define SDB_ARENA_INIT { NULL }

#define SDB_ARENA_ALIGN sizeof(((struct sdb_arena_block *)0)->bytes[0])

/* The slow way of sdb_arena_alloc(): a new block. */
void *sdb_arena_more(struct sdb_arena *a, size_t n);

/* n bytes, aligned for pointers, sizes and numbers; dies when memory is
 * out, as sdb_xmalloc() does. */
static inline void *sdb_arena_alloc(struct sdb_arena *a, size_t n)
{
	struct sdb_arena_block *b = a->blocks;
	size_t at;

	/* size - used is a multiple of SDB_ARENA_ALIGN: n rounded up fits */
	if (!b || n > b->size - b->used)
		return sdb_arena_more(a, n);
	at = b->used;
	b->used += (n + SDB_ARENA_ALIGN - 1) & ~(SDB_ARENA_ALIGN - 1);
	return (char *)b->bytes + at;
}

/* A copy of n bytes of s, NUL-terminated. */
char *sdb_arena_strndup(struct sdb_arena *a, const char *s, size_t n);
/* A copy of s; NULL for NULL. */
char *sdb_arena_strdup(struct sdb_arena *a, const char *s);
/* Frees every piece at once; keeps one block for what comes next. */
void sdb_arena_reset(struct sdb_arena *a);
/* Frees every piece and every block. */
void sdb_arena_release(struct sdb_arena *a);

#endif

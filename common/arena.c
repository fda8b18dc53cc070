/*
 * arena.c - memory handed out in small pieces and freed all at once
 * (see arena.h).
 */
#include "arena.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)64 * 1024)
#define ALIGN SDB_ARENA_ALIGN

/* What sdb_arena_alloc() does when the newest block has no room: a new
 * block (a big piece gets one of its own). */
void *sdb_arena_more(struct sdb_arena *a, size_t n)
{
	struct sdb_arena_block *b;
	size_t size;

	if (n > SIZE_MAX - ALIGN - sizeof(*b))
		sdb_die("out of memory");
	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
	b = sdb_xmalloc(sizeof(*b) + size);
	b->size = size;
	b->used = n;
	/* a big one goes behind the current block, which is not full */
	if (size != BLOCK_SIZE && a->blocks) {
		b->next = a->blocks->next;
		a->blocks->next = b;
	} else {
		b->next = a->blocks;
		a->blocks = b;
	}
	return b->bytes;
}

char *sdb_arena_strndup(struct sdb_arena *a, const char *s, size_t n)
{
	char *c = sdb_arena_alloc(a, n + 1);

	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

char *sdb_arena_strdup(struct sdb_arena *a, const char *s)
{
	return s ? sdb_arena_strndup(a, s, strlen(s)) : NULL;
}

void sdb_arena_reset(struct sdb_arena *a)
{
	struct sdb_arena_block *b = a->blocks, *next;

	if (!b)
		return;
	/* keep one block: an arena is often filled and emptied many times */
	for (next = b->next; next; next = b) {
		b = next->next;
		free(next);
	}
	a->blocks->next = NULL;
	if (a->blocks->size != BLOCK_SIZE) {
		free(a->blocks);
		a->blocks = NULL;
	} else {
		a->blocks->used = 0;
	}
}

void sdb_arena_release(struct sdb_arena *a)
{
	sdb_arena_reset(a);
	free(a->blocks);
	a->blocks = NULL;
}

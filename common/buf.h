/*
 * buf.h - the one growable string buffer used wherever text is built.
 *
 * A struct sdb_buf is never NULL-terminated-less: after sdb_buf_init()
 * buf.s points at a valid, NUL-terminated (possibly empty) string, so it
 * can be printed or compared at any time.  Allocation failure aborts with
 * a message (this is a command-line tool; see common/util.h).
 */
#ifndef SDB_BUF_H
#define SDB_BUF_H

#include <stddef.h>

struct sdb_buf {
	char *s;	/* NUL-terminated contents, never NULL */
	size_t len;	/* bytes in s, not counting the NUL */
	size_t alloc;	/* bytes allocated for s, 0 while s is the empty "" */
};

#define SDB_BUF_INIT { sdb_buf_empty, 0, 0 }
extern char sdb_buf_empty[];

void sdb_buf_init(struct sdb_buf *b);
/* Frees the contents and leaves b empty and reusable. */
void sdb_buf_release(struct sdb_buf *b);
/* Hands out the contents (the caller frees) and leaves b empty. */
char *sdb_buf_detach(struct sdb_buf *b);
void sdb_buf_reset(struct sdb_buf *b);
void sdb_buf_grow(struct sdb_buf *b, size_t extra);
void sdb_buf_add(struct sdb_buf *b, const char *s, size_t n);
void sdb_buf_adds(struct sdb_buf *b, const char *s);
/* Appends one byte: inline, as importers call it for every byte they copy. */
static inline void sdb_buf_addch(struct sdb_buf *b, char c)
{
	if (b->len + 2 > b->alloc)
		sdb_buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void sdb_buf_addf(struct sdb_buf *b, const char *fmt, ...);
/*
 * Appends code point cp as UTF-8; 0, surrogates and values past
 * U+10FFFF become U+FFFD.
 */
void sdb_buf_add_utf8(struct sdb_buf *b, unsigned long cp);
/* Removes trailing ASCII whitespace. */
void sdb_buf_rtrim(struct sdb_buf *b);

#endif

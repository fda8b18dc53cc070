#include "buf.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

char sdb_buf_empty[1];

void sdb_buf_init(struct sdb_buf *b)
{
	b->s = sdb_buf_empty;
	b->len = 0;
	b->alloc = 0;
}

void sdb_buf_release(struct sdb_buf *b)
{
	if (b->alloc)
		free(b->s);
	sdb_buf_init(b);
}

char *sdb_buf_detach(struct sdb_buf *b)
{
	char *s = b->alloc ? b->s : sdb_xstrdup("");
	sdb_buf_init(b);
	return s;
}

void sdb_buf_reset(struct sdb_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->s[0] = '\0';
}

void sdb_buf_grow(struct sdb_buf *b, size_t extra)
{
	size_t want;

	if (extra > SIZE_MAX / 2 - b->len)
		sdb_die("string too long");
	want = b->len + extra + 1;
	if (want <= b->alloc)
		return;
	if (want < b->alloc * 2)
		want = b->alloc * 2;
	if (want < 64)
		want = 64;
	if (b->alloc) {
		b->s = sdb_xrealloc(b->s, want);
	} else {
		b->s = sdb_xmalloc(want);
		b->s[0] = '\0';
	}
	b->alloc = want;
}

void sdb_buf_add(struct sdb_buf *b, const char *s, size_t n)
{
	sdb_buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sdb_buf_adds(struct sdb_buf *b, const char *s)
{
	sdb_buf_add(b, s, strlen(s));
}

void sdb_buf_addf(struct sdb_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		sdb_die("bad format string");
	sdb_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sdb_buf_rtrim(struct sdb_buf *b)
{
	while (b->len && strchr(" \t\r\n\f\v", b->s[b->len - 1]))
		b->len--;
	if (b->alloc)
		b->s[b->len] = '\0';
}

void sdb_buf_add_utf8(struct sdb_buf *b, unsigned long cp)
{
	char u[4];

	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		sdb_buf_addch(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		sdb_buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		sdb_buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		sdb_buf_add(b, u, 4);
	}
}

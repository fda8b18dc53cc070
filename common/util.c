#define _GNU_SOURCE
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void sdb_die(const char *fmt, ...)
{
	va_list ap;

	fputs("statusdb: fatal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(SDB_EXIT_MEMORY);
}

void *sdb_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		sdb_die("out of memory allocating %zu bytes", n);
	return p;
}

void *sdb_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		sdb_die("out of memory allocating %zu x %zu bytes", n, size);
	return p;
}

void *sdb_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		sdb_die("out of memory allocating %zu bytes", n);
	return q;
}

char *sdb_xstrndup(const char *s, size_t n)
{
	char *d = sdb_xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *sdb_xstrdup(const char *s)
{
	return sdb_xstrndup(s, strlen(s));
}

void sdb_grow_array(void **v, size_t *alloc, size_t need, size_t size)
{
	size_t n;

	if (need <= *alloc)
		return;
	n = *alloc ? *alloc : 16;
	while (n < need) {
		if (n > SIZE_MAX / 2 / size)
			sdb_die("array too large");
		n *= 2;
	}
	*v = sdb_xrealloc(*v, n * size);
	*alloc = n;
}

size_t sdb_utf8_check(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n, k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

int sdb_strnieq(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (x >= 'A' && x <= 'Z')
			x += 'a' - 'A';
		if (y >= 'A' && y <= 'Z')
			y += 'a' - 'A';
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
	return 1;
}

int sdb_strieq(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sdb_strnieq(a, b, n);
}

static int index_cmp(const void *a, const void *b, void *arg)
{
	const char *const *v = arg;
	int c = strcmp(v[*(const size_t *)a], v[*(const size_t *)b]);

	if (c)
		return c;
	return *(const size_t *)a < *(const size_t *)b ? -1 : 1;
}

int sdb_first_duplicate(const char *const *v, size_t n, int *at)
{
	size_t *ix = sdb_xmalloc((n ? n : 1) * sizeof(*ix)), i;
	int found = 0;

	for (i = 0; i < n; i++)
		ix[i] = i;
	qsort_r(ix, n, sizeof(*ix), index_cmp, (void *)v);
	for (i = 1; i < n && !found; i++)
		if (!strcmp(v[ix[i]], v[ix[i - 1]])) {
			*at = (int)ix[i];
			found = 1;
		}
	free(ix);
	return found;
}

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
	exit(70);
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

/*
 * md_limits.c - the limits md_parse() holds cmark-gfm to (see md.h): the
 * memory it may ask for, and how deep a line may nest blocks.
 */
#include "md.h"
#include "../common/util.h"

#include <stdint.h>
#include <stdlib.h>

/*
 * Bytes cmark-gfm has asked for since md_asked_reset(): every calloc and
 * every realloc's new size, frees not subtracted.  One parse at a time
 * (statusdb runs on one thread).
 */
static size_t asked;

static void count(size_t n)
{
	asked = n > SIZE_MAX - asked ? SIZE_MAX : asked + n;
}

static void *md_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		sdb_die("out of memory in the Markdown parser (%zu x %zu bytes)",
			n, size);
	count(n * size);	/* calloc checked that it fits */
	return p;
}

static void *md_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		sdb_die("out of memory in the Markdown parser (%zu bytes)", n);
	count(n);
	return q;
}

static void md_free(void *p)
{
	free(p);
}

static cmark_mem md_mem = { md_calloc, md_realloc, md_free };

cmark_mem *md_allocator(void)
{
	return &md_mem;
}

void md_asked_reset(void)
{
	asked = 0;
}

size_t md_asked(void)
{
	return asked;
}

size_t md_budget(size_t len)
{
	size_t base = (size_t)MD_BUDGET_BASE_MIB << 20;

	if (len > (SIZE_MAX - base) / MD_BUDGET_PER_BYTE)
		return SIZE_MAX;
	return base + len * MD_BUDGET_PER_BYTE;
}

/* Bytes of a list marker at s ("-", "+", "*", "1." to "123456789)"), or 0. */
static size_t marker_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n && (s[0] == '-' || s[0] == '+' || s[0] == '*'))
		i = 1;
	else {
		while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (!i || i >= n || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	if (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
	    s[i] != '\r')
		return 0;
	return i;
}

/* Bytes of the space or tab after a block quote's ">" or a marker. */
static size_t padding(const char *s, size_t n, size_t most)
{
	size_t i = 0;

	while (i < n && i < most && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

size_t md_too_deep(const char *s, size_t n)
{
	size_t i = 0, at, col = 0, levels = 0, over = SIZE_MAX, m, w;
	int marked = 0;

	while (i < n) {
		at = i;
		if (s[i] == ' ' || s[i] == '\t') {
			/* a tab to the next multiple of 4 columns */
			w = s[i] == '\t' ? 4 - col % 4 : 1;
			levels += w;
			col += w;
			i++;
		} else if (s[i] == '>') {
			levels++;
			m = 1 + padding(s + i + 1, n - i - 1, 1);
			col += m;
			i += m;
			marked = 1;
		} else if ((m = marker_len(s + i, n - i))) {
			levels += 2;	/* a list and its item */
			m += padding(s + i + m, n - i - m, 4);
			col += m;
			i += m;
			marked = 1;
		} else {
			break;
		}
		if (levels > MD_MAX_NESTING && over == SIZE_MAX) {
			over = at;
			if (marked)
				return over;
		}
	}
	/* indentation alone, on a blank line, nests nothing */
	if (over != SIZE_MAX && !marked &&
	    (i == n || s[i] == '\n' || s[i] == '\r'))
		return SIZE_MAX;
	return over;
}

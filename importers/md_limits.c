/*
 * md_limits.c - the limits md_parse() holds cmark-gfm to (see md.h): the
 * memory it may ask for, and per line how deep it may nest blocks, how
 * many "|" it may hold, and how many image openers and closing brackets
 * may meet in a paragraph.
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

/* What cmark may ask for while it reads a file of len bytes (md.h). */
static size_t budget(size_t len)
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

/* ASCII punctuation: what a backslash escapes in CommonMark. */
static int is_punct(char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
	       (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* The characters md_check_line() counts, or that escape one. */
static const unsigned char special[256] = {
	['\\'] = 1, ['|'] = 1, ['!'] = 1, [']'] = 1
};

void md_scan_init(struct md_scan *sc)
{
	sc->images = sc->closers = 0;
	sc->first = SIZE_MAX;
}

int md_check_line(struct md_scan *sc, const struct sdb_input *in,
		  const char *buf, size_t start, size_t end,
		  struct sdb_error *err)
{
	const char *s = buf + start;
	size_t i, n = end - start, pipes = 0, at = md_too_deep(s, n);
	int blank = 1;

	if (at != SIZE_MAX)
		return sdb_error_at(err, in, start + at,
			"block quotes and lists nest deeper than %d levels "
			"here (counting a level for each column of "
			"indentation); refused", MD_MAX_NESTING);
	for (i = 0; i < n && blank; i++)
		blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
	for (i = 0; i < n; i++) {
		while (i < n && !special[(unsigned char)s[i]])
			i++;
		if (i == n)
			break;
		if (s[i] == '\\' && i + 1 < n && is_punct(s[i + 1])) {
			i++;
			continue;
		}
		if (s[i] == '|' && ++pipes > MD_MAX_PIPES)
			return sdb_error_at(err, in, start + i,
				"more than %d \"|\" not escaped on this line (a "
				"table row's time grows with the square of its "
				"cells); refused", MD_MAX_PIPES);
		if (s[i] == '!' && i + 1 < n && s[i + 1] == '[') {
			sc->images++;
			i++;
		} else if (s[i] == ']') {
			sc->closers++;
		} else {
			continue;
		}
		if (sc->first == SIZE_MAX)
			sc->first = start;
		if (sc->images && sc->closers > MD_MAX_IMAGE_WORK / sc->images)
			return sdb_error_at(err, in, start + i - (s[i] == '['),
				"%zu image openers (\"![\") and %zu closing "
				"brackets since line %d, with no blank line "
				"between: the time for them grows with their "
				"product, over %d here; refused", sc->images,
				sc->closers, sdb_input_pos(in, sc->first).line,
				MD_MAX_IMAGE_WORK);
	}
	if (blank)
		md_scan_init(sc);
	return 0;
}

int md_check_memory(const struct sdb_input *in, size_t start,
		    struct sdb_error *err)
{
	if (asked <= budget(in->len))
		return 0;
	return sdb_error_at(err, in, start,
		"by this line the Markdown parser has asked for more memory "
		"than it may (%d bytes per byte of the file, plus %d MiB): has "
		"a table's header many more columns than its rows?",
		MD_BUDGET_PER_BYTE, MD_BUDGET_BASE_MIB);
}

/*
 * names.c - name keys, status words and identifiers (see names.h).
 */
#include "names.h"
#include "util.h"

#include <string.h>

void sdb_name_key(struct sdb_buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			sdb_buf_addch(b, (char)(c + 'a' - 'A'));
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			sdb_buf_addch(b, (char)c);
	}
}

static const char *const status_names[SDB_NSTATUS] = {
	"deprecated", "experimental", "obsoleted", "temporary", "unofficial",
	"unused"
};

const char *sdb_status_name(enum sdb_status s)
{
	return s < SDB_NSTATUS ? status_names[s] : "";
}

/* Words and what they state; where=1: anywhere, 2: at the end only. */
static const struct {
	const char *word;
	enum sdb_status status;
	int where;
} status_words[] = {
	{ "unused", SDB_STATUS_UNUSED, 1 },
	{ "reserved", SDB_STATUS_UNUSED, 0 },
	{ "deprecated", SDB_STATUS_DEPRECATED, 1 },
	{ "discontinued", SDB_STATUS_DEPRECATED, 1 },
	{ "experimental", SDB_STATUS_EXPERIMENTAL, 1 },
	{ "obsolete", SDB_STATUS_OBSOLETED, 1 },
	{ "obsoleted", SDB_STATUS_OBSOLETED, 1 },
	{ "temporary", SDB_STATUS_TEMPORARY, 1 },
	{ "unofficial", SDB_STATUS_UNOFFICIAL, 1 },
	{ "non-standard", SDB_STATUS_UNOFFICIAL, 1 },
	{ "extension", SDB_STATUS_UNOFFICIAL, 2 },
};

#define NWORDS (sizeof(status_words) / sizeof(status_words[0]))

static int is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c >= 0x80;
}

unsigned sdb_note_statuses(const char *note)
{
	unsigned set = 0;
	const char *p = note;
	size_t k, n;

	/* word by word: "Not Extended (OBSOLETED)", "apache bw/limited extension" */
	while (*p) {
		while (*p && !is_word_char((unsigned char)*p))
			p++;
		for (n = 0; p[n] && is_word_char((unsigned char)p[n]); n++)
			;
		for (k = 0; n && k < NWORDS; k++) {
			if (!status_words[k].where ||
			    strlen(status_words[k].word) != n ||
			    !sdb_strnieq(p, status_words[k].word, n))
				continue;
			if (status_words[k].where == 2) {
				const char *q = p + n;

				while (*q && !is_word_char((unsigned char)*q))
					q++;
				if (*q)
					continue;
			}
			set |= 1u << status_words[k].status;
		}
		p += n;
	}
	return set;
}

int sdb_is_status_word(const char *s, size_t n)
{
	size_t a = 0, b = n, k;

	/* markup and punctuation around it: "(Unused)", "*deprecated*." */
	while (a < b && !is_word_char((unsigned char)s[a]))
		a++;
	while (b > a && !is_word_char((unsigned char)s[b - 1]))
		b--;
	if (a == b)
		return 0;
	for (k = 0; k < NWORDS; k++)
		if (status_words[k].where != 2 &&
		    strlen(status_words[k].word) == b - a &&
		    sdb_strnieq(s + a, status_words[k].word, b - a))
			return 1;
	return 0;
}

/* What U+00C0..U+00FF become in identifiers; NULL: a separator. */
static const char *const latin1[64] = {
	"A", "A", "A", "A", "A", "A", "AE", "C",
	"E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", NULL,
	"O", "U", "U", "U", "U", "Y", "TH", "SS",
	"a", "a", "a", "a", "a", "a", "ae", "c",
	"e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL,
	"o", "u", "u", "u", "u", "y", "th", "y"
};

/*
 * Decodes the UTF-8 sequence at s (n bytes left) into *cp; returns its
 * length, or 1 with *cp = 0xFFFD for a byte that starts none.
 */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len = *s < 0x80 ? 1 : *s >= 0xF0 ? 4 : *s >= 0xE0 ? 3
		   : *s >= 0xC0 ? 2 : 0;
	size_t i;

	*cp = 0xFFFD;
	if (!len || len > n || sdb_utf8_check((const char *)s, len) != len)
		return 1;
	*cp = len == 1 ? *s : *s & (0x7F >> len);
	for (i = 1; i < len; i++)
		*cp = (*cp << 6) | (s[i] & 0x3F);
	return len;
}

/*
 * Calls add(word) for each word of name, in order: runs of ASCII letters
 * and digits and transliterated Latin-1 letters; apostrophes join ("I'm"
 * is one word, "Im").  Words are given as they are written.
 */
static size_t words(const char *name, size_t len, char ***out)
{
	const unsigned char *s = (const unsigned char *)name;
	struct sdb_buf w = SDB_BUF_INIT;
	size_t i = 0, n = 0, alloc = 0;
	unsigned long cp;

	*out = NULL;
	for (;;) {
		size_t used = i < len ? utf8_next(s + i, len - i, &cp) : 0;
		int letter = used && ((cp >= 'A' && cp <= 'Z') ||
				      (cp >= 'a' && cp <= 'z') ||
				      (cp >= '0' && cp <= '9'));
		int translit = used && cp >= 0xC0 && cp <= 0xFF &&
			       latin1[cp - 0xC0];
		int apostrophe = used && (cp == '\'' || cp == 0x2018 ||
					  cp == 0x2019 || cp == 0x02BC);

		if (apostrophe) {
			i += used;
			continue;
		}
		if (letter) {
			sdb_buf_addch(&w, (char)cp);
		} else if (translit) {
			sdb_buf_adds(&w, latin1[cp - 0xC0]);
		} else if (w.len) {
			sdb_grow_array((void **)out, &alloc, n + 1, sizeof(**out));
			(*out)[n++] = sdb_buf_detach(&w);
		}
		if (!used)
			break;
		i += used;
	}
	sdb_buf_release(&w);
	return n;
}

static void free_words(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

char *sdb_ident_snake(const char *name, size_t len)
{
	struct sdb_buf b = SDB_BUF_INIT;
	char **v;
	size_t n = words(name, len, &v), i, k;

	for (i = 0; i < n; i++) {
		size_t wl = strlen(v[i]);

		if (b.len + (b.len ? 1 : 0) + wl > SDB_IDENT_MAX)
			break;	/* whole words only */
		if (b.len)
			sdb_buf_addch(&b, '_');
		for (k = 0; k < wl; k++)
			sdb_buf_addch(&b, upper(v[i][k]));
	}
	free_words(v, n);
	return sdb_buf_detach(&b);
}

char *sdb_ident_camel(const char *name, size_t len)
{
	struct sdb_buf b = SDB_BUF_INIT;
	char **v;
	size_t n = words(name, len, &v), i;

	for (i = 0; i < n; i++) {
		size_t wl = strlen(v[i]);

		if (b.len + wl > SDB_IDENT_MAX)
			break;
		sdb_buf_addch(&b, upper(v[i][0]));
		sdb_buf_adds(&b, v[i] + 1);
	}
	free_words(v, n);
	return sdb_buf_detach(&b);
}

/*
 * c_header.c - http_status.h: the canonical codes as a C header that
 * compiles warning-free as C99, C11 and C++11:
 *
 *   enum http_status { HTTP_STATUS_CONTINUE = 100, ... };
 *   #define HTTP_STATUS_MAP(XX) XX(100, CONTINUE, "Continue") ...
 *   static inline const char *http_status_reason(int code);
 *   static inline int http_status_is_client_error(int code); ...
 *
 * Identifiers come from the canonical name: ASCII letters and digits
 * uppercased, Latin-1 letters transliterated (e-acute -> E), apostrophes
 * dropped, every other run of characters one underscore, none at either
 * end, at most IDENT_MAX characters (whole words).  A code without a
 * name, or whose name gives no identifier or one starting with a digit,
 * is HTTP_STATUS_<code>.  Names giving one identifier for several codes,
 * or one the header uses itself (MAP), get _<code> appended.  Aliases
 * become extra enumerators unless their identifier is taken.
 *
 * Source text never reaches the header unescaped: string literals escape
 * '"', '\', '?' (no trigraphs) and every byte outside printable ASCII as
 * a named or three-digit octal escape; comments fold control characters
 * to spaces, drop non-ASCII and break up the pairs that would end a
 * comment, open one or form a trigraph.
 */
#include "exporter.h"
#include "../store/db.h"
#include "../common/util.h"

#include <stdio.h>
#include <string.h>

/*
 * Longest identifier suffix: with "HTTP_STATUS_" it stays within the 63
 * significant characters C99 promises for internal identifiers.
 */
#define IDENT_MAX 51

/* The longest string literal C99 compilers must accept (5.2.4.1); gcc and
 * clang warn with -Wpedantic beyond it. */
#define C_STRING_MAX 4095

struct code_entry {
	int code;
	char *name;		/* canonical name, or NULL; owned */
	size_t name_len;	/* bytes in name */
	char *note;		/* references and status, for its comment; owned
				   ("" when none) */
	char *ident;		/* identifier after HTTP_STATUS_; owned */
};

struct alias_entry {
	int code;
	char *ident;		/* NULL when skipped; owned */
};

struct header {
	struct code_entry *codes;
	size_t ncodes, codes_alloc;
	struct alias_entry *aliases;
	size_t naliases, aliases_alloc;
};

static const char codes_sql[] =
	"SELECT c.code, c.name,"
	" (SELECT group_concat(ref, '; ') FROM"
	"   (SELECT " SDB_EXPORT_REFERENCE_SQL " AS ref"
	"    FROM canonical_reference r WHERE r.code = c.code"
	"    ORDER BY r.ord)),"
	" (SELECT group_concat(status, ', ') FROM"
	"   (SELECT status FROM canonical_status WHERE code = c.code"
	"    ORDER BY status)),"
	" s.file, cl.line, cl.\"column\""
	" FROM canonical c"
	" LEFT JOIN claim cl ON cl.id = c.name_claim"
	" LEFT JOIN source s ON s.name = cl.source"
	" ORDER BY c.code";

static const char aliases_sql[] =
	"SELECT code, alias FROM canonical_alias ORDER BY code, alias";

static const char sources_sql[] =
	"SELECT name, file, version FROM source ORDER BY name";

/* Identifier suffixes the header itself uses: HTTP_STATUS_MAP. */
static const char *const reserved[] = { "MAP", NULL };

/* What U+00C0..U+00FF become in identifiers; NULL: a separator. */
static const char *const latin1[64] = {
	"A", "A", "A", "A", "A", "A", "AE", "C",
	"E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", NULL,
	"O", "U", "U", "U", "U", "Y", "TH", "SS",
	"A", "A", "A", "A", "A", "A", "AE", "C",
	"E", "E", "E", "E", "I", "I", "I", "I",
	"D", "N", "O", "O", "O", "O", "O", NULL,
	"O", "U", "U", "U", "U", "Y", "TH", "Y"
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
 * Appends s, uppercased, to an identifier, after an underscore when sep
 * says one is pending.  Returns -1, adding nothing, when it would make
 * the identifier longer than IDENT_MAX.
 */
static int ident_add(struct sdb_buf *b, const char *s, int *sep)
{
	size_t n = strlen(s) + (*sep && b->len);

	if (b->len + n > IDENT_MAX)
		return -1;
	if (*sep && b->len)
		sdb_buf_addch(b, '_');
	*sep = 0;
	for (; *s; s++)
		sdb_buf_addch(b, (char)(*s >= 'a' && *s <= 'z'
					? *s - 'a' + 'A' : *s));
	return 0;
}

/* The identifier suffix name gives; may be empty. The caller frees. */
static char *ident_from_name(const char *name, size_t len)
{
	struct sdb_buf b = SDB_BUF_INIT;
	const unsigned char *s = (const unsigned char *)name;
	unsigned long cp;
	size_t i = 0;
	int sep = 0, full = 0;
	char one[2] = { 0, 0 };

	while (i < len && !full) {
		i += utf8_next(s + i, len - i, &cp);
		if (cp == '\'' || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC)
			continue;	/* I'm a teapot -> IM_A_TEAPOT */
		if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			full = ident_add(&b, one, &sep);
		} else if (cp >= 0xC0 && cp <= 0xFF && latin1[cp - 0xC0]) {
			full = ident_add(&b, latin1[cp - 0xC0], &sep);
		} else {
			sep = 1;
		}
	}
	if (full && !sep && strrchr(b.s, '_')) {
		/* cut in the middle of a word: drop the word */
		b.len = (size_t)(strrchr(b.s, '_') - b.s);
		b.s[b.len] = '\0';
	}
	return sdb_buf_detach(&b);
}

/* 1 if ident can name an enumerator: not empty, no digit first. */
static int ident_usable(const char *ident)
{
	return *ident && !(*ident >= '0' && *ident <= '9');
}

/* 1 if the header itself uses HTTP_STATUS_<ident>. */
static int ident_reserved(const char *ident)
{
	const char *const *r;

	for (r = reserved; *r; r++)
		if (!strcmp(*r, ident))
			return 1;
	return 0;
}

/* Replaces *ident by its first max characters (no trailing '_') + tail. */
static void ident_set(char **ident, size_t max, const char *tail)
{
	struct sdb_buf b = SDB_BUF_INIT;
	size_t n = strlen(*ident);

	if (n > max)
		n = max;
	while (n && (*ident)[n - 1] == '_')
		n--;
	sdb_buf_add(&b, *ident, n);
	sdb_buf_adds(&b, tail);
	free(*ident);
	*ident = sdb_buf_detach(&b);
}

/* 1 if another code's identifier (than h->codes[skip]) is ident. */
static int ident_taken(const struct header *h, size_t skip, const char *ident)
{
	size_t i;

	for (i = 0; i < h->ncodes; i++)
		if (i != skip && !strcmp(h->codes[i].ident, ident))
			return 1;
	return 0;
}

/*
 * Gives every code a unique identifier: its name's; with _<code> appended
 * when several names give it or the header uses it; HTTP_STATUS_<code>
 * when that too is taken (unique: no name gives an identifier starting
 * with a digit).
 */
static void name_codes(struct header *h)
{
	char num[16];
	size_t i;
	int *dup = sdb_xcalloc(h->ncodes, sizeof(*dup));

	for (i = 0; i < h->ncodes; i++) {
		struct code_entry *c = &h->codes[i];

		snprintf(num, sizeof(num), "%d", c->code);
		c->ident = c->name ? ident_from_name(c->name, c->name_len)
				   : sdb_xstrdup("");
		if (!ident_usable(c->ident))
			ident_set(&c->ident, 0, num);
	}
	for (i = 0; i < h->ncodes; i++)
		dup[i] = ident_taken(h, i, h->codes[i].ident) ||
			 ident_reserved(h->codes[i].ident);
	for (i = 0; i < h->ncodes; i++) {
		snprintf(num, sizeof(num), "_%d", h->codes[i].code);
		if (dup[i])
			ident_set(&h->codes[i].ident, IDENT_MAX - strlen(num),
				  num);
	}
	for (i = 0; i < h->ncodes; i++)
		dup[i] = ident_taken(h, i, h->codes[i].ident);
	for (i = 0; i < h->ncodes; i++) {
		snprintf(num, sizeof(num), "%d", h->codes[i].code);
		if (dup[i])
			ident_set(&h->codes[i].ident, 0, num);
	}
	free(dup);
}

/*
 * Keeps an alias's identifier only when no code has it and no alias of
 * another code gives it; of one code's aliases giving the same one, the
 * first stays.
 */
static void name_aliases(struct header *h)
{
	size_t i, j;
	int *drop = sdb_xcalloc(h->naliases, sizeof(*drop));

	for (i = 0; i < h->naliases; i++) {
		struct alias_entry *a = &h->aliases[i];

		if (!ident_usable(a->ident) || ident_reserved(a->ident) ||
		    ident_taken(h, (size_t)-1, a->ident))
			drop[i] = 1;
		for (j = 0; j < h->naliases && !drop[i]; j++) {
			if (j == i || strcmp(a->ident, h->aliases[j].ident))
				continue;
			if (h->aliases[j].code != a->code || j < i)
				drop[i] = 1;
		}
	}
	for (i = 0; i < h->naliases; i++)
		if (drop[i]) {
			free(h->aliases[i].ident);
			h->aliases[i].ident = NULL;
		}
	free(drop);
}

/* Appends s as the inside of a C string literal. */
static void add_c_string(struct sdb_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': sdb_buf_adds(b, "\\\""); break;
		case '\\': sdb_buf_adds(b, "\\\\"); break;
		case '?': sdb_buf_adds(b, "\\?"); break;
		case '\n': sdb_buf_adds(b, "\\n"); break;
		case '\t': sdb_buf_adds(b, "\\t"); break;
		case '\r': sdb_buf_adds(b, "\\r"); break;
		default:
			if (c < 0x20 || c >= 0x7F)
				sdb_buf_addf(b, "\\%03o", c);
			else
				sdb_buf_addch(b, (char)c);
		}
	}
}

/*
 * Appends s as text inside a comment: control characters fold to one
 * space, non-ASCII bytes are dropped, and a space goes between the
 * characters of every "* /", "/ *" and "? ?" pair.
 */
static void add_c_comment(struct sdb_buf *b, const char *s)
{
	size_t start = b->len;
	char prev = 0;

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80)
			continue;
		if (c < 0x20 || c == 0x7F || c == ' ') {
			if (prev != ' ' && b->len > start)
				sdb_buf_addch(b, prev = ' ');
			continue;
		}
		if ((prev == '*' && c == '/') || (prev == '/' && c == '*') ||
		    (prev == '?' && c == '?'))
			sdb_buf_addch(b, ' ');
		sdb_buf_addch(b, prev = (char)c);
	}
	if (prev == ' ')
		sdb_buf_rtrim(b);
}

static void header_release(struct header *h)
{
	size_t i;

	for (i = 0; i < h->ncodes; i++) {
		free(h->codes[i].name);
		free(h->codes[i].note);
		free(h->codes[i].ident);
	}
	for (i = 0; i < h->naliases; i++)
		free(h->aliases[i].ident);
	free(h->codes);
	free(h->aliases);
}

static char *column_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return s ? sdb_xstrndup(s, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Reads the codes; refuses a name no C string literal can hold. */
static int load_codes(sqlite3 *db, struct header *h, struct sdb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(db, codes_sql, -1, &st, NULL) != SQLITE_OK) {
		ret = sdb_db_error(db, err,
				   "cannot read the canonical records");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct code_entry *c;
		struct sdb_buf note = SDB_BUF_INIT;
		const char *refs = (const char *)sqlite3_column_text(st, 2);
		const char *status = (const char *)sqlite3_column_text(st, 3);

		sdb_grow_array((void **)&h->codes, &h->codes_alloc,
			       h->ncodes + 1, sizeof(*h->codes));
		c = &h->codes[h->ncodes++];
		memset(c, 0, sizeof(*c));
		c->code = sqlite3_column_int(st, 0);
		c->name = column_dup(st, 1);
		c->name_len = c->name ? (size_t)sqlite3_column_bytes(st, 1) : 0;
		if (refs)
			sdb_buf_adds(&note, refs);
		if (refs && status)
			sdb_buf_adds(&note, "; ");
		if (status)
			sdb_buf_adds(&note, status);
		c->note = sdb_buf_detach(&note);
		if (c->name_len > C_STRING_MAX) {
			const char *file;

			/* where the name came from, when the claim is known */
			file = (const char *)sqlite3_column_text(st, 4);
			sdb_error_at_pos(err, file ? file : "database",
					 sqlite3_column_int(st, 5),
					 sqlite3_column_int(st, 6),
					 "name of %d is %zu bytes, more than "
					 "the %d a C string literal may hold",
					 c->code, c->name_len, C_STRING_MAX);
			ret = SDB_EXPORT_EDATA;
			goto out;
		}
	}
	if (rc != SQLITE_DONE)
		ret = sdb_db_error(db, err,
				   "cannot read the canonical records");
out:
	sqlite3_finalize(st);
	return ret;
}

static int load_aliases(sqlite3 *db, struct header *h, struct sdb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	if (sqlite3_prepare_v2(db, aliases_sql, -1, &st, NULL) != SQLITE_OK) {
		ret = sdb_db_error(db, err, "cannot read the aliases");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct alias_entry *a;
		const char *s = (const char *)sqlite3_column_text(st, 1);

		sdb_grow_array((void **)&h->aliases, &h->aliases_alloc,
			       h->naliases + 1, sizeof(*h->aliases));
		a = &h->aliases[h->naliases++];
		a->code = sqlite3_column_int(st, 0);
		a->ident = ident_from_name(s ? s : "",
					   (size_t)sqlite3_column_bytes(st, 1));
	}
	if (rc != SQLITE_DONE)
		ret = sdb_db_error(db, err, "cannot read the aliases");
out:
	sqlite3_finalize(st);
	return ret;
}

/* The first lines: what made the file, from which sources. */
static int add_banner(sqlite3 *db, struct sdb_buf *out, struct sdb_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, ret = 0;

	sdb_buf_adds(out, "/* http_status.h - generated by statusdb from the "
		     "sources below; do not edit.\n *\n");
	if (sqlite3_prepare_v2(db, sources_sql, -1, &st, NULL) != SQLITE_OK) {
		ret = sdb_db_error(db, err, "cannot read the sources");
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *version = (const char *)sqlite3_column_text(st, 2);

		/* ")" ends the line: no backslash can splice it */
		sdb_buf_adds(out, " *   ");
		add_c_comment(out, (const char *)sqlite3_column_text(st, 0));
		sdb_buf_adds(out, " (");
		add_c_comment(out, (const char *)sqlite3_column_text(st, 1));
		if (version) {
			sdb_buf_adds(out, ", version ");
			add_c_comment(out, version);
		}
		sdb_buf_adds(out, ")\n");
	}
	if (rc != SQLITE_DONE) {
		ret = sdb_db_error(db, err, "cannot read the sources");
		goto out;
	}
	sdb_buf_adds(out, " *\n * Regenerate it with: "
		     "statusdb export --format c\n */\n");
out:
	sqlite3_finalize(st);
	return ret;
}

/* One enumerator line; note is comment text, alias_of an identifier. */
static void add_enumerator(struct sdb_buf *out, const char *ident, int code,
			   int comma, const char *note, const char *alias_of)
{
	sdb_buf_addf(out, "\tHTTP_STATUS_%s = %d%s", ident, code,
		     comma ? "," : "");
	if (alias_of) {
		sdb_buf_addf(out, " /* deprecated: alias of HTTP_STATUS_%s */",
			     alias_of);
	} else if (*note) {
		sdb_buf_adds(out, " /* ");
		add_c_comment(out, note);
		sdb_buf_adds(out, " */");
	}
	sdb_buf_addch(out, '\n');
}

static void add_enum(struct sdb_buf *out, const struct header *h)
{
	size_t i, a = 0, n = h->ncodes, k = 0;

	for (i = 0; i < h->naliases; i++)
		n += h->aliases[i].ident != NULL;
	sdb_buf_adds(out,
		"/*\n"
		" * Every code the sources list, named after its reason\n"
		" * phrase (HTTP_STATUS_<code> when it has none that makes a\n"
		" * name), with the documents that define it and its status;\n"
		" * aliases, marked deprecated, are other names sources\n"
		" * give the same code.\n"
		" */\n"
		"enum http_status {\n");
	for (i = 0; i < h->ncodes; i++) {
		const struct code_entry *c = &h->codes[i];

		add_enumerator(out, c->ident, c->code, ++k < n, c->note, NULL);
		for (; a < h->naliases && h->aliases[a].code <= c->code; a++)
			if (h->aliases[a].code == c->code &&
			    h->aliases[a].ident)
				add_enumerator(out, h->aliases[a].ident,
					       c->code, ++k < n, NULL,
					       c->ident);
	}
	sdb_buf_adds(out, "};\n\n");
}

static void add_map(struct sdb_buf *out, const struct header *h)
{
	size_t i;

	sdb_buf_adds(out,
		"/*\n"
		" * XX(code, identifier suffix, \"Reason Phrase\") for every\n"
		" * code with a reason phrase, in order of code.\n"
		" */\n"
		"#define HTTP_STATUS_MAP(XX)");
	for (i = 0; i < h->ncodes; i++) {
		const struct code_entry *c = &h->codes[i];

		if (!c->name)
			continue;
		sdb_buf_addf(out, " \\\n\tXX(%d, %s, \"", c->code, c->ident);
		add_c_string(out, c->name, c->name_len);
		sdb_buf_adds(out, "\")");
	}
	sdb_buf_adds(out, "\n\n");
}

static const char functions[] =
	"/* The reason phrase of code, or NULL when it has none here. */\n"
	"static inline const char *http_status_reason(int code)\n"
	"{\n"
	"\tswitch (code) {\n"
	"#define HTTP_STATUS_REASON_CASE(num, name, phrase) \\\n"
	"\tcase num: return phrase;\n"
	"\tHTTP_STATUS_MAP(HTTP_STATUS_REASON_CASE)\n"
	"#undef HTTP_STATUS_REASON_CASE\n"
	"\tdefault: return NULL;\n"
	"\t}\n"
	"}\n"
	"\n"
	"/* The class of any code, listed or not: 1xx to 5xx. */\n"
	"static inline int http_status_is_informational(int code)\n"
	"{\n\treturn code >= 100 && code <= 199;\n}\n\n"
	"static inline int http_status_is_success(int code)\n"
	"{\n\treturn code >= 200 && code <= 299;\n}\n\n"
	"static inline int http_status_is_redirection(int code)\n"
	"{\n\treturn code >= 300 && code <= 399;\n}\n\n"
	"static inline int http_status_is_client_error(int code)\n"
	"{\n\treturn code >= 400 && code <= 499;\n}\n\n"
	"static inline int http_status_is_server_error(int code)\n"
	"{\n\treturn code >= 500 && code <= 599;\n}\n\n";

int sdb_export_c(sqlite3 *db, struct sdb_buf *out, struct sdb_error *err)
{
	struct header h;
	int ret;

	memset(&h, 0, sizeof(h));
	ret = load_codes(db, &h, err);
	if (!ret)
		ret = load_aliases(db, &h, err);
	if (!ret)
		ret = add_banner(db, out, err);
	if (ret)
		goto out;
	if (!h.ncodes) {	/* an empty enum is no C */
		sdb_error_at_pos(err, sqlite3_db_filename(db, "main"), 0, 0,
				 "no canonical records to export");
		ret = SDB_EXPORT_EDATA;
		goto out;
	}
	name_codes(&h);
	name_aliases(&h);
	sdb_buf_adds(out, "#ifndef HTTP_STATUS_H_\n#define HTTP_STATUS_H_\n\n"
		     "#include <stddef.h>\n\n"
		     "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
	add_enum(out, &h);
	add_map(out, &h);
	sdb_buf_adds(out, functions);
	sdb_buf_adds(out, "#ifdef __cplusplus\n}\n#endif\n\n"
		     "#endif\n");
out:
	header_release(&h);
	return ret;
}

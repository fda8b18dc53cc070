/*
 * json.c - JSON lists of status codes, in the shapes found in the wild:
 *
 *   {"100": "Continue", ...}                          code -> phrase
 *   {"404": {"name": "Not Found", ...}, ...}          code -> record
 *   [["Value", "Description", "Reference"],           rows under a header
 *    ["100", "Continue", "[RFC9110, Section 15.2.1]"], ...]
 *   [{"code": "100", "phrase": "Continue",            records, at the top
 *     "spec_title": "RFC7231#6.2.1",                  or under a key such
 *     "spec_href": "https://..."}, ...]               as "values"
 *   {"CONTINUE": 100, "NOT_FOUND": 404, ...}          identifier -> code
 *
 * jsmn finds the tokens and their byte offsets, so every claim points at
 * its raw text (a string's content inside its quotes); SQLite's JSON
 * functions decode strings and check the whole text is valid JSON.
 *
 * A record's keys get their roles from their names (code, phrase, reason,
 * description, spec_title, spec_href, section, class, ...; --column
 * ROLE=KEY overrides), checked against their values across the table: a
 * "name" holding NOT_FOUND is an identifier, a "description" holding
 * short titles and no other name key is the name (IANA's Description), a
 * key holding URLs is a link target.  Fields nested in a record (details
 * arrays, reference objects {document, section, url}) belong to it; a
 * reference and a URL in one object are one link.  Rows whose code is a
 * class ("1xx") set the class of the rows after them that are in it
 * (lists append other codes after the last class); "105-199" and
 * codes named "Unassigned" are ranges.
 */
#include "importer.h"
#include "text.h"
#include "../common/buf.h"
#include "../common/util.h"

#include <sqlite3.h>
#include <string.h>

#define JSMN_STATIC
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

/* Deepest nesting of arrays and objects read (real lists use 2 to 5). */
#define MAX_LEVELS 32
/* Most tokens (strings, numbers, arrays, objects) read in one file. */
#define MAX_TOKENS 4000000
/* Tokens given to jsmn at a time, so that depth is checked as it goes. */
#define CHUNK 1024
/* Most distinct keys told apart in one table; more are ignored. */
#define MAX_KEYS 256

enum jrole { J_OTHER, J_CODE, J_NAME, J_DESC, J_REF, J_TARGET, J_SECTION,
	     J_IDENT, J_CLASS };

/* The tokens of one file and what is known about each. */
struct jdoc {
	const struct sdb_input *in;
	jsmntok_t *t;
	int n;
	int *sub;		/* sub[i]: index just past i's subtree */
	int *owner;		/* the key a value stands under, or -1 */
	int *grp;		/* the object a token stands in, or -1 */
	sqlite3 *db;		/* in memory, for its JSON functions */
	sqlite3_stmt *decode, *valid;
};

enum codekind { CK_NONE, CK_CODE, CK_RANGE, CK_CLASS, CK_BAD };

/* What a table's key (or column) holds, and the role given to it. */
struct kstat {
	const char *key;	/* raw key text in the file; NULL: a column */
	size_t klen;
	int col;		/* column number, for rows without keys */
	enum jrole named;	/* the role its name says */
	int prio;		/* rank of the name among those of its role */
	int overridden;		/* role from --column */
	enum jrole role;
	int n, title, sentence, ident, space, url, code, docref;
};

enum tkind { T_RECORDS, T_MAP, T_ROWS, T_INVERTED };

struct table {
	int tok;		/* the array or object */
	enum tkind kind;
	int header;		/* T_ROWS: the header row's token, or -1 */
	int code_col;		/* T_ROWS: the code's column */
	int ident_keys;		/* T_INVERTED: keys are identifiers */
	int inv_idents;		/* T_INVERTED: a key like NOT_FOUND, notFound */
	int inv_words;		/* T_INVERTED: a key with a space or sign */
	struct kstat *ks;
	int nks;
	int slots[2 * MAX_KEYS];	/* hash of ks by key, -1: empty */
	/* the class the last class row set, for the rows after it */
	char *class_value;	/* owned; NULL: none */
	size_t class_start, class_end;
	int class_first, class_last;	/* the codes it is for: 500..599 */
};

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static int is_digit(int c) { return c >= '0' && c <= '9'; }

static int is_container(const jsmntok_t *t)
{
	return t->type == JSMN_OBJECT || t->type == JSMN_ARRAY;
}

/* Where token i begins and ends in the text, quotes included. */
static size_t tok_begin(const struct jdoc *d, int i)
{
	return (size_t)d->t[i].start - (d->t[i].type == JSMN_STRING);
}

static size_t tok_end(const struct jdoc *d, int i)
{
	return (size_t)d->t[i].end + (d->t[i].type == JSMN_STRING);
}

static const char *tok_text(const struct jdoc *d, int i)
{
	return d->in->text + d->t[i].start;
}

static size_t tok_len(const struct jdoc *d, int i)
{
	return (size_t)(d->t[i].end - d->t[i].start);
}

/* A key: a string in an object. */
static int is_key(const struct jdoc *d, int i)
{
	int p = d->t[i].parent;

	return p >= 0 && d->t[p].type == JSMN_OBJECT;
}

/* The raw text of token i, up to 40 bytes, for messages. */
static const char *shown(const struct jdoc *d, int i, char *buf, size_t size)
{
	size_t n = tok_end(d, i) - tok_begin(d, i), k;
	const char *s = d->in->text + tok_begin(d, i);

	if (n > 40) {
		/* cut on a character boundary */
		n = 40;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	for (k = 0; k < n && k + 1 < size; k++)
		buf[k] = s[k] == '\n' || s[k] == '\r' || s[k] == '\t' ? ' ' : s[k];
	buf[k] = '\0';
	return buf;
}

/* ---- reading the tokens ---- */

static void jdoc_release(struct jdoc *d)
{
	sqlite3_finalize(d->decode);
	sqlite3_finalize(d->valid);
	if (d->db)
		sqlite3_close(d->db);
	free(d->t);
	free(d->sub);
	free(d->owner);
	free(d->grp);
	memset(d, 0, sizeof(*d));
}

static int jsmn_error(const struct sdb_input *in, int rc, size_t pos,
		      struct sdb_error *err)
{
	if (pos > in->len)
		pos = in->len;
	if (rc == JSMN_ERROR_PART)
		return sdb_error_at(err, in, pos, pos < in->len && in->text[pos] == '"'
			? "malformed json: string never ends"
			: "malformed json: the text ends inside a value");
	if (pos < in->len && in->text[pos] == '"')
		return sdb_error_at(err, in, pos,
			"malformed json: bad escape in string");
	if (pos < in->len && (unsigned char)in->text[pos] >= 0x20 &&
	    (unsigned char)in->text[pos] < 0x7f)
		return sdb_error_at(err, in, pos, "malformed json: unexpected '%c'",
				    in->text[pos]);
	return sdb_error_at(err, in, pos, "malformed json: unexpected character");
}

/*
 * Checks text[from, to) holds only whitespace and, when sep, one sep.
 * at: where a missing sep is reported.
 */
static int check_gap(const struct jdoc *d, size_t from, size_t to, char sep,
		     struct sdb_error *err)
{
	size_t i;
	int seen = 0;

	for (i = from; i < to; i++) {
		char c = d->in->text[i];

		if (is_ws((unsigned char)c))
			continue;
		if (sep && c == sep && !seen) {
			seen = 1;
			continue;
		}
		return jsmn_error(d->in, JSMN_ERROR_INVAL, i, err);
	}
	if (sep && !seen)
		return sdb_error_at(err, d->in, to, "malformed json: '%c' expected",
				    sep);
	return 0;
}

/*
 * What jsmn lets through: separators it skips (missing or extra commas
 * and colons, values after the top one), keys without values.  Walks the
 * tokens in order with a stack of the open containers.
 */
static int check_structure(const struct jdoc *d, struct sdb_error *err)
{
	int stack[MAX_LEVELS + 2], kids[MAX_LEVELS + 2];
	int sp = 0, i;
	size_t cur = 0;

	for (i = 0; i < d->n; i++) {
		const jsmntok_t *t = &d->t[i];
		int p = t->parent;
		char sep = 0;

		while (sp && (size_t)d->t[stack[sp - 1]].end <= tok_begin(d, i)) {
			int c = stack[--sp];

			if (check_gap(d, cur, (size_t)d->t[c].end - 1, 0, err))
				return -1;
			cur = (size_t)d->t[c].end;
		}
		if (p < 0) {
			if (i > 0)
				return sdb_error_at(err, d->in, tok_begin(d, i),
					"malformed json: a second value after the first");
		} else if (sp && p == stack[sp - 1]) {
			sep = kids[sp - 1]++ ? ',' : 0;
			if (d->t[p].type == JSMN_OBJECT && t->size == 0)
				return sdb_error_at(err, d->in, tok_end(d, i),
						    "malformed json: ':' expected");
		} else if (sp && d->t[p].type == JSMN_STRING && is_key(d, p) &&
			   d->t[p].parent == stack[sp - 1]) {
			/* a key's one value follows it; a second, a lost ',' */
			if (i != p + 1)
				return sdb_error_at(err, d->in, tok_begin(d, i),
						    "malformed json: ',' expected");
			sep = ':';
		}
		/* anything else: a value where none belongs, shown by its gap */
		if (check_gap(d, cur, tok_begin(d, i), sep, err))
			return -1;
		if (sep == 0 && p >= 0 && !(sp && p == stack[sp - 1]))
			return jsmn_error(d->in, JSMN_ERROR_INVAL, tok_begin(d, i),
					  err);
		if (is_container(t)) {
			if (sp >= MAX_LEVELS + 1)	/* checked before; be safe */
				return sdb_error_at(err, d->in, tok_begin(d, i),
					"json nested deeper than %d levels", MAX_LEVELS);
			stack[sp] = i;
			kids[sp++] = 0;
			cur = tok_begin(d, i) + 1;
		} else {
			cur = tok_end(d, i);
		}
	}
	while (sp) {
		int c = stack[--sp];

		if (check_gap(d, cur, (size_t)d->t[c].end - 1, 0, err))
			return -1;
		cur = (size_t)d->t[c].end;
	}
	return check_gap(d, cur, d->in->len, 0, err);
}

/* The levels of tokens [from, to): refuses nesting past MAX_LEVELS. */
static int check_levels(const struct jdoc *d, unsigned char *lvl, int from,
			int to, struct sdb_error *err)
{
	int i;

	for (i = from; i < to; i++) {
		int p = d->t[i].parent;
		int l = (p >= 0 ? lvl[p] : 0) + is_container(&d->t[i]);

		if (l > MAX_LEVELS)
			return sdb_error_at(err, d->in, tok_begin(d, i),
				"json nested deeper than %d levels", MAX_LEVELS);
		lvl[i] = (unsigned char)l;
	}
	return 0;
}

/*
 * SQLite's verdict on the whole text; when it is not JSON, the first
 * number, literal or string it rejects (jsmn takes "tru" or "01").
 */
static int check_values(struct jdoc *d, struct sdb_error *err)
{
	int i, ok;

	sqlite3_bind_text(d->valid, 1, d->in->text, (int)d->in->len, SQLITE_STATIC);
	ok = sqlite3_step(d->valid) == SQLITE_ROW && sqlite3_column_int(d->valid, 0);
	sqlite3_reset(d->valid);
	if (ok)
		return 0;
	for (i = 0; i < d->n; i++) {
		if (is_container(&d->t[i]))
			continue;
		sqlite3_bind_text(d->valid, 1, d->in->text + tok_begin(d, i),
				  (int)(tok_end(d, i) - tok_begin(d, i)),
				  SQLITE_STATIC);
		ok = sqlite3_step(d->valid) == SQLITE_ROW &&
		     sqlite3_column_int(d->valid, 0);
		sqlite3_reset(d->valid);
		if (!ok) {
			char b[64];

			return sdb_error_at(err, d->in, tok_begin(d, i),
				d->t[i].type == JSMN_STRING
				? "malformed json: control character in string '%s'"
				: "malformed json: '%s' is no number, true, false or null",
				shown(d, i, b, sizeof(b)));
		}
	}
	return sdb_error_at(err, d->in, 0, "malformed json");
}

/*
 * Tokenizes in->text into d.  jsmn counts first (no tokens), then fills
 * them CHUNK at a time, checking the depth of each chunk: jsmn walks up
 * the open containers at every close, so deep nesting must stop early.
 * full: also check every value with SQLite.  Returns 0 or -1 with err.
 */
static int jdoc_load(struct jdoc *d, const struct sdb_input *in, int full,
		     struct sdb_error *err)
{
	jsmn_parser p;
	unsigned char *lvl = NULL;
	unsigned int avail;
	int count, rc, done = 0, i;

	memset(d, 0, sizeof(*d));
	d->in = in;
	if (in->len > 0x7fffffff)
		return sdb_error_at(err, in, 0, "json too large");
	jsmn_init(&p);
	count = jsmn_parse(&p, in->text, in->len, NULL, 0);
	if (count < 0)
		return jsmn_error(in, count, p.pos, err);
	if (count == 0)
		return sdb_error_at(err, in, 0, "malformed json: no value");
	if (count > MAX_TOKENS)
		return sdb_error_at(err, in, 0,
			"json with more than %d values: too large to read",
			MAX_TOKENS);
	d->t = sdb_xcalloc((size_t)count, sizeof(*d->t));
	lvl = sdb_xmalloc((size_t)count);
	jsmn_init(&p);
	avail = 0;
	for (;;) {
		avail = avail + CHUNK < (unsigned)count ? avail + CHUNK : (unsigned)count;
		rc = jsmn_parse(&p, in->text, in->len, d->t, avail);
		if (check_levels(d, lvl, done, (int)p.toknext, err))
			goto fail;
		done = (int)p.toknext;
		if (rc != JSMN_ERROR_NOMEM || avail == (unsigned)count)
			break;
	}
	if (rc < 0) {
		jsmn_error(in, rc, p.pos, err);
		goto fail;
	}
	d->n = (int)p.toknext;
	if (check_structure(d, err))
		goto fail;
	free(lvl);
	lvl = NULL;

	/* subtrees, owners and groups, children always after parents */
	d->sub = sdb_xmalloc((size_t)d->n * sizeof(int));
	d->owner = sdb_xmalloc((size_t)d->n * sizeof(int));
	d->grp = sdb_xmalloc((size_t)d->n * sizeof(int));
	for (i = 0; i < d->n; i++)
		d->sub[i] = i + 1;
	for (i = d->n - 1; i >= 0; i--) {
		int q = d->t[i].parent;

		if (q >= 0 && d->sub[q] < d->sub[i])
			d->sub[q] = d->sub[i];
	}
	for (i = 0; i < d->n; i++) {
		int q = d->t[i].parent;

		d->owner[i] = -1;
		d->grp[i] = -1;
		if (q < 0)
			continue;
		if (d->t[q].type == JSMN_OBJECT) {
			d->grp[i] = q;
		} else {
			d->grp[i] = d->grp[q];
			if (d->t[q].type == JSMN_STRING)
				d->owner[i] = q;
			else if (d->t[q].type == JSMN_ARRAY)
				d->owner[i] = d->owner[q];
		}
	}
	if (!full)
		return 0;
	if (sqlite3_open_v2(":memory:", &d->db, SQLITE_OPEN_READWRITE, NULL) ||
	    sqlite3_prepare_v2(d->db, "SELECT json_extract(?1, '$')", -1,
			       &d->decode, NULL) ||
	    sqlite3_prepare_v2(d->db, "SELECT json_valid(?1)", -1, &d->valid,
			       NULL)) {
		sdb_error_at(err, in, 0, "cannot read json: sqlite: %s",
			     d->db ? sqlite3_errmsg(d->db) : "out of memory");
		goto fail;
	}
	if (check_values(d, err))
		goto fail;
	return 0;
fail:
	free(lvl);
	jdoc_release(d);
	return -1;
}

/*
 * Does the string s[0, n) hold the escape \u0000?  SQLite would end the
 * decoded text there.  A backslash escaped by another does not count.
 */
static int has_nul_escape(const char *s, size_t n)
{
	const char *p = s;
	size_t bs;

	while ((p = memchr(p, 'u', n - (size_t)(p - s))) != NULL) {
		for (bs = 0; p - bs > s && p[-1 - (long)bs] == '\\'; bs++)
			;
		if (bs % 2 && (size_t)(p - s) + 5 <= n && !memcmp(p + 1, "0000", 4))
			return 1;
		p++;
	}
	return 0;
}

/* The decoded text of string token i (the caller frees), or NULL with err. */
static char *jdoc_string(struct jdoc *d, int i, struct sdb_error *err)
{
	const unsigned char *v;
	size_t n;
	char *s;

	/* no escape: the raw text is the value */
	if (!memchr(tok_text(d, i), '\\', tok_len(d, i)))
		return sdb_xstrndup(tok_text(d, i), tok_len(d, i));
	if (has_nul_escape(tok_text(d, i), tok_len(d, i))) {
		sdb_error_at(err, d->in, tok_begin(d, i),
			     "string holds \\u0000: not text");
		return NULL;
	}
	sqlite3_bind_text(d->decode, 1, d->in->text + tok_begin(d, i),
			  (int)(tok_end(d, i) - tok_begin(d, i)), SQLITE_STATIC);
	if (sqlite3_step(d->decode) != SQLITE_ROW ||
	    !(v = sqlite3_column_text(d->decode, 0))) {
		sqlite3_reset(d->decode);
		sdb_error_at(err, d->in, tok_begin(d, i),
			     "malformed json: cannot decode the string");
		return NULL;
	}
	n = (size_t)sqlite3_column_bytes(d->decode, 0);
	s = sdb_xstrndup((const char *)v, n);
	sqlite3_reset(d->decode);
	if (memchr(s, '\0', n) || sdb_utf8_check(s, n) != n) {
		free(s);
		sdb_error_at(err, d->in, tok_begin(d, i),
			     "string holds a lone surrogate (\\uD800 to "
			     "\\uDFFF): not text");
		return NULL;
	}
	return s;
}

/* ---- what values say ---- */

/* Raw text of a scalar, trimmed of spaces. */
static void scalar_span(const struct jdoc *d, int i, const char **s, size_t *n)
{
	*s = tok_text(d, i);
	*n = tok_len(d, i);
	while (*n && is_ws((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n && is_ws((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* What scalar token i says as a status code. */
static enum codekind code_of(const struct jdoc *d, int i, int *first, int *last)
{
	const char *s, *dash;
	size_t n, a, b;

	if (i < 0 || is_container(&d->t[i]))
		return CK_NONE;
	scalar_span(d, i, &s, &n);
	if (!n || !is_digit((unsigned char)s[0]))
		return d->t[i].type == JSMN_PRIMITIVE && n && s[0] == '-'
			? CK_BAD : CK_NONE;
	if ((*first = *last = sdb_parse_code(s, n)) >= 0)
		return CK_CODE;
	if (d->t[i].type == JSMN_STRING && n == 3 && s[0] >= '1' &&
	    (s[1] == 'x' || s[1] == 'X') && (s[2] == 'x' || s[2] == 'X')) {
		*first = (s[0] - '0') * 100;
		*last = *first + 99;
		return CK_CLASS;
	}
	dash = d->t[i].type == JSMN_STRING ? memchr(s, '-', n) : NULL;
	if (dash) {
		a = (size_t)(dash - s);
		b = a + 1;
		while (a > 0 && s[a - 1] == ' ')
			a--;
		while (b < n && s[b] == ' ')
			b++;
		*first = sdb_parse_code(s, a);
		*last = sdb_parse_code(s + b, n - b);
		if (*first >= 0 && *last >= *first)
			return CK_RANGE;
	}
	return CK_BAD;
}

static int is_good_code(enum codekind k)
{
	return k == CK_CODE || k == CK_RANGE || k == CK_CLASS;
}

/* The key's name folded to lowercase letters and digits. */
static void fold_key(struct sdb_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			sdb_buf_addch(b, (char)(c - 'A' + 'a'));
		else if ((c >= 'a' && c <= 'z') || is_digit((unsigned char)c))
			sdb_buf_addch(b, c);
	}
}

static const struct { const char *name; enum jrole role; } key_roles[] = {
	{ "code", J_CODE }, { "statuscode", J_CODE },
	{ "httpstatuscode", J_CODE }, { "httpcode", J_CODE },
	{ "value", J_CODE }, { "status", J_CODE }, { "httpstatus", J_CODE },
	{ "number", J_CODE },
	{ "phrase", J_NAME }, { "reasonphrase", J_NAME }, { "reason", J_NAME },
	{ "name", J_NAME }, { "title", J_NAME }, { "message", J_NAME },
	{ "msg", J_NAME }, { "statustext", J_NAME }, { "statusmessage", J_NAME },
	{ "statusname", J_NAME }, { "text", J_NAME }, { "label", J_NAME },
	{ "description", J_DESC }, { "desc", J_DESC }, { "details", J_DESC },
	{ "detail", J_DESC }, { "meaning", J_DESC }, { "explanation", J_DESC },
	{ "summary", J_DESC }, { "definition", J_DESC }, { "info", J_DESC },
	{ "comment", J_DESC },
	{ "reference", J_REF }, { "references", J_REF }, { "ref", J_REF },
	{ "refs", J_REF }, { "spectitle", J_REF }, { "spec", J_REF },
	{ "specification", J_REF }, { "rfc", J_REF }, { "document", J_REF },
	{ "standard", J_REF }, { "definedin", J_REF }, { "source", J_REF },
	{ "citation", J_REF },
	{ "spechref", J_TARGET }, { "url", J_TARGET }, { "href", J_TARGET },
	{ "link", J_TARGET }, { "uri", J_TARGET }, { "specurl", J_TARGET },
	{ "referenceurl", J_TARGET }, { "mdn", J_TARGET },
	{ "section", J_SECTION }, { "specsection", J_SECTION },
	{ "identifier", J_IDENT }, { "constant", J_IDENT }, { "const", J_IDENT },
	{ "enum", J_IDENT }, { "key", J_IDENT }, { "symbol", J_IDENT },
	{ "ident", J_IDENT }, { "macro", J_IDENT },
	{ "class", J_CLASS }, { "category", J_CLASS }, { "type", J_CLASS },
	{ "group", J_CLASS }, { "kind", J_CLASS }, { "statusclass", J_CLASS },
};

/*
 * Keys whose values are about the code but state none of its fields:
 * other names it had (statusdb's own aliases and other_names), the lists
 * giving it, its conflicts.  Their subtrees are passed over.
 */
static const char *const passed_over[] = {
	"aliases", "alias", "othernames", "formernames", "synonyms",
	"sources", "conflicts", NULL
};

static int key_passed_over(const struct jdoc *d, int key)
{
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;
	int yes = 0;

	fold_key(&b, tok_text(d, key), tok_len(d, key));
	for (i = 0; passed_over[i] && !yes; i++)
		yes = !strcmp(b.s, passed_over[i]);
	sdb_buf_release(&b);
	return yes;
}

/* The role a key's name says; *prio its rank among that role's names. */
static enum jrole role_by_name(const char *s, size_t n, int *prio)
{
	struct sdb_buf b = SDB_BUF_INIT;
	size_t i;
	enum jrole r = J_OTHER;

	fold_key(&b, s, n);
	*prio = 1000;
	for (i = 0; i < sizeof(key_roles) / sizeof(key_roles[0]); i++)
		if (!strcmp(b.s, key_roles[i].name)) {
			r = key_roles[i].role;
			*prio = (int)i;
			break;
		}
	sdb_buf_release(&b);
	return r;
}

/* The role --column gives the key s[0, n), or J_OTHER with *set 0. */
static enum jrole role_by_override(const struct sdb_input *in, const char *s,
				   size_t n, int *set)
{
	static const enum jrole map[] = {
		[SDB_ROLE_OTHER] = J_OTHER, [SDB_ROLE_CODE] = J_CODE,
		[SDB_ROLE_NAME] = J_NAME, [SDB_ROLE_DESCRIPTION] = J_DESC,
		[SDB_ROLE_REFERENCE] = J_REF, [SDB_ROLE_IDENTIFIER] = J_IDENT,
		[SDB_ROLE_CLASS] = J_CLASS,
	};
	enum sdb_role r;
	char *k;

	*set = 0;
	if (!in->columns)
		return J_OTHER;
	k = sdb_xstrndup(s, n);
	*set = sdb_column_override(in, k, &r);
	free(k);
	return *set ? map[r] : J_OTHER;
}

/* Is the key token k one that may hold a row's code? *prio: its rank. */
static int code_key(const struct jdoc *d, int k, int *prio)
{
	int set;
	enum jrole r = role_by_override(d->in, tok_text(d, k), tok_len(d, k), &set);

	if (set) {
		*prio = -1;
		return r == J_CODE;
	}
	if (sdb_column_overridden(d->in, SDB_ROLE_CODE))
		return 0;
	return role_by_name(tok_text(d, k), tok_len(d, k), prio) == J_CODE;
}

/*
 * The key token in object o that holds its code: the code key of best
 * rank whose value reads as a code, class, range or bad code; else one
 * holding a word (the row is then no code row: *kind CK_NONE); or -1.
 */
static int row_code_key(const struct jdoc *d, int o, enum codekind *kind,
			int *first, int *last)
{
	int k, best = -1, best_prio = 0, prio, f, l;
	enum codekind ck;

	*kind = CK_NONE;
	for (k = o + 1; k < d->sub[o]; k = d->sub[k]) {
		if (!code_key(d, k, &prio) || k + 1 >= d->sub[k])
			continue;
		ck = code_of(d, k + 1, &f, &l);
		/* a code key holding a word ("default") only when none is better */
		if (ck == CK_NONE)
			prio += 10000;
		if (best < 0 || prio < best_prio) {
			best = k;
			best_prio = prio;
			*kind = ck;
			*first = f;
			*last = l;
		}
	}
	return best;
}

/* Counts what raw string s[0, n) looks like into ks. */
static void count_value(struct kstat *ks, const char *s, size_t n, int is_str)
{
	size_t i, spaces = 0;
	int ident = n >= 2, under = 0, lower = 0;
	size_t e = n;

	ks->n++;
	if (!is_str)
		return;
	for (i = 0; i < n; i++) {
		char c = s[i];

		spaces += c == ' ';
		under |= c == '_';
		lower |= c >= 'a' && c <= 'z';
		if (!(c == '_' || is_digit((unsigned char)c) ||
		      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			ident = 0;
	}
	if (n >= 7 && (!strncmp(s, "http://", 7) || !strncmp(s, "https://", 8) ||
		       !strncmp(s, "http:\\/\\/", 9) ||
		       !strncmp(s, "https:\\/\\/", 10))) {
		ks->url++;
		return;
	}
	while (e && (s[e - 1] == '"' || s[e - 1] == ')' || s[e - 1] == '\\' ||
		     s[e - 1] == ' '))
		e--;
	if (spaces > 8 || (e && (s[e - 1] == '.' || s[e - 1] == '!')))
		ks->sentence++;
	else if (n && n <= 60)
		ks->title++;
	ks->space += spaces > 0;
	ks->ident += ident && (under || !lower);
	for (i = 0; i + 3 <= n; i++)
		if (sdb_strnieq(s + i, "rfc", 3) ||
		    (i + 6 <= n && sdb_strnieq(s + i, "draft-", 6))) {
			ks->docref++;
			break;
		}
}

/* ---- tables ---- */

static size_t key_hash(const char *s, size_t n, int col)
{
	size_t h = 2166136261u ^ (size_t)(col + 1), i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The kstat of a key (s, n) or of column col (s NULL); NULL: too many. */
static struct kstat *table_key(struct table *tb, const struct sdb_input *in,
			       const char *s, size_t n, int col)
{
	size_t h = key_hash(s ? s : "", s ? n : 0, col), i;
	struct kstat *ks;
	int set;

	for (i = 0; i < 2 * MAX_KEYS; i++) {
		int *slot = &tb->slots[(h + i) % (2 * MAX_KEYS)];

		if (*slot < 0) {
			if (tb->nks >= MAX_KEYS)
				return NULL;
			*slot = tb->nks;
			ks = &tb->ks[tb->nks++];
			memset(ks, 0, sizeof(*ks));
			ks->key = s;
			ks->klen = n;
			ks->col = col;
			ks->prio = 1000;
			if (s) {
				ks->named = role_by_name(s, n, &ks->prio);
				ks->role = role_by_override(in, s, n, &set);
				ks->overridden = set;
			}
			return ks;
		}
		ks = &tb->ks[*slot];
		if (ks->col == col && (s ? ks->key && ks->klen == n &&
				       !memcmp(ks->key, s, n) : !ks->key))
			return ks;
	}
	return NULL;
}

static int majority(int part, int n)
{
	return n > 0 && 2 * part > n;
}

/*
 * Gives each key of tb its role from its name and its values; one key
 * per role for name, description, identifier and class.
 */
static void table_roles(struct table *tb)
{
	static const enum jrole single[] = { J_NAME, J_DESC, J_IDENT, J_CLASS };
	struct kstat *best;
	int i, j;

	for (i = 0; i < tb->nks; i++) {
		struct kstat *ks = &tb->ks[i];
		enum jrole r = ks->named;

		if (ks->overridden)
			continue;
		if (!ks->key) {
			/* a column without a header: its values say */
			r = majority(ks->code, ks->n) ? J_CODE
			    : majority(ks->url, ks->n) ? J_TARGET
			    : majority(ks->docref, ks->n) ? J_REF
			    : majority(ks->sentence, ks->n) ? J_DESC
			    : majority(ks->title, ks->n) ? J_NAME : J_OTHER;
			ks->prio = 500 + ks->col;
			/* a map's values: phrases, or else descriptions */
			if (ks->col == -2 && r != J_DESC)
				r = J_NAME;
		}
		switch (r) {
		case J_CODE:
			/* "status": "Not Found" beside a code */
			if (!majority(ks->code, ks->n) &&
			    majority(ks->title, ks->n)) {
				r = J_NAME;
				ks->prio = 900;
			}
			break;
		case J_NAME:
			if (majority(ks->url, ks->n)) {
				r = J_TARGET;
			} else if (majority(ks->ident, ks->n) && !ks->space) {
				r = J_IDENT;
			} else if (majority(ks->sentence, ks->n)) {
				r = J_DESC;
				ks->prio = 800;
			}
			break;
		case J_DESC:
		case J_OTHER:
		case J_REF:
			if (majority(ks->url, ks->n))
				r = J_TARGET;
			break;
		default:
			break;
		}
		ks->role = r;
	}
	/* no name key: names are in the description (IANA's Description) */
	for (i = 0; i < tb->nks && tb->ks[i].role != J_NAME; i++)
		;
	if (i == tb->nks) {
		best = NULL;
		for (i = 0; i < tb->nks; i++) {
			struct kstat *ks = &tb->ks[i];

			if (ks->role == J_DESC && !ks->overridden &&
			    majority(ks->title, ks->n) &&
			    (!best || ks->prio < best->prio))
				best = ks;
		}
		if (best)
			best->role = J_NAME;
	}
	for (j = 0; j < (int)(sizeof(single) / sizeof(single[0])); j++) {
		best = NULL;
		for (i = 0; i < tb->nks; i++) {
			struct kstat *ks = &tb->ks[i];

			if (ks->role != single[j])
				continue;
			if (!best || (ks->overridden && !best->overridden) ||
			    (ks->overridden == best->overridden &&
			     ks->prio < best->prio)) {
				if (best)
					best->role = J_OTHER;
				best = ks;
			} else {
				ks->role = J_OTHER;
			}
		}
	}
}

/* ---- rows ---- */

enum rshape { R_OBJECT, R_ARRAY, R_VALUE, R_INVERTED };

struct row {
	enum rshape shape;
	int tok;		/* the record, row array or value */
	int key;		/* map rows: the key; else -1 */
	int code_tok;		/* the token holding the code */
	enum codekind kind;
	int first, last;
};

/* A class row's class, for the rows after it (and tables inside it). */
struct jclass {
	char *value;		/* owned */
	size_t start, end;
	int first, last;	/* the codes it is for */
};

struct ctx {
	struct jdoc *d;
	struct sdb_claims *out;
	struct sdb_error *err;
	int sniff;		/* only count the codes */
	int codes;		/* code rows seen */
	char *is_row;		/* per token: 1 a code row, 2 a class row */
	int *ks_of;		/* per key token: its kstat in the table */
	int *cls_of;		/* per class row token: index in classes */
	struct jclass *classes;
	size_t nclasses, classes_alloc;
	/* the references of one row by group: lists through gnext */
	int *ghead, *glast;	/* per group token: first, last field; -1 */
	int *gnext, *frole;	/* per field token: next in group, role */
	int *touched;		/* groups with a list, to reset */
	size_t ntouched, touched_alloc;
	int seen_tab[600];	/* T_MAP: the table a code was seen in, */
	int seen_key[600];	/* and its key token there */
	int name_tok, desc_tok;	/* the row's first name and description */
	int entry;		/* the row's entry number */
};

static void table_release(struct table *tb)
{
	free(tb->ks);
	free(tb->class_value);
	tb->ks = NULL;
	tb->class_value = NULL;
}

static int code_error(struct ctx *c, int tok)
{
	const char *s;
	size_t n;

	scalar_span(c->d, tok, &s, &n);
	if (!n)
		return sdb_error_at(c->err, c->d->in, tok_begin(c->d, tok),
				    "row has no status code");
	return sdb_error_at(c->err, c->d->in, (size_t)(s - c->d->in->text),
		"invalid status code '%.*s': want three digits, 100 to 599",
		n > 40 ? 40 : (int)n, s);
}

/* Is t a record with a code of its own (inside another record)? */
static int nested_row(const struct jdoc *d, int t)
{
	enum codekind k;
	int f, l;

	return d->t[t].type == JSMN_OBJECT && row_code_key(d, t, &k, &f, &l) >= 0 &&
	       (k == CK_CODE || k == CK_RANGE);
}

/* The cell of array row a in column col, or -1. */
static int cell_at(const struct jdoc *d, int a, int col)
{
	int k, i = 0;

	for (k = a + 1; k < d->sub[a]; k = d->sub[k], i++)
		if (i == col)
			return k;
	return -1;
}

/* The kstat of column col of tb (header text as its key when known). */
static struct kstat *column_ks(struct ctx *c, struct table *tb, int col)
{
	const struct jdoc *d = c->d;
	int h = tb->header >= 0 ? cell_at(d, tb->header, col) : -1;

	if (h >= 0 && d->t[h].type == JSMN_STRING)
		return table_key(tb, d->in, tok_text(d, h), tok_len(d, h), col);
	return table_key(tb, d->in, NULL, 0, col);
}

/* The kstat of the value t in row r; col: its column, or -1. */
static struct kstat *field_ks(struct ctx *c, struct table *tb,
			      const struct row *r, int t, int col)
{
	const struct jdoc *d = c->d;
	int o = d->owner[t];
	struct kstat *ks;

	if (o > r->tok) {
		if (c->ks_of[o] >= 0)
			return &tb->ks[c->ks_of[o]];
		ks = table_key(tb, d->in, tok_text(d, o), tok_len(d, o), -1);
		if (ks)
			c->ks_of[o] = (int)(ks - tb->ks);
		return ks;
	}
	if (r->shape == R_VALUE)
		return table_key(tb, d->in, NULL, 0, -2);
	return col >= 0 ? column_ks(c, tb, col) : NULL;
}

/*
 * Calls fn on every value of row r that may hold a field: scalars and
 * containers, in document order, with their column in an array row;
 * nested records with codes of their own are left out.  A class row
 * gives only its own keys' values.  fn returns 1 to skip t's subtree.
 */
typedef int field_fn(struct ctx *c, struct table *tb, const struct row *r,
		     int t, int col);

static int each_field(struct ctx *c, struct table *tb, const struct row *r,
		      field_fn *fn)
{
	const struct jdoc *d = c->d;
	int t, col = -1, rc, cls = r->kind == CK_CLASS;

	if (r->shape == R_VALUE)
		return fn(c, tb, r, r->tok, -1) < 0 ? -1 : 0;
	if (r->shape == R_INVERTED)
		return 0;
	for (t = r->tok + 1; t < d->sub[r->tok];) {
		const jsmntok_t *k = &d->t[t];

		if (d->t[k->parent].type == JSMN_ARRAY && k->parent == r->tok)
			col++;
		if (k->type == JSMN_OBJECT && nested_row(d, t)) {
			t = d->sub[t];
			continue;
		}
		if (is_container(k) && d->owner[t] > r->tok &&
		    d->owner[t] == t - 1 && key_passed_over(d, t - 1)) {
			t = d->sub[t];
			continue;
		}
		if (is_key(d, t) || t == r->code_tok) {
			t++;
			continue;
		}
		if (cls && (is_container(k) || (k->parent != r->tok &&
						d->t[k->parent].parent != r->tok))) {
			t = d->sub[t];
			continue;
		}
		rc = fn(c, tb, r, t, col);
		if (rc < 0)
			return -1;
		t = rc ? d->sub[t] : t + 1;
	}
	return 0;
}

static int stat_field(struct ctx *c, struct table *tb, const struct row *r,
		      int t, int col)
{
	const struct jdoc *d = c->d;
	/* containers too: their key gets its role from its name */
	struct kstat *ks = field_ks(c, tb, r, t, col);

	if (!ks || is_container(&d->t[t]))
		return 0;
	if (d->t[t].type == JSMN_PRIMITIVE && tok_text(d, t)[0] == 'n')
		return 0;	/* null: no value */
	{
		int f, l;

		ks->code += is_good_code(code_of(d, t, &f, &l));
	}
	count_value(ks, tok_text(d, t), tok_len(d, t),
		    d->t[t].type == JSMN_STRING);
	return 0;
}

static int stat_row(struct ctx *c, struct table *tb, const struct row *r)
{
	return each_field(c, tb, r, stat_field);
}

/* ---- claims ---- */

/* The raw text is the value: no escape, no '&' for entity decoding. */
static int verbatim(const struct jdoc *d, int t)
{
	return !memchr(tok_text(d, t), '\\', tok_len(d, t)) &&
	       !memchr(tok_text(d, t), '&', tok_len(d, t));
}

static int is_null(const struct jdoc *d, int t)
{
	return d->t[t].type == JSMN_PRIMITIVE && tok_text(d, t)[0] == 'n';
}

static const char *role_word(enum jrole r)
{
	switch (r) {
	case J_NAME: return "name";
	case J_DESC: return "description";
	case J_REF: return "reference";
	case J_TARGET: return "link";
	case J_SECTION: return "section";
	case J_IDENT: return "identifier";
	case J_CLASS: return "class";
	default: return "value";
	}
}

static int type_error(struct ctx *c, const struct row *r, int t,
		      enum jrole role)
{
	char b[64];

	return sdb_error_at(c->err, c->d->in, tok_begin(c->d, t),
		"expected a string for the %s of %d, not '%s'", role_word(role),
		r->first, shown(c->d, t, b, sizeof(b)));
}

/*
 * The name string t as a mapped text: every decoded byte placed on the
 * raw bytes it comes from (an escape's bytes on the escape), so that a
 * note split off the name points at its own text.  Escapes are decoded
 * one at a time by SQLite, like whole strings.  Returns 0 or -1.
 */
static int string_mtext(struct jdoc *d, int t, struct sdb_mtext *m,
			struct sdb_error *err)
{
	const char *raw = d->in->text;
	size_t i = (size_t)d->t[t].start, e = (size_t)d->t[t].end, run = i;
	struct sdb_buf q = SDB_BUF_INIT;
	int rc = 0;

	while (i < e && !rc) {
		size_t k;
		const unsigned char *v;

		if (raw[i] != '\\') {
			i++;
			continue;
		}
		if (i > run)
			sdb_mtext_add_decoded(m, d->in, run, i);
		k = i + 2;
		if (raw[i + 1] == 'u') {
			k = i + 6;
			/* a surrogate pair is one character */
			if (k + 6 <= e && raw[k] == '\\' && raw[k + 1] == 'u')
				k += 6;
		}
		if (k > e)
			k = e;
		sdb_buf_reset(&q);
		sdb_buf_addch(&q, '"');
		sdb_buf_add(&q, raw + i, k - i);
		sdb_buf_addch(&q, '"');
		sqlite3_bind_text(d->decode, 1, q.s, (int)q.len, SQLITE_STATIC);
		if (sqlite3_step(d->decode) == SQLITE_ROW &&
		    (v = sqlite3_column_text(d->decode, 0)) != NULL)
			sdb_mtext_add(m, (const char *)v,
				      (size_t)sqlite3_column_bytes(d->decode, 0),
				      i, k);
		else
			rc = sdb_error_at(err, d->in, i,
					  "malformed json: cannot decode the string");
		sqlite3_reset(d->decode);
		i = run = k;
	}
	if (!rc && e > run)
		sdb_mtext_add_decoded(m, d->in, run, e);
	sdb_buf_release(&q);
	return rc;
}

/* Claims from string t in role: name, description, identifier, class. */
static int emit_text(struct ctx *c, const struct row *r, int entry, int t,
		     enum jrole role)
{
	const struct jdoc *d = c->d;
	size_t s = (size_t)d->t[t].start, e = (size_t)d->t[t].end;
	struct sdb_buf f = SDB_BUF_INIT;
	char *v;

	if (role == J_NAME && verbatim(d, t)) {
		sdb_emit_name(c->out, d->in, entry, r->first, s, e);
		return 0;
	}
	if (!(v = jdoc_string(c->d, t, c->err)))
		return -1;
	switch (role) {
	case J_NAME: {
		struct sdb_mtext m;
		int rc;

		/* v decodes as the string did: only the places are new */
		sdb_mtext_init(&m);
		rc = string_mtext(c->d, t, &m, c->err);
		if (!rc)
			sdb_emit_name_m(c->out, d->in, entry, r->first, &m);
		sdb_mtext_release(&m);
		if (rc) {
			free(v);
			return -1;
		}
		break;
	}
	case J_DESC:
		sdb_emit_description(c->out, d->in, entry, r->first, v, s, e);
		break;
	case J_CLASS:
		sdb_emit_class(c->out, d->in, entry, r->first, v, s, e);
		break;
	case J_IDENT:
		sdb_fold_ws(&f, v, strlen(v));
		sdb_trim_span(d->in, &s, &e);
		if (f.len)
			sdb_claims_add(c->out, entry, r->first,
				       SDB_FIELD_IDENTIFIER, f.s, s, e);
		sdb_buf_release(&f);
		break;
	default:
		break;
	}
	free(v);
	return 0;
}

/* A description given as an array of strings: one, its parts joined. */
static int emit_joined(struct ctx *c, const struct row *r, int entry, int a)
{
	const struct jdoc *d = c->d;
	struct sdb_buf b = SDB_BUF_INIT;
	int k, first = -1, last = -1;

	for (k = a + 1; k < d->sub[a]; k = d->sub[k]) {
		char *v;

		if (is_null(d, k))
			continue;
		if (!(v = jdoc_string(c->d, k, c->err))) {
			sdb_buf_release(&b);
			return -1;
		}
		if (b.len && *v)
			sdb_buf_addch(&b, ' ');
		sdb_buf_adds(&b, v);
		free(v);
		if (first < 0)
			first = k;
		last = k;
	}
	if (first >= 0)
		sdb_emit_description(c->out, d->in, entry, r->first, b.s,
				     (size_t)d->t[first].start,
				     (size_t)d->t[last].end);
	sdb_buf_release(&b);
	return 0;
}

/* Are all of array a's elements strings (or null)? */
static int all_strings(const struct jdoc *d, int a)
{
	int k;

	for (k = a + 1; k < d->sub[a]; k = d->sub[k])
		if (d->t[k].type != JSMN_STRING && !is_null(d, k))
			return 0;
	return 1;
}

/* One reference: its label t, with a section given beside it (sec). */
static int emit_ref(struct ctx *c, const struct row *r, int entry, int t,
		    int sec)
{
	const struct jdoc *d = c->d;
	size_t s = (size_t)d->t[t].start, e = (size_t)d->t[t].end, i, n0 = c->out->n;
	char *v = NULL, *secv = NULL;

	if (d->t[t].type == JSMN_PRIMITIVE) {
		/* "rfc": 7231 */
		struct sdb_buf b = SDB_BUF_INIT;

		sdb_buf_addf(&b, "RFC %.*s", (int)tok_len(d, t), tok_text(d, t));
		sdb_emit_reference(c->out, d->in, entry, r->first, b.s, s, e);
		sdb_buf_release(&b);
	} else if (verbatim(d, t)) {
		sdb_emit_reference(c->out, d->in, entry, r->first, NULL, s, e);
	} else {
		if (!(v = jdoc_string(c->d, t, c->err)))
			return -1;
		sdb_emit_reference(c->out, d->in, entry, r->first, v, s, e);
		free(v);
	}
	if (sec < 0)
		return 0;
	if (d->t[sec].type == JSMN_PRIMITIVE)
		secv = sdb_xstrndup(tok_text(d, sec), tok_len(d, sec));
	else if (!(secv = jdoc_string(c->d, sec, c->err)))
		return -1;
	for (i = n0; i < c->out->n && *secv; i++) {
		struct sdb_claim *cl = &c->out->v[i];
		size_t ss = (size_t)d->t[sec].start, se = (size_t)d->t[sec].end;

		if (cl->field != SDB_FIELD_REFERENCE || cl->section)
			continue;
		/* the raw text then holds the document and the section */
		cl->section = sdb_xstrdup(secv);
		if (ss < cl->start)
			cl->start = ss;
		if (se > cl->end)
			cl->end = se;
	}
	free(secv);
	return 0;
}

static int emit_target(struct ctx *c, const struct row *r, int entry, int t)
{
	const struct jdoc *d = c->d;
	struct sdb_buf f = SDB_BUF_INIT;
	char *v;

	if (!(v = jdoc_string(c->d, t, c->err)))
		return -1;
	sdb_fold_ws(&f, v, strlen(v));
	if (f.len)
		sdb_emit_target(c->out, d->in, entry, r->first, f.s,
				(size_t)d->t[t].start, (size_t)d->t[t].end);
	sdb_buf_release(&f);
	free(v);
	return 0;
}

/*
 * The references and link targets of group g (an object in the row, or
 * the row): a label and a URL pair up as one link, in order, when there
 * are as many of each; a section beside them goes to every label.
 */
static int emit_group(struct ctx *c, const struct row *r, int entry, int g)
{
	int refs[64], targets[64], nr = 0, nt = 0, sec = -1, f, i;

	for (f = c->ghead[g]; f >= 0; f = c->gnext[f]) {
		int role = c->frole[f];

		if (role == J_SECTION && sec < 0)
			sec = f;
		else if (role == J_REF && nr < 64)
			refs[nr++] = f;
		else if (role == J_TARGET && nt < 64)
			targets[nt++] = f;
	}
	if (nr == nt) {
		for (i = 0; i < nr; i++) {
			sdb_claims_begin_link(c->out);
			if (emit_ref(c, r, entry, refs[i], sec) ||
			    emit_target(c, r, entry, targets[i]))
				return -1;
			sdb_claims_end_link(c->out);
		}
		return 0;
	}
	for (i = 0; i < nr; i++)
		if (emit_ref(c, r, entry, refs[i], sec))
			return -1;
	for (i = 0; i < nt; i++) {
		sdb_claims_begin_link(c->out);
		if (emit_target(c, r, entry, targets[i]))
			return -1;
		sdb_claims_end_link(c->out);
	}
	return 0;
}

/* The role of value t in row r (its key's or column's). */
static enum jrole field_role(struct ctx *c, struct table *tb,
			     const struct row *r, int t, int col)
{
	struct kstat *ks = field_ks(c, tb, r, t, col);

	return ks ? ks->role : J_OTHER;
}

/*
 * First pass over a row's fields before its claims: the first name and
 * description (a range or class takes its value from them), and the
 * references, targets and sections by group.
 */
static int collect_field(struct ctx *c, struct table *tb, const struct row *r,
			 int t, int col)
{
	const struct jdoc *d = c->d;
	enum jrole role = field_role(c, tb, r, t, col);
	int g;

	if (is_container(&d->t[t]) || is_null(d, t))
		return 0;
	if (role == J_NAME && c->name_tok < 0)
		c->name_tok = t;
	if (role == J_DESC && c->desc_tok < 0)
		c->desc_tok = t;
	if (role != J_REF && role != J_TARGET && role != J_SECTION)
		return 0;
	if (d->t[t].type == JSMN_PRIMITIVE && role != J_SECTION &&
	    !(role == J_REF && is_digit((unsigned char)tok_text(d, t)[0])))
		return type_error(c, r, t, role);
	g = d->grp[t] > r->tok ? d->grp[t] : r->tok;
	if (c->ghead[g] == -1) {
		c->ghead[g] = t;
		sdb_grow_array((void **)&c->touched, &c->touched_alloc,
			       c->ntouched + 1, sizeof(*c->touched));
		c->touched[c->ntouched++] = g;
	} else {
		c->gnext[c->glast[g]] = t;
	}
	c->glast[g] = t;
	c->gnext[t] = -1;
	c->frole[t] = (int)role;
	return 0;
}

static void reset_groups(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->ntouched; i++)
		c->ghead[c->touched[i]] = -1;
	c->ntouched = 0;
}

static int emit_field(struct ctx *c, struct table *tb, const struct row *r,
		      int t, int col)
{
	const struct jdoc *d = c->d;
	enum jrole role = field_role(c, tb, r, t, col);
	int g;

	if (is_container(&d->t[t])) {
		if (role == J_NAME || role == J_IDENT || role == J_CLASS ||
		    role == J_SECTION)
			return type_error(c, r, t, role);
		if (role == J_DESC && d->t[t].type == JSMN_ARRAY &&
		    all_strings(d, t))
			return emit_joined(c, r, c->entry, t) ? -1 : 1;
		return 0;
	}
	if (is_null(d, t))
		return 0;
	switch (role) {
	case J_NAME:
	case J_DESC:
	case J_IDENT:
	case J_CLASS:
		if (d->t[t].type != JSMN_STRING)
			return type_error(c, r, t, role);
		return emit_text(c, r, c->entry, t, role);
	case J_REF:
	case J_TARGET:
	case J_SECTION:
		g = d->grp[t] > r->tok ? d->grp[t] : r->tok;
		if (c->ghead[g] < 0)
			return 0;	/* done already */
		if (emit_group(c, r, c->entry, g))
			return -1;
		c->ghead[g] = -2;
		return 0;
	default:
		return 0;
	}
}

/* s[0, n) without the emphasis around it: "**Informational**". */
static void strip_emphasis(const char **s, size_t *n)
{
	while (*n && (**s == '*' || **s == '_' || **s == ' ')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == '*' || (*s)[*n - 1] == '_' ||
		      (*s)[*n - 1] == ' '))
		(*n)--;
}

/* A class row: its name (or the "1xx" itself) is the class after it. */
static int set_class(struct ctx *c, struct table *tb, const struct row *r)
{
	const struct jdoc *d = c->d;
	int t = c->name_tok >= 0 ? c->name_tok : c->desc_tok;
	struct jclass *k;
	size_t s, e, n;
	const char *p;
	char *v = NULL;

	if (t < 0 || d->t[t].type != JSMN_STRING)
		t = r->code_tok;
	s = (size_t)d->t[t].start;
	e = (size_t)d->t[t].end;
	if (verbatim(d, t)) {
		p = d->in->text + s;
		n = e - s;
		strip_emphasis(&p, &n);
		s = (size_t)(p - d->in->text);
		e = s + n;
		v = sdb_xstrndup(p, n);
	} else {
		if (!(v = jdoc_string(c->d, t, c->err)))
			return -1;
		p = v;
		n = strlen(v);
		strip_emphasis(&p, &n);
		memmove(v, p, n);
		v[n] = '\0';
	}
	free(tb->class_value);
	tb->class_value = v;
	tb->class_start = s;
	tb->class_end = e;
	tb->class_first = r->first;
	tb->class_last = r->last;
	/* for the tables inside the class row */
	if (r->shape == R_OBJECT || r->shape == R_ARRAY) {
		sdb_grow_array((void **)&c->classes, &c->classes_alloc,
			       c->nclasses + 1, sizeof(*c->classes));
		k = &c->classes[c->nclasses];
		k->value = sdb_xstrdup(v);
		k->start = s;
		k->end = e;
		k->first = r->first;
		k->last = r->last;
		c->cls_of[r->tok] = (int)c->nclasses++;
	}
	return 0;
}

/* A range, or a code named "Unassigned": a range of codes, no claims. */
static int emit_range(struct ctx *c, const struct row *r, int named)
{
	const struct jdoc *d = c->d;
	int t = c->name_tok >= 0 ? c->name_tok : c->desc_tok;
	struct sdb_buf f = SDB_BUF_INIT;
	char *v;

	if (t < 0 || d->t[t].type != JSMN_STRING) {
		sdb_claims_add_range(c->out, r->first, r->last, "Unassigned",
				     (size_t)d->t[r->code_tok].start,
				     (size_t)d->t[r->code_tok].end);
		return 0;
	}
	if (!(v = jdoc_string(c->d, t, c->err)))
		return -1;
	sdb_fold_ws(&f, v, strlen(v));
	free(v);
	if (named && !sdb_strieq(f.s, "unassigned")) {
		sdb_buf_release(&f);
		return 1;	/* not a range after all */
	}
	sdb_claims_add_range(c->out, r->first, r->last,
			     f.len ? f.s : "Unassigned",
			     (size_t)d->t[t].start, (size_t)d->t[t].end);
	sdb_buf_release(&f);
	return 0;
}

static int emit_row(struct ctx *c, struct table *tb, const struct row *r)
{
	const struct jdoc *d = c->d;
	int rc;

	c->name_tok = c->desc_tok = -1;
	rc = each_field(c, tb, r, collect_field);
	if (!rc && r->kind == CK_CLASS)
		rc = set_class(c, tb, r);
	if (rc || r->kind == CK_CLASS)
		goto out;
	c->entry = ++c->out->entries;
	if (r->kind == CK_RANGE) {
		rc = emit_range(c, r, 0);
		goto out;
	}
	if (c->name_tok >= 0 && d->t[c->name_tok].type == JSMN_STRING &&
	    tok_len(d, c->name_tok) >= 10 && tok_len(d, c->name_tok) <= 64 &&
	    (rc = emit_range(c, r, 1)) <= 0)
		goto out;
	rc = 0;
	/* a class row's class is for its codes only: lists append others */
	if (tb->class_value && r->first >= tb->class_first &&
	    r->first <= tb->class_last)
		sdb_emit_class(c->out, d->in, c->entry, r->first,
			       tb->class_value, tb->class_start, tb->class_end);
	if (r->shape == R_INVERTED) {
		if (!tb->ident_keys) {
			rc = emit_text(c, r, c->entry, r->key, J_NAME);
		} else {
			char *v = jdoc_string(c->d, r->key, c->err);

			if (!v) {
				rc = -1;
				goto out;
			}
			sdb_claims_add(c->out, c->entry, r->first,
				       SDB_FIELD_IDENTIFIER, v,
				       (size_t)d->t[r->key].start,
				       (size_t)d->t[r->key].end);
			free(v);
		}
		goto out;
	}
	rc = each_field(c, tb, r, emit_field);
out:
	reset_groups(c);
	return rc < 0 ? -1 : 0;
}

/* ---- finding the tables ---- */

/*
 * Calls fn on each row of tb in order.  Rows that cannot be read right
 * are refused (a code 4O4, a record without a code in an array of
 * records); in sniff mode they are skipped.
 */
typedef int row_fn(struct ctx *c, struct table *tb, const struct row *r);

static int each_row(struct ctx *c, struct table *tb, row_fn *fn)
{
	const struct jdoc *d = c->d;
	int x = tb->tok, k, v, kk, obj = d->t[x].type == JSMN_OBJECT;
	char b[64];
	struct row r;

	for (k = x + 1; k < d->sub[x]; k = d->sub[k]) {
		memset(&r, 0, sizeof(r));
		r.key = -1;
		v = obj ? k + 1 : k;
		switch (tb->kind) {
		case T_RECORDS:
			if (d->t[v].type != JSMN_OBJECT) {
				if (obj || is_null(d, v) || c->sniff)
					continue;
				return sdb_error_at(c->err, d->in, tok_begin(d, v),
					"expected an object like the other records, "
					"not '%s'", shown(d, v, b, sizeof(b)));
			}
			kk = row_code_key(d, v, &r.kind, &r.first, &r.last);
			if (kk < 0) {
				if (obj || d->t[v].size == 0 || c->sniff)
					continue;
				return sdb_error_at(c->err, d->in, tok_begin(d, v),
					"record has no status code (no key such as "
					"\"code\")");
			}
			r.shape = R_OBJECT;
			r.tok = v;
			r.code_tok = kk + 1;
			break;
		case T_MAP:
			r.kind = code_of(d, k, &r.first, &r.last);
			if (c->is_row[k] == 3)
				continue;	/* the same again */
			r.key = r.code_tok = k;
			r.tok = v;
			r.shape = d->t[v].type == JSMN_OBJECT ? R_OBJECT
				  : d->t[v].type == JSMN_ARRAY ? R_ARRAY : R_VALUE;
			break;
		case T_ROWS:
			if (k == tb->header)
				continue;
			if (d->t[k].type != JSMN_ARRAY) {
				if (is_null(d, k) || c->sniff)
					continue;
				return sdb_error_at(c->err, d->in, tok_begin(d, k),
					"expected a row (an array) like the others, "
					"not '%s'", shown(d, k, b, sizeof(b)));
			}
			r.shape = R_ARRAY;
			r.tok = k;
			r.code_tok = cell_at(d, k, tb->code_col);
			if (r.code_tok < 0) {
				if (c->sniff)
					continue;
				return sdb_error_at(c->err, d->in, tok_begin(d, k),
					"row has no status code (no column %d)",
					tb->code_col + 1);
			}
			r.kind = code_of(d, r.code_tok, &r.first, &r.last);
			if (r.kind == CK_NONE)
				r.kind = CK_BAD;
			break;
		case T_INVERTED:
			if (d->t[v].type == JSMN_OBJECT || d->t[v].type == JSMN_ARRAY ||
			    code_of(d, v, &r.first, &r.last) != CK_CODE)
				continue;
			r.kind = CK_CODE;
			r.shape = R_INVERTED;
			r.key = k;
			r.tok = r.code_tok = v;
			break;
		}
		if (r.kind == CK_NONE)
			continue;
		if (r.kind == CK_BAD) {
			if (c->sniff)
				continue;
			return code_error(c, r.code_tok);
		}
		if (fn(c, tb, &r))
			return -1;
	}
	return 0;
}

/* Does raw key s[0, n) read as an identifier (NOT_FOUND, notFound)? */
static void key_shape(struct table *tb, const char *s, size_t n)
{
	size_t i;
	int lower = 0, upper_after_lower = 0, under = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			lower = 1;
		else if (c >= 'A' && c <= 'Z')
			upper_after_lower |= lower;
		else if (c == '_')
			under = 1;
		else if (!is_digit((unsigned char)c))
			tb->inv_words = 1;
	}
	if (under || upper_after_lower || !lower)
		tb->inv_idents = 1;
}

/* First pass: mark the rows, count codes, refuse duplicates in a map. */
static int mark_row(struct ctx *c, struct table *tb, const struct row *r)
{
	const struct jdoc *d = c->d;
	enum codekind k;
	int f, l;

	if (r->shape == R_OBJECT || r->shape == R_ARRAY)
		c->is_row[r->tok] = r->kind == CK_CLASS ? 2 : 1;
	if (r->kind == CK_CODE || r->kind == CK_RANGE)
		c->codes++;
	if (r->shape == R_INVERTED)
		key_shape(tb, tok_text(d, r->key), tok_len(d, r->key));
	if (c->sniff || tb->kind != T_MAP || r->kind != CK_CODE)
		return 0;
	if (r->shape == R_OBJECT && row_code_key(d, r->tok, &k, &f, &l) >= 0 &&
	    k == CK_CODE && f != r->first)
		return sdb_error_at(c->err, d->in, tok_begin(d, r->tok),
			"the record under key %d says it is %d", r->first, f);
	if (c->seen_tab[r->first] == tb->tok) {
		int p = c->seen_key[r->first] + 1, q = r->key + 1;
		size_t pn = tok_end(d, p) - tok_begin(d, p);
		struct sdb_pos at = sdb_input_pos(d->in, tok_begin(d, p - 1));

		if (pn == tok_end(d, q) - tok_begin(d, q) &&
		    !memcmp(d->in->text + tok_begin(d, p),
			    d->in->text + tok_begin(d, q), pn)) {
			c->is_row[r->key] = 3;
			c->codes--;
			return 0;
		}
		return sdb_error_at(c->err, d->in, tok_begin(d, r->key),
			"duplicate key \"%d\" with another value than at line %d, "
			"column %d", r->first, at.line, at.column);
	}
	c->seen_tab[r->first] = tb->tok;
	c->seen_key[r->first] = r->key;
	return 0;
}

/* Is x (an array or object) a table of status rows?  Fills tb. */
static int detect_table(struct ctx *c, int x, struct table *tb)
{
	const struct jdoc *d = c->d;
	int k, v, nrec = 0, nmap = 0, ninv = 0, nscalar = 0, nrows = 0, nkids = 0;
	int f, l, prio, best_prio = 0, h;
	enum codekind ck;

	memset(tb, 0, sizeof(*tb));
	tb->tok = x;
	tb->header = -1;
	tb->code_col = -1;
	if (d->t[x].type == JSMN_OBJECT) {
		for (k = x + 1; k < d->sub[x]; k = d->sub[k]) {
			v = k + 1;
			ck = code_of(d, k, &f, &l);
			nmap += ck == CK_CODE || ck == CK_RANGE;
			if (d->t[v].type == JSMN_OBJECT &&
			    row_code_key(d, v, &ck, &f, &l) >= 0)
				nrec += ck == CK_CODE || ck == CK_RANGE;
			if (!is_container(&d->t[v])) {
				nscalar++;
				ninv += code_of(d, v, &f, &l) == CK_CODE &&
					!code_key(d, k, &prio);
			}
		}
		if (nmap && nmap >= nrec)
			tb->kind = T_MAP;
		else if (nrec)
			tb->kind = T_RECORDS;
		else if (ninv >= 2 && 5 * ninv >= 4 * nscalar)
			tb->kind = T_INVERTED;
		else
			return 0;
		return 1;
	}
	for (k = x + 1; k < d->sub[x]; k = d->sub[k]) {
		nkids++;
		if (d->t[k].type == JSMN_OBJECT &&
		    row_code_key(d, k, &ck, &f, &l) >= 0)
			nrec += ck == CK_CODE || ck == CK_RANGE;
	}
	if (nrec) {
		tb->kind = T_RECORDS;
		return 1;
	}
	h = x + 1;
	if (h >= d->sub[x] || d->t[h].type != JSMN_ARRAY)
		return 0;
	tb->kind = T_ROWS;
	/* a header: strings, one of them naming the code */
	for (k = h + 1, f = 0; k < d->sub[h]; k = d->sub[k], f++) {
		if (d->t[k].type != JSMN_STRING) {
			tb->code_col = -1;
			break;
		}
		if (code_key(d, k, &prio) &&
		    (tb->code_col < 0 || prio < best_prio)) {
			tb->code_col = f;
			best_prio = prio;
		}
	}
	if (tb->code_col >= 0) {
		tb->header = h;
	} else {
		/* no header: the first column holding a code */
		for (k = h + 1, f = 0; k < d->sub[h]; k = d->sub[k], f++) {
			ck = code_of(d, k, &l, &l);
			if (ck == CK_CODE || ck == CK_RANGE) {
				tb->code_col = f;
				break;
			}
		}
		if (tb->code_col < 0)
			return 0;
	}
	for (k = x + 1; k < d->sub[x]; k = d->sub[k]) {
		int cell;

		if (k == tb->header || d->t[k].type != JSMN_ARRAY ||
		    (cell = cell_at(d, k, tb->code_col)) < 0)
			continue;
		ck = code_of(d, cell, &f, &l);
		nrows += ck == CK_CODE || ck == CK_RANGE;
	}
	/* without a header, most rows must hold a code */
	return nrows > 0 && (tb->header >= 0 || 2 * nrows >= nkids);
}

static int process_table(struct ctx *c, struct table *tb)
{
	const struct jdoc *d = c->d;
	int i, p;

	tb->ks = sdb_xcalloc(MAX_KEYS, sizeof(*tb->ks));
	for (i = 0; i < 2 * MAX_KEYS; i++)
		tb->slots[i] = -1;
	if (each_row(c, tb, mark_row))
		return -1;
	if (c->sniff)
		return 0;
	if (each_row(c, tb, stat_row))
		return -1;
	table_roles(tb);
	tb->ident_keys = tb->inv_idents && !tb->inv_words;
	/* a table inside a class row has its class */
	for (p = d->t[tb->tok].parent; p >= 0; p = d->t[p].parent)
		if (c->is_row[p] == 2 && c->cls_of[p] >= 0) {
			const struct jclass *k = &c->classes[c->cls_of[p]];

			tb->class_value = sdb_xstrdup(k->value);
			tb->class_start = k->start;
			tb->class_end = k->end;
			tb->class_first = k->first;
			tb->class_last = k->last;
			break;
		}
	return each_row(c, tb, emit_row);
}

static void ctx_init(struct ctx *c, struct jdoc *d, struct sdb_claims *out,
		     struct sdb_error *err, int sniff)
{
	size_t n = (size_t)d->n, i;

	memset(c, 0, sizeof(*c));
	c->d = d;
	c->out = out;
	c->err = err;
	c->sniff = sniff;
	c->is_row = sdb_xcalloc(n, 1);
	c->ks_of = sdb_xmalloc(n * sizeof(int));
	c->cls_of = sdb_xmalloc(n * sizeof(int));
	c->ghead = sdb_xmalloc(n * sizeof(int));
	c->glast = sdb_xmalloc(n * sizeof(int));
	c->gnext = sdb_xmalloc(n * sizeof(int));
	c->frole = sdb_xmalloc(n * sizeof(int));
	for (i = 0; i < n; i++)
		c->ks_of[i] = c->cls_of[i] = c->ghead[i] = -1;
	for (i = 0; i < 600; i++)
		c->seen_tab[i] = -1;
}

static void ctx_release(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nclasses; i++)
		free(c->classes[i].value);
	free(c->classes);
	free(c->is_row);
	free(c->ks_of);
	free(c->cls_of);
	free(c->ghead);
	free(c->glast);
	free(c->gnext);
	free(c->frole);
	free(c->touched);
}

/* Every table in document order; rows inside code rows are not read. */
static int read_tables(struct ctx *c)
{
	const struct jdoc *d = c->d;
	struct table tb;
	int i, rc;

	for (i = 0; i < d->n;) {
		if (c->is_row[i] == 1) {
			i = d->sub[i];
			continue;
		}
		if (is_container(&d->t[i]) && detect_table(c, i, &tb)) {
			rc = process_table(c, &tb);
			table_release(&tb);
			if (rc)
				return -1;
		}
		i++;
	}
	return 0;
}

int sdb_import_json(const struct sdb_input *in, struct sdb_claims *out,
		    struct sdb_error *err)
{
	struct jdoc d;
	struct ctx c;
	int rc;

	if (jdoc_load(&d, in, 1, err))
		return -1;
	ctx_init(&c, &d, out, err, 0);
	rc = read_tables(&c);
	if (!rc && !out->entries)
		rc = sdb_error_at(err, in, 0, "no status codes found (no map of "
			"codes, no records with a code key, no rows with a code "
			"column)");
	ctx_release(&c);
	jdoc_release(&d);
	return rc;
}

int sdb_sniff_json(const struct sdb_input *in)
{
	struct jdoc d;
	struct ctx c;
	struct sdb_error err;
	size_t i = 0, j;
	int codes;

	while (i < in->len && is_ws((unsigned char)in->text[i]))
		i++;
	if (i >= in->len || (in->text[i] != '{' && in->text[i] != '['))
		return 0;
	if (jdoc_load(&d, in, 0, &err)) {
		/* JSON gone wrong: say so rather than "unknown format" */
		for (j = i + 1; j < in->len && is_ws((unsigned char)in->text[j]); j++)
			;
		return j < in->len && (in->text[j] == '"' || in->text[j] == '\'' ||
				       in->text[j] == '{' ||
				       (in->text[i] == '[' && in->text[j] == '['))
			? 55 : 0;
	}
	ctx_init(&c, &d, NULL, &err, 1);
	read_tables(&c);
	codes = c.codes;
	ctx_release(&c);
	jdoc_release(&d);
	return codes >= 3 ? 90 : codes > 0 ? 60 : 0;
}

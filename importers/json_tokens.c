/*
 * json_tokens.c - reading a JSON file into tokens (see json.c): jsmn
 * finds the tokens and their byte offsets; what jsmn lets through
 * (missing or extra separators, "tru", "01", nesting past MAX_LEVELS)
 * is refused here; SQLite's JSON functions check the whole text is
 * valid JSON and decode strings.
 *
 * jsmn's functions are defined here only (static); json_int.h gives the
 * other files its types.
 */
#define JSMN_STATIC
#define JSMN_STRICT
#include "json_int.h"

/* Deepest nesting of arrays and objects read (real lists use 2 to 5). */
#define MAX_LEVELS 32
/* Most tokens (strings, numbers, arrays, objects) read in one file. */
#define MAX_TOKENS 4000000
/* Tokens given to jsmn at a time, so that depth is checked as it goes. */
#define CHUNK 1024

/* The raw text of token i, up to 40 bytes, for messages. */
const char *sdb_json_shown(const struct jdoc *d, int i, char *buf,
			   size_t size)
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

void sdb_jdoc_release(struct jdoc *d)
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
				sdb_json_shown(d, i, b, sizeof(b)));
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
int sdb_jdoc_load(struct jdoc *d, const struct sdb_input *in, int full,
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
	sdb_jdoc_release(d);
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
char *sdb_jdoc_string(struct jdoc *d, int i, struct sdb_error *err)
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

/*
 * The name string t as a mapped text: every decoded byte placed on the
 * raw bytes it comes from (an escape's bytes on the escape), so that a
 * note split off the name points at its own text.  Escapes are decoded
 * one at a time by SQLite, like whole strings.  Returns 0 or -1.
 */
int sdb_json_string_mtext(struct jdoc *d, int t, struct sdb_mtext *m,
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

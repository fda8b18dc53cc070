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
 *
 * Here: the entry points, finding the tables and walking their rows and
 * fields.  json_tokens.c reads the tokens, json_roles.c tells what values
 * say and gives keys their roles, json_claims.c makes a row's claims;
 * json_int.h holds what they share.
 */
#include "json_int.h"

/* ---- rows ---- */

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

	sdb_json_scalar_span(c->d, tok, &s, &n);
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

	return d->t[t].type == JSMN_OBJECT &&
	       sdb_json_row_code_key(d, t, &k, &f, &l) >= 0 &&
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
		return sdb_json_table_key(tb, d->in, tok_text(d, h),
					  tok_len(d, h), col);
	return sdb_json_table_key(tb, d->in, NULL, 0, col);
}

/* The kstat of the value t in row r; col: its column, or -1. */
struct kstat *sdb_json_field_ks(struct ctx *c, struct table *tb,
				const struct row *r, int t, int col)
{
	const struct jdoc *d = c->d;
	int o = d->owner[t];
	struct kstat *ks;

	if (o > r->tok) {
		if (c->ks_of[o] >= 0)
			return &tb->ks[c->ks_of[o]];
		ks = sdb_json_table_key(tb, d->in, tok_text(d, o),
					tok_len(d, o), -1);
		if (ks)
			c->ks_of[o] = (int)(ks - tb->ks);
		return ks;
	}
	if (r->shape == R_VALUE)
		return sdb_json_table_key(tb, d->in, NULL, 0, -2);
	return col >= 0 ? column_ks(c, tb, col) : NULL;
}

/*
 * Calls fn on every value of row r that may hold a field: scalars and
 * containers, in document order, with their column in an array row;
 * nested records with codes of their own are left out.  A class row
 * gives only its own keys' values.  fn returns 1 to skip t's subtree.
 */
int sdb_json_each_field(struct ctx *c, struct table *tb, const struct row *r,
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
		    d->owner[t] == t - 1 &&
		    sdb_json_key_passed_over(d, t - 1)) {
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
	struct kstat *ks = sdb_json_field_ks(c, tb, r, t, col);

	if (!ks || is_container(&d->t[t]))
		return 0;
	if (d->t[t].type == JSMN_PRIMITIVE && tok_text(d, t)[0] == 'n')
		return 0;	/* null: no value */
	{
		int f, l;

		ks->code += is_good_code(sdb_json_code_of(d, t, &f, &l));
	}
	sdb_json_count_value(ks, tok_text(d, t), tok_len(d, t),
			     d->t[t].type == JSMN_STRING);
	return 0;
}

static int stat_row(struct ctx *c, struct table *tb, const struct row *r)
{
	return sdb_json_each_field(c, tb, r, stat_field);
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
					"not '%s'",
					sdb_json_shown(d, v, b, sizeof(b)));
			}
			kk = sdb_json_row_code_key(d, v, &r.kind, &r.first,
						   &r.last);
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
			r.kind = sdb_json_code_of(d, k, &r.first, &r.last);
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
					"not '%s'",
					sdb_json_shown(d, k, b, sizeof(b)));
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
			r.kind = sdb_json_code_of(d, r.code_tok, &r.first,
						  &r.last);
			if (r.kind == CK_NONE)
				r.kind = CK_BAD;
			break;
		case T_INVERTED:
			if (d->t[v].type == JSMN_OBJECT || d->t[v].type == JSMN_ARRAY ||
			    sdb_json_code_of(d, v, &r.first, &r.last) != CK_CODE)
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
	if (r->shape == R_OBJECT &&
	    sdb_json_row_code_key(d, r->tok, &k, &f, &l) >= 0 &&
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
			ck = sdb_json_code_of(d, k, &f, &l);
			nmap += ck == CK_CODE || ck == CK_RANGE;
			if (d->t[v].type == JSMN_OBJECT &&
			    sdb_json_row_code_key(d, v, &ck, &f, &l) >= 0)
				nrec += ck == CK_CODE || ck == CK_RANGE;
			if (!is_container(&d->t[v])) {
				nscalar++;
				ninv += sdb_json_code_of(d, v, &f, &l) == CK_CODE &&
					!sdb_json_code_key(d, k, &prio);
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
		    sdb_json_row_code_key(d, k, &ck, &f, &l) >= 0)
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
		if (sdb_json_code_key(d, k, &prio) &&
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
			ck = sdb_json_code_of(d, k, &l, &l);
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
		ck = sdb_json_code_of(d, cell, &f, &l);
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
	sdb_json_table_roles(tb);
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
	return each_row(c, tb, sdb_json_emit_row);
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

	if (sdb_jdoc_load(&d, in, 1, err))
		return -1;
	ctx_init(&c, &d, out, err, 0);
	rc = read_tables(&c);
	if (!rc && !out->entries)
		rc = sdb_error_at(err, in, 0, "no status codes found (no map of "
			"codes, no records with a code key, no rows with a code "
			"column)");
	ctx_release(&c);
	sdb_jdoc_release(&d);
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
	if (sdb_jdoc_load(&d, in, 0, &err)) {
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
	sdb_jdoc_release(&d);
	return codes >= 3 ? 90 : codes > 0 ? 60 : 0;
}

/*
 * json_claims.c - the claims of one row of a JSON list (see json.c):
 * names, descriptions, identifiers and classes from strings, references
 * and link targets paired by the object they stand in, ranges and class
 * rows.
 */
#include "json_int.h"

/* ---- claims ---- */

/* The raw text is the value: no escape, no '&' for entity decoding. */
static int verbatim(const struct jdoc *d, int t)
{
	return !memchr(tok_text(d, t), '\\', tok_len(d, t)) &&
	       !memchr(tok_text(d, t), '&', tok_len(d, t));
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
		r->first, sdb_json_shown(c->d, t, b, sizeof(b)));
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
	if (!(v = sdb_jdoc_string(c->d, t, c->err)))
		return -1;
	switch (role) {
	case J_NAME: {
		struct sdb_mtext m;
		int rc;

		/* v decodes as the string did: only the places are new */
		sdb_mtext_init(&m);
		rc = sdb_json_string_mtext(c->d, t, &m, c->err);
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
		if (!(v = sdb_jdoc_string(c->d, k, c->err))) {
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
		if (!(v = sdb_jdoc_string(c->d, t, c->err)))
			return -1;
		sdb_emit_reference(c->out, d->in, entry, r->first, v, s, e);
		free(v);
	}
	if (sec < 0)
		return 0;
	if (d->t[sec].type == JSMN_PRIMITIVE)
		secv = sdb_xstrndup(tok_text(d, sec), tok_len(d, sec));
	else if (!(secv = sdb_jdoc_string(c->d, sec, c->err)))
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

	if (!(v = sdb_jdoc_string(c->d, t, c->err)))
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
	struct kstat *ks = sdb_json_field_ks(c, tb, r, t, col);

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
		if (!(v = sdb_jdoc_string(c->d, t, c->err)))
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
	if (!(v = sdb_jdoc_string(c->d, t, c->err)))
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

int sdb_json_emit_row(struct ctx *c, struct table *tb, const struct row *r)
{
	const struct jdoc *d = c->d;
	int rc;

	c->name_tok = c->desc_tok = -1;
	rc = sdb_json_each_field(c, tb, r, collect_field);
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
			char *v = sdb_jdoc_string(c->d, r->key, c->err);

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
	rc = sdb_json_each_field(c, tb, r, emit_field);
out:
	reset_groups(c);
	return rc < 0 ? -1 : 0;
}

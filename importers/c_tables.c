/*
 * c_tables.c - the C importer's constructs in code, outside directives
 * (c_source.c reads those): status enums, phrase tables
 *
 *   { 404, "Not Found" },  [404] = "Not Found",  { NOT_FOUND, "..." }
 *
 * and switch tables (case 404: return "Not Found";).  They are read
 * from the code tokens - no directive, no comment - and their matching
 * brackets (code_tokens()).
 */
#include "c_source_int.h"
#include "../common/util.h"

#include <string.h>

/* The code tokens (no directive, no comment) and their brackets. */
void code_tokens(struct cctx *c)
{
	const struct ctoks *ct = c->ct;
	int *stack, sp = 0, k;
	size_t i;

	c->code = sdb_xmalloc((ct->n + 1) * sizeof(int));
	c->match = sdb_xmalloc((ct->n + 1) * sizeof(int));
	stack = sdb_xmalloc((ct->n + 1) * sizeof(int));
	for (i = 0; i < ct->n; i++)
		if (!ct->v[i].dir && ct->v[i].kind != K_COMMENT)
			c->code[c->ncode++] = (int)i;
	for (k = 0; k < c->ncode; k++) {
		int t = c->code[k];

		c->match[k] = -1;
		if (ct->v[t].kind != K_PUNCT || tok_n(ct, t) != 1)
			continue;
		switch (tok_s(ct, t)[0]) {
		case '(': case '[': case '{':
			stack[sp++] = k;
			break;
		case ')': case ']': case '}':
			/* a stray closer closes nothing */
			if (sp && tok_s(ct, c->code[stack[sp - 1]])[0] ==
			    (tok_s(ct, t)[0] == ')' ? '(' : tok_s(ct, t)[0] - 2)) {
				c->match[k] = stack[--sp];
				c->match[stack[sp]] = k;
			}
			break;
		default:
			break;
		}
	}
	free(stack);
}

/* Code token k's text is s. */
static int ctok_is(const struct cctx *c, int k, const char *s)
{
	return k >= 0 && k < c->ncode && tok_is(c->ct, c->code[k], s);
}

/* [*a, *b) of code tokens without the parentheses around it. */
static void strip_parens(const struct cctx *c, int *a, int *b)
{
	while (*b - *a >= 3 && ctok_is(c, *a, "(") && c->match[*a] == *b - 1) {
		(*a)++;
		(*b)--;
	}
}

/*
 * A doxygen comment after the code tokens ending at code index k and
 * before code index k + 2 (past a comma), on the same line: //!< ...,
 * ///< ..., / **< ... * /.  Sets the entry's description.
 */
static void doc_comment(struct cctx *c, int k, struct centry *e)
{
	const struct ctoks *ct = c->ct;
	int from = c->code[k] + 1, to = k + 2 < c->ncode ? c->code[k + 2] :
		(int)ct->n, i;

	for (i = from; i < to; i++) {
		const char *s = tok_s(ct, i);
		size_t n = tok_n(ct, i);

		if (ct->v[i].kind != K_COMMENT)
			continue;
		if (memchr(ct->in->text + ct->v[from - 1].end, '\n',
			   ct->v[i].start - ct->v[from - 1].end))
			return;
		if (n >= 4 && (!memcmp(s, "//!<", 4) || !memcmp(s, "///<", 4) ||
			       ((!memcmp(s, "/**<", 4) || !memcmp(s, "/*!<", 4)) &&
				!memchr(s, '\n', n)))) {
			e->desc_first = e->desc_last = i;
			return;
		}
	}
}

struct enumerator {
	int name;		/* code index of its name */
	int lit;		/* code index of its number, or -1 */
	int known;		/* value known */
	long value;
	int last;		/* code index of its last token */
};

/* enum [tag] { A = 404, B = A, ... } [name]: a status enum's codes. */
static void read_enum(struct cctx *c, int k, int tag, int open, int close)
{
	const struct ctoks *ct = c->ct;
	struct enumerator *v = NULL, *en;
	size_t nv = 0, alloc = 0, i, first = c->ne;
	int q = open + 1, a, b, tdef = -1, named = 0, http = 0, codes = 0;
	int valued = 0, status, code;

	for (a = close + 1; a < c->ncode && a < close + 9 && !ctok_is(c, a, ";");
	     a++)
		if (ct->v[c->code[a]].kind == K_IDENT)
			tdef = c->code[a];
	while (q < close) {
		if (ct->v[c->code[q]].kind != K_IDENT) {
			q = c->match[q] > q ? c->match[q] + 1 : q + 1;
			continue;
		}
		sdb_grow_array((void **)&v, &alloc, nv + 1, sizeof(*v));
		en = &v[nv++];
		memset(en, 0, sizeof(*en));
		en->name = q;
		en->lit = -1;
		en->last = q++;
		if (ctok_is(c, q, "=")) {
			a = ++q;
			while (q < close && !ctok_is(c, q, ","))
				q = c->match[q] > q && c->match[q] < close
					? c->match[q] + 1 : q + 1;
			b = q;
			en->last = b - 1;
			strip_parens(c, &a, &b);
			if (b - a == 1 && is_number(ct, c->code[a])) {
				en->lit = a;
				en->known = !c_int(tok_s(ct, c->code[a]),
						   tok_n(ct, c->code[a]), &en->value);
			} else if (b - a == 1 &&
				   ct->v[c->code[a]].kind == K_IDENT) {
				en->known = const_get(c, c->code[a], &en->value);
			}
		}
		if (en->known)
			const_set(c, c->code[en->name], en->value);
		named += has_word(tok_s(ct, c->code[en->name]),
				  tok_n(ct, c->code[en->name]), "status");
		http += has_word(tok_s(ct, c->code[en->name]),
				 tok_n(ct, c->code[en->name]), "http");
		valued += en->lit >= 0 || en->known;
		codes += (en->lit >= 0 || en->known) && en->value >= 100 &&
			 en->value <= 599;
		if (ctok_is(c, q, ","))
			q++;
	}
	for (a = 0; a < 2; a++) {
		int t = a ? tdef : tag;

		if (t < 0)
			continue;
		named += 2 * (int)nv * has_word(tok_s(ct, t), tok_n(ct, t), "status");
		http += 2 * (int)nv * has_word(tok_s(ct, t), tok_n(ct, t), "http");
	}
	status = codes > 0 && (2 * named >= (int)nv ||
			       (2 * http >= (int)nv && codes >= 3 &&
				5 * codes >= 4 * valued));
	for (i = 0; status && i < nv; i++) {
		struct centry *e;

		en = &v[i];
		if (en->lit >= 0) {
			if (judge(c, c->code[en->lit], 0, &code) != V_CODE)
				continue;
		} else if (en->known && en->value >= 100 && en->value <= 599) {
			code = (int)en->value;
		} else {
			continue;
		}
		e = add_entry(c);
		e->code = code;
		e->code_tok = en->lit >= 0 ? c->code[en->lit] : -1;
		e->ident_tok = c->code[en->name];
		doc_comment(c, en->last, e);
	}
	free(v);
	add_construct(c, ct->v[c->code[k]].start, first, 1);
}

void read_enums(struct cctx *c)
{
	const struct ctoks *ct = c->ct;
	int k, open, tag;

	for (k = 0; k < c->ncode; k++) {
		if (ct->v[c->code[k]].kind != K_KEYWORD || !ctok_is(c, k, "enum"))
			continue;
		open = k + 1;
		tag = -1;
		if (open < c->ncode && ct->v[c->code[open]].kind == K_IDENT)
			tag = c->code[open++];
		if (!ctok_is(c, open, "{") || c->match[open] < 0)
			continue;
		read_enum(c, k, tag, open, c->match[open]);
		k = c->match[open];
	}
}

/* A table row or case label that may give a code its phrase. */
struct cand {
	int parent;		/* code index of the brace around it */
	int code;		/* code index of the number or constant */
	int ph_first, ph_last;	/* code indices of the phrase strings */
	int desc_first, desc_last;	/* of a second run of strings, or -1 */
};

struct cands {
	struct cand *v;
	size_t n, alloc;
};

/* The run of string literals at code index k: its end. */
static int strings_end(const struct cctx *c, int k, int end)
{
	while (k < end && is_string(c->ct, c->code[k]))
		k++;
	return k;
}

static void add_cand(struct cands *cs, int parent, int code, int pf, int pl,
		     int df, int dl)
{
	struct cand *d;

	sdb_grow_array((void **)&cs->v, &cs->alloc, cs->n + 1, sizeof(*cs->v));
	d = &cs->v[cs->n++];
	d->parent = parent;
	d->code = code;
	d->ph_first = pf;
	d->ph_last = pl;
	d->desc_first = df;
	d->desc_last = dl;
}

/* { 404, "Not Found" }, { "Not Found", 404, "desc" }, { NOT_FOUND, "..." } */
static void table_row(struct cctx *c, struct cands *cs, int open, int close,
		      int parent)
{
	const struct ctoks *ct = c->ct;
	int a = open + 1, b, code = -1, ident = -1, pf = -1, pl = -1, df = -1,
	    dl = -1, e;

	while (a < close) {
		for (b = a; b < close && !ctok_is(c, b, ",");)
			b = c->match[b] > b && c->match[b] < close ? c->match[b] + 1
								    : b + 1;
		e = b;
		strip_parens(c, &a, &e);
		if (e - a == 1 && is_number(ct, c->code[a]) && code < 0)
			code = a;
		else if (e - a == 1 && ct->v[c->code[a]].kind == K_IDENT &&
			 ident < 0)
			ident = a;
		else if (e > a && strings_end(c, a, e) == e) {
			if (pf < 0) {
				pf = a;
				pl = e - 1;
			} else if (df < 0) {
				df = a;
				dl = e - 1;
			}
		}
		a = b + 1;
	}
	if (code < 0 && ident >= 0) {
		int x;

		if (peek_code(c, c->code[ident], &x))
			code = ident;
	}
	if (code >= 0 && pf >= 0)
		add_cand(cs, parent, code, pf, pl, df, dl);
}

/* case 404: case NOT_FOUND: ... "Not Found": returns where labels end. */
static int case_labels(struct cctx *c, struct cands *cs, int k, int parent)
{
	int first = (int)cs->n, a, b, depth = 0, pf = -1, pl = -1;
	size_t i;

	while (ctok_is(c, k, "case")) {
		for (b = k + 1; b < c->ncode && !ctok_is(c, b, ":") &&
		     !ctok_is(c, b, ";") && !ctok_is(c, b, "{"); b++)
			;
		if (!ctok_is(c, b, ":"))
			return b;
		a = k + 1;
		k = b + 1;
		strip_parens(c, &a, &b);
		if (b - a == 1 && (is_number(c->ct, c->code[a]) ||
				   c->ct->v[c->code[a]].kind == K_IDENT))
			add_cand(cs, parent, a, -1, -1, -1, -1);
	}
	/* the first strings before the next label at this level */
	for (a = k; a < c->ncode; a++) {
		if (ctok_is(c, a, "{")) {
			depth++;
		} else if (ctok_is(c, a, "}")) {
			if (--depth < 0)
				break;
		} else if (depth == 0 && (ctok_is(c, a, "case") ||
					  ctok_is(c, a, "default"))) {
			break;
		} else if (is_string(c->ct, c->code[a])) {
			pf = a;
			pl = strings_end(c, a, c->ncode) - 1;
			break;
		}
	}
	for (i = (size_t)first; i < cs->n; i++) {
		cs->v[i].ph_first = pf;
		cs->v[i].ph_last = pl;
	}
	return k;
}

static int by_parent_rank(const void *x, const void *y)
{
	const int *a = x, *b = y;

	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : (a[1] < b[1] ? -1 : 1);
}

/* Phrase tables and switches: the candidates of each brace, when at
 * least three give a code and a phrase. */
void read_tables(struct cctx *c)
{
	const struct ctoks *ct = c->ct;
	struct cands cs = { NULL, 0, 0 };
	int *st = sdb_xmalloc(((size_t)c->ncode + 1) * sizeof(int));
	char *child = sdb_xcalloc((size_t)c->ncode + 1, 1);
	int *valid = sdb_xcalloc((size_t)c->ncode + 1, sizeof(int));
	int *rank = sdb_xmalloc(((size_t)c->ncode + 1) * sizeof(int));
	int (*order)[2], sp = 0, k, nranks = 0, code;
	size_t i, j;

	for (k = 0; k < c->ncode; k++) {
		int t = c->code[k];

		if (ctok_is(c, k, "{")) {
			st[sp++] = k;
			child[k] = 0;
		} else if (ctok_is(c, k, "}") && sp && c->match[k] == st[sp - 1]) {
			int open = st[--sp];

			if (!child[open] && k - open - 1 <= 24)
				table_row(c, &cs, open, k, sp ? st[sp - 1] : -1);
			if (sp)
				child[st[sp - 1]] = 1;
		} else if (sp && ctok_is(c, k, "[") && k > 0 &&
			   (ctok_is(c, k - 1, "{") || ctok_is(c, k - 1, ",")) &&
			   c->match[k] == k + 2 && ctok_is(c, k + 3, "=") &&
			   is_string(ct, c->code[k + 4 < c->ncode ? k + 4 : k])) {
			/* [404] = "Not Found" */
			int pl = strings_end(c, k + 4, c->ncode) - 1;

			if (is_number(ct, c->code[k + 1]) ||
			    ct->v[c->code[k + 1]].kind == K_IDENT)
				add_cand(&cs, st[sp - 1], k + 1, k + 4, pl, -1, -1);
		} else if (sp && ct->v[t].kind == K_KEYWORD && ctok_is(c, k, "case")) {
			k = case_labels(c, &cs, k, st[sp - 1]) - 1;
		}
	}
	/* which braces hold a status table: three codes with phrases */
	/*
	 * Three codes with phrases; or two, and a near-code such as 4O4 or
	 * 600 (three characters) that the table then refuses.
	 */
	for (i = 0; i < cs.n; i++) {
		int t = c->code[cs.v[i].code];

		if (cs.v[i].parent < 0 || cs.v[i].ph_first < 0)
			continue;
		if (peek_code(c, t, &code))
			valid[cs.v[i].parent] += 16;
		else if (is_number(ct, t) && tok_n(ct, t) == 3)
			valid[cs.v[i].parent]++;
	}
	for (k = 0; k < c->ncode; k++)
		valid[k] = valid[k] >= 3 * 16 ||
			   (valid[k] >= 2 * 16 && valid[k] / 16 + valid[k] % 16 >= 3);
	for (k = 0; k < c->ncode; k++)
		rank[k] = -1;
	order = sdb_xcalloc(cs.n + 1, sizeof(*order));
	for (i = j = 0; i < cs.n; i++) {
		int p = cs.v[i].parent;

		if (p < 0 || !valid[p] || cs.v[i].ph_first < 0)
			continue;
		if (rank[p] < 0)
			rank[p] = nranks++;
		order[j][0] = rank[p];
		order[j++][1] = (int)i;
	}
	qsort(order, j, sizeof(*order), by_parent_rank);
	for (i = 0; i < j;) {
		int p = cs.v[order[i][1]].parent;
		size_t first = c->ne;

		for (; i < j && cs.v[order[i][1]].parent == p; i++) {
			const struct cand *d = &cs.v[order[i][1]];
			int t = c->code[d->code];
			struct centry *e;

			if (is_number(ct, t)) {
				if (judge(c, t, 0, &code) != V_CODE)
					continue;
			} else if (!peek_code(c, t, &code)) {
				continue;
			}
			e = add_entry(c);
			e->code = code;
			e->code_tok = t;
			e->ident_tok = is_number(ct, t) ? -1 : t;
			e->ph_first = c->code[d->ph_first];
			e->ph_last = c->code[d->ph_last];
			e->ph_string = 1;
			if (d->desc_first >= 0) {
				e->desc_first = c->code[d->desc_first];
				e->desc_last = c->code[d->desc_last];
			}
		}
		add_construct(c, ct->v[c->code[p]].start, first, 0);
	}
	free(order);
	free(cs.v);
	free(st);
	free(child);
	free(valid);
	free(rank);
}

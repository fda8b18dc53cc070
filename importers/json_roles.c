/*
 * json_roles.c - what the values of a JSON list say (see json.c): a
 * status code, a class ("1xx"), a range ("105-199"); and the role of each
 * key of a table from its name (code, phrase, description, spec_href,
 * ...; --column ROLE=KEY overrides), checked against its values across
 * the table.
 */
#include "json_int.h"

/* ---- what values say ---- */

/* Raw text of a scalar, trimmed of spaces. */
void sdb_json_scalar_span(const struct jdoc *d, int i, const char **s,
			  size_t *n)
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
enum codekind sdb_json_code_of(const struct jdoc *d, int i, int *first,
			       int *last)
{
	const char *s, *dash;
	size_t n, a, b;

	if (i < 0 || is_container(&d->t[i]))
		return CK_NONE;
	sdb_json_scalar_span(d, i, &s, &n);
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

int sdb_json_key_passed_over(const struct jdoc *d, int key)
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
int sdb_json_code_key(const struct jdoc *d, int k, int *prio)
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
int sdb_json_row_code_key(const struct jdoc *d, int o, enum codekind *kind,
			  int *first, int *last)
{
	int k, best = -1, best_prio = 0, prio, f, l;
	enum codekind ck;

	*kind = CK_NONE;
	for (k = o + 1; k < d->sub[o]; k = d->sub[k]) {
		if (!sdb_json_code_key(d, k, &prio) || k + 1 >= d->sub[k])
			continue;
		ck = sdb_json_code_of(d, k + 1, &f, &l);
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
void sdb_json_count_value(struct kstat *ks, const char *s, size_t n,
			  int is_str)
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
struct kstat *sdb_json_table_key(struct table *tb, const struct sdb_input *in,
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
void sdb_json_table_roles(struct table *tb)
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

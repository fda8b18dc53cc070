/*
 * mdn.c - MDN's reference of status codes in its Markdown source
 * (mdn/content, files/en-us/web/http/reference/status/index.md): a list
 * under each class heading, each code a term with its definition below
 * it, in MDN's definition-list syntax.
 *
 *   ## Client error responses
 *
 *   - {{HTTPStatus(404, "404 Not Found")}}
 *     - : The server cannot find the requested resource.
 *       In the browser, this means the URL is not recognized.
 *   - {{HTTPStatus(425, "425 Too Early")}} {{experimental_inline}}
 *     - : Indicates that the server is unwilling to risk ...
 *   - `305 Use Proxy` {{deprecated_inline}}
 *     - : Defined in a previous version of the HTTP specification ...
 *
 * A list item is an entry when its first paragraph starts with the
 * KumaScript macro {{HTTPStatus(code, "code Name")}} or a code span
 * "code Name", and a definition ("- : ...") follows it.  The name is the
 * macro's text after the code, located inside its quotes; the code in
 * the text must be the macro's.  The description is the definition, its
 * macros rendered as MDN shows them ({{HTTPHeader("Upgrade")}} as
 * "Upgrade", {{RFC("2518")}} as "RFC 2518").  {{deprecated_inline}},
 * {{experimental_inline}}, {{non-standard_inline}} and
 * {{obsolete_inline}} after the term are notes; links after it cite
 * specifications.  The nearest heading of level 2 or more is the class
 * of the codes below it of the class it names ("Client error responses").
 */
#include "importer.h"
#include "md.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

#define KUMA_ARGS 4
#define KUMA_MAX 1024	/* longest macro call read: a bound on the work */

/* A KumaScript macro call "{{Name(arg, "arg")}}", offsets into its text. */
struct kuma {
	size_t name, name_len;
	int nargs;
	struct {
		size_t start, end;	/* inside the quotes, if quoted */
		int quoted;
	} arg[KUMA_ARGS];
	size_t end;		/* just past the closing "}}" */
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* Reads the macro call s[0, n) starts with.  Returns 0, or -1. */
static int kuma_parse(const char *s, size_t n, struct kuma *k)
{
	size_t i = 2;

	memset(k, 0, sizeof(*k));
	if (n > KUMA_MAX)
		n = KUMA_MAX;
	if (n < 4 || s[0] != '{' || s[1] != '{')
		return -1;
	while (i < n && is_space(s[i]))
		i++;
	k->name = i;
	while (i < n && is_name_char(s[i]))
		i++;
	k->name_len = i - k->name;
	if (!k->name_len)
		return -1;
	while (i < n && is_space(s[i]))
		i++;
	if (i < n && s[i] == '(') {
		i++;
		for (;;) {
			size_t a, b;
			int quoted = 0;

			while (i < n && is_space(s[i]))
				i++;
			if (i < n && s[i] == ')' && k->nargs == 0)
				break;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];

				quoted = 1;
				a = i;
				while (i < n && s[i] != q && s[i] != '\n')
					i += s[i] == '\\' ? 2 : 1;
				if (i >= n || s[i] != q)
					return -1;
				b = i++;
			} else {
				a = i;
				while (i < n && s[i] != ',' && s[i] != ')' &&
				       s[i] != '}' && s[i] != '\n')
					i++;
				b = i;
				while (b > a && is_space(s[b - 1]))
					b--;
			}
			if (k->nargs < KUMA_ARGS) {
				k->arg[k->nargs].start = a;
				k->arg[k->nargs].end = b;
				k->arg[k->nargs].quoted = quoted;
			}
			k->nargs++;
			while (i < n && is_space(s[i]))
				i++;
			if (i < n && s[i] == ',') {
				i++;
				continue;
			}
			break;
		}
		if (i >= n || s[i] != ')')
			return -1;
		i++;
		while (i < n && is_space(s[i]))
			i++;
	}
	if (i + 1 >= n || s[i] != '}' || s[i + 1] != '}')
		return -1;
	k->end = i + 2;
	return 0;
}

static int kuma_is(const char *s, const struct kuma *k, const char *name)
{
	return k->name_len == strlen(name) && sdb_strnieq(s + k->name, name,
							 k->name_len);
}

/* Appends argument i of k (in s) with its backslash escapes undone. */
static void kuma_add_arg(struct sdb_buf *b, const char *s, const struct kuma *k,
			 int i)
{
	size_t j;

	for (j = k->arg[i].start; j < k->arg[i].end; j++) {
		if (s[j] == '\\' && j + 1 < k->arg[i].end)
			j++;
		sdb_buf_addch(b, s[j]);
	}
}

/*
 * s with its macros as MDN renders their text: the second argument when
 * it is a non-empty string ({{Glossary("Rate_limit", "rate limiting")}}),
 * else the first ({{HTTPHeader("Upgrade")}}); {{RFC("2518")}} as "RFC
 * 2518"; a macro without arguments ({{Compat}}) as nothing.
 */
static char *render_macros(const char *s)
{
	struct sdb_buf b = SDB_BUF_INIT;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		const char *open = strstr(s + i, "{{");
		struct kuma k;

		if (!open) {
			sdb_buf_adds(&b, s + i);
			break;
		}
		sdb_buf_add(&b, s + i, (size_t)(open - (s + i)));
		i = (size_t)(open - s);
		if (kuma_parse(s + i, n - i, &k)) {
			sdb_buf_add(&b, "{{", 2);
			i += 2;
			continue;
		}
		if (kuma_is(s + i, &k, "RFC") && k.nargs >= 1) {
			sdb_buf_adds(&b, "RFC ");
			kuma_add_arg(&b, s + i, &k, 0);
		} else if (k.nargs >= 2 && k.arg[1].quoted &&
			   k.arg[1].end > k.arg[1].start) {
			kuma_add_arg(&b, s + i, &k, 1);
		} else if (k.nargs >= 1) {
			kuma_add_arg(&b, s + i, &k, 0);
		}
		i += k.end;
	}
	return sdb_buf_detach(&b);
}

struct mdn {
	struct md_doc doc;
	struct sdb_claims *out;
	struct sdb_error *err;
	char *class;		/* nearest heading's text, or NULL; owned */
	size_t class_start, class_end;
	int class_digit;	/* the class it names (md_heading_class) */
};

/* The definition list item "- : ..." among item's children, or NULL. */
static cmark_node *definition(cmark_node *item)
{
	cmark_node *c, *p, *t;
	const char *lit;

	for (c = cmark_node_first_child(item); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) != CMARK_NODE_LIST)
			continue;
		p = cmark_node_first_child(cmark_node_first_child(c));
		t = p && cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH
		    ? cmark_node_first_child(p) : NULL;
		lit = t && cmark_node_get_type(t) == CMARK_NODE_TEXT
		      ? cmark_node_get_literal(t) : NULL;
		if (lit && lit[0] == ':')
			return cmark_node_first_child(c);
	}
	return NULL;
}

/* The definition: the item's text after its ":", macros rendered. */
static void emit_definition(struct mdn *m, cmark_node *def, int entry, int code)
{
	const struct sdb_input *in = m->doc.in;
	cmark_node *p = cmark_node_first_child(def);
	cmark_node *t = cmark_node_first_child(p);
	struct sdb_buf b = SDB_BUF_INIT, f = SDB_BUF_INIT;
	size_t at, start, end = md_block_end(&m->doc, def);
	const char *s;
	char *v;

	if (md_locate(&m->doc, t, NULL, md_block_start(&m->doc, p), end, &at) ||
	    in->text[at] != ':')
		return;
	for (start = at + 1; start < end && is_space(in->text[start]); start++)
		;
	md_text(&b, def);
	for (s = b.s; is_space(*s) || *s == ':'; s++)
		if (*s == ':' && s != b.s)
			break;
	v = render_macros(s);
	sdb_fold_ws(&f, v, strlen(v));
	if (f.len && start < end)
		sdb_emit_description(m->out, in, entry, code, f.s, start, end);
	free(v);
	sdb_buf_release(&b);
	sdb_buf_release(&f);
}

/* A status macro after the term: {{deprecated_inline}} and the like. */
static void status_notes(struct mdn *m, int entry, int code, size_t from,
			 size_t to)
{
	static const char *const words[] = {
		"deprecated", "experimental", "non-standard", "obsolete", NULL
	};
	const char *t = m->doc.in->text;
	size_t i;

	for (i = from; i + 1 < to; i++) {
		struct kuma k;
		size_t w;

		if (t[i] != '{' || t[i + 1] != '{' ||
		    kuma_parse(t + i, to - i, &k))
			continue;
		for (w = 0; words[w]; w++) {
			size_t n = strlen(words[w]);

			if (k.nargs == 0 && k.name_len == n + 7 &&
			    sdb_strnieq(t + i + k.name, words[w], n) &&
			    sdb_strnieq(t + i + k.name + n, "_inline", 7)) {
				char *v = sdb_xstrndup(t + i + k.name, n);

				sdb_claims_add(m->out, entry, code, SDB_FIELD_NOTE,
					       v, i + k.name, i + k.name + n);
				free(v);
			}
		}
		i += k.end - 1;
	}
}

/* A link after the term: its label a reference, its URL a target. */
static size_t spec_link(struct mdn *m, cmark_node *link, int entry, int code,
			size_t floor, size_t ceil)
{
	const struct sdb_input *in = m->doc.in;
	size_t at, us, ue, ts, te, after, ls, le;
	const char *url = cmark_node_get_url(link);

	if (md_locate(&m->doc, link, "[", floor, ceil, &at))
		return floor;
	sdb_claims_begin_link(m->out);
	if (!md_label_span(&m->doc, at, ceil, &ls, &le)) {
		char *v = md_plain(link);

		/* the raw label, when it is the text, places a section too */
		if (*v)
			sdb_emit_reference(m->out, in, entry, code,
					   md_verbatim(&m->doc, v, ls, le)
					   ? NULL : v, ls, le);
		free(v);
	}
	after = at + 1;
	if (!md_link_parts(&m->doc, link, at, ceil, &us, &ue, &ts, &te,
			   &after) && url && *url)
		sdb_emit_target(m->out, in, entry, code, url, us, ue);
	sdb_claims_end_link(m->out);
	return after;
}

/* What follows the term in its paragraph: status macros and spec links. */
static void after_term(struct mdn *m, cmark_node *term, int entry, int code,
		       size_t floor, size_t ceil)
{
	cmark_node *c;

	for (c = cmark_node_next(term); c; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		size_t at;

		if (type == CMARK_NODE_LINK) {
			floor = spec_link(m, c, entry, code, floor, ceil);
		} else if (type == CMARK_NODE_TEXT &&
			   !md_locate(&m->doc, c, NULL, floor, ceil, &at)) {
			size_t end = at + strlen(cmark_node_get_literal(c));

			if (end > ceil)
				end = ceil;
			status_notes(m, entry, code, at, end);
			floor = end;
		}
	}
}

/*
 * The term "{{HTTPStatus(404, "404 Not Found")}}" at at: sets *code and
 * the name's span (*ns == *ne: none) and *end.  Returns 1, 0 when the
 * text is no HTTPStatus macro, -1 with m->err filled.
 */
static int macro_term(struct mdn *m, size_t at, size_t ceil, int *code,
		      size_t *ns, size_t *ne, size_t *end)
{
	const struct sdb_input *in = m->doc.in;
	const char *t = in->text + at;
	struct kuma k;
	size_t a, b, i;

	if (kuma_parse(t, ceil - at, &k) || !kuma_is(t, &k, "HTTPStatus") ||
	    k.nargs < 1)
		return 0;
	*end = at + k.end;
	a = k.arg[0].start;
	b = k.arg[0].end;
	*code = sdb_parse_code(t + a, b - a);
	if (*code < 0)
		return sdb_error_at(m->err, in, at + a,
			"invalid status code '%.*s': want three digits, 100 to 599",
			(int)(b - a > 40 ? 40 : b - a), t + a);
	*ns = *ne = 0;
	if (k.nargs < 2 || !k.arg[1].quoted)
		return 1;
	a = k.arg[1].start;
	b = k.arg[1].end;
	/* "404 Not Found": the code in the text must be the macro's */
	for (i = a; i < b && !is_space(t[i]); i++)
		;
	if (i > a && t[a] >= '0' && t[a] <= '9') {
		if (sdb_parse_code(t + a, i - a) != *code)
			return sdb_error_at(m->err, in, at + a,
				"status code %d and its text '%.*s' disagree",
				*code, (int)(b - a > 40 ? 40 : b - a), t + a);
		a = i;
	}
	while (a < b && is_space(t[a]))
		a++;
	*ns = at + a;
	*ne = at + b;
	return 1;
}

/*
 * The term "`305 Use Proxy`": a code span holding a code and a name.
 * Returns 1, 0 when it holds no code, -1 with m->err filled.
 */
static int code_term(struct mdn *m, cmark_node *span, size_t at, int *code,
		     size_t *ns, size_t *ne, size_t *end)
{
	const struct sdb_input *in = m->doc.in;
	const char *lit = cmark_node_get_literal(span);
	size_t i = 0, n = lit ? strlen(lit) : 0;

	if (!n || at + n > in->len || memcmp(in->text + at, lit, n))
		return 0;
	while (i < n && !is_space(lit[i]))
		i++;
	*code = sdb_parse_code(lit, i);
	if (*code < 0) {
		if (sdb_looks_like_bad_code(lit, i))
			return sdb_error_at(m->err, in, at,
				"invalid status code '%.*s': want three digits, 100 to 599",
				(int)(i > 40 ? 40 : i), lit);
		return 0;
	}
	while (i < n && is_space(lit[i]))
		i++;
	*ns = at + i;
	*ne = at + n;
	*end = at + n;
	return 1;
}

/* A list item: an entry when its term is a status code.  Returns 1, 0, -1. */
static int do_item(struct mdn *m, cmark_node *item)
{
	const struct sdb_input *in = m->doc.in;
	cmark_node *p = cmark_node_first_child(item), *term, *def;
	size_t ps, pe, at, ns = 0, ne = 0, end = 0, lit_end;
	int code = 0, rc, entry;

	if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH ||
	    !(term = cmark_node_first_child(p)) || !(def = definition(item)))
		return 0;
	ps = md_block_start(&m->doc, p);
	pe = md_block_end(&m->doc, p);
	if (md_locate(&m->doc, term, NULL, ps, pe, &at))
		return 0;
	if (cmark_node_get_type(term) == CMARK_NODE_TEXT)
		rc = macro_term(m, at, pe, &code, &ns, &ne, &end);
	else if (cmark_node_get_type(term) == CMARK_NODE_CODE)
		rc = code_term(m, term, at, &code, &ns, &ne, &end);
	else
		rc = 0;
	if (rc <= 0)
		return rc;
	entry = ++m->out->entries;
	if (m->class && m->class_digit == code / 100)
		sdb_emit_class(m->out, in, entry, code, m->class,
			       m->class_start, m->class_end);
	/* "`306 unused`": a status where the name would be */
	if (ne - ns == 6 && sdb_strnieq(in->text + ns, "unused", 6))
		sdb_claims_add(m->out, entry, code, SDB_FIELD_NOTE, "unused",
			       ns, ne);
	else if (ne > ns)
		sdb_emit_name(m->out, in, entry, code, ns, ne);
	/* the macro's text node may go on: "... {{deprecated_inline}}" */
	lit_end = at + strlen(cmark_node_get_literal(term));
	status_notes(m, entry, code, end, lit_end < pe ? lit_end : pe);
	after_term(m, term, entry, code, end, pe);
	emit_definition(m, def, entry, code);
	return 1;
}

static void set_class(struct mdn *m, cmark_node *h)
{
	size_t s, e;

	free(m->class);
	m->class = NULL;
	if (md_children_span(&m->doc, h, md_block_start(&m->doc, h),
			     md_block_end(&m->doc, h), &s, &e))
		return;
	m->class = md_plain(h);
	m->class_digit = md_heading_class(m->class);
	m->class_start = s;
	m->class_end = e;
}

int sdb_import_mdn(const struct sdb_input *in, struct sdb_claims *out,
		   struct sdb_error *err)
{
	struct mdn m;
	cmark_iter *it;
	cmark_event_type ev;
	int rc = 0;

	memset(&m, 0, sizeof(m));
	if (md_parse(&m.doc, in, err) < 0)
		return -1;
	m.out = out;
	m.err = err;
	it = cmark_iter_new(m.doc.root);
	while (rc >= 0 && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_HEADING) {
			if (cmark_node_get_heading_level(n) >= 2)
				set_class(&m, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_PARAGRAPH) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_ITEM) {
			rc = do_item(&m, n);
			if (rc > 0)	/* its definition holds no entries */
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		}
	}
	cmark_iter_free(it);
	free(m.class);
	md_release(&m.doc);
	if (rc < 0)
		return -1;
	if (!out->entries)
		return sdb_error_at(err, in, 0, "no status codes found (want "
			"list items such as - {{HTTPStatus(404, \"404 Not "
			"Found\")}} with a \"- : description\" below)");
	return 0;
}

int sdb_sniff_mdn(const struct sdb_input *in)
{
	size_t li;
	int terms = 0, defs = 0;

	/* "- {{HTTPStatus(" or "- `NNN " terms, "- : " definitions */
	for (li = 0; li < in->nlines && li < 5000; li++) {
		const char *t = in->text + in->lines[li];
		size_t n = sdb_input_line_end(in, li) - in->lines[li], i = 0;

		while (i < n && (t[i] == ' ' || t[i] == '\t'))
			i++;
		if (n - i < 4 || (t[i] != '-' && t[i] != '*') || t[i + 1] != ' ')
			continue;
		i += 2;
		if (t[i] == ':' && (i + 1 == n || t[i + 1] == ' '))
			defs++;
		else if ((n - i > 13 && sdb_strnieq(t + i, "{{HTTPStatus(", 13)) ||
			 (n - i > 5 && t[i] == '`' && t[i + 1] >= '1' &&
			  t[i + 1] <= '5' && t[i + 2] >= '0' && t[i + 2] <= '9' &&
			  t[i + 3] >= '0' && t[i + 3] <= '9' && t[i + 4] == ' '))
			terms++;
	}
	return terms >= 3 && defs >= 3 ? 85 : 0;
}

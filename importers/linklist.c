/*
 * linklist.c - "link-annotated" Markdown, as on a Jekyll page listing
 * status codes with their specifications:
 *
 *   [`413: Payload Too Large`](413 "The 413 (Payload Too Large) ...") |
 *   [**RFC 7231**: Hypertext Transfer ...](/specs/IETF/RFC/7231 "...")
 *
 * A link whose text is "NNN: Name" starts an entry: the name comes from its
 * text, the description from its title.  The links after it on the same
 * line (or in the same list item or cell) cite its specifications: their
 * labels are references, their URLs reference targets.  The page's "table"
 * need not be a valid GFM table (cmark-gfm then sees one paragraph), and
 * YAML front matter is skipped.
 */
#include "importer.h"
#include "md.h"
#include "text.h"
#include "../common/util.h"

#include <string.h>

struct ll {
	struct md_doc doc;
	struct sdb_claims *out;
	struct sdb_error *err;
	int entry, code;	/* current entry, 0 when none */
	size_t floor;		/* nodes are located at or after this offset */
};

static int is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* The first leaf with text under node. */
static cmark_node *first_leaf(cmark_node *node)
{
	cmark_node *c;

	for (c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);

		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			return c;
		if (cmark_node_first_child(c))
			return first_leaf(c);
	}
	return NULL;
}

/*
 * For link text "NNN: Name": returns the length of the code token and sets
 * *name to where the name starts, or returns 0 when the text is not so.
 */
static size_t code_prefix(const char *s, const char **name)
{
	size_t i = 0, tok;

	while (s[i] == ' ')
		i++;
	if (s[i] < '0' || s[i] > '9')
		return 0;
	for (tok = i; is_alnum((unsigned char)s[i]); i++)
		;
	tok = i - tok;
	while (s[i] == ' ')
		i++;
	if (s[i] != ':')
		return 0;
	i++;
	while (s[i] == ' ')
		i++;
	*name = s + i;
	return tok;
}

static int code_link(struct ll *l, cmark_node *link, size_t at)
{
	const struct sdb_input *in = l->doc.in;
	cmark_node *leaf = first_leaf(link);
	const char *lit = leaf ? cmark_node_get_literal(leaf) : NULL, *name;
	size_t tok, lo, us, ue, ts, te, after, ls, le, lead = 0;
	int code;

	if (!lit || !(tok = code_prefix(lit, &name)))
		return 0;
	while (lit[lead] == ' ')
		lead++;
	if (md_locate(&l->doc, leaf, NULL, at, &lo))
		lo = at;
	code = sdb_parse_code(lit + lead, tok);
	if (code < 0) {
		if (sdb_looks_like_bad_code(lit + lead, tok))
			return sdb_error_at(l->err, in, lo + lead,
				"invalid status code '%.*s': want three digits, 100 to 599",
				(int)tok, lit + lead);
		return 0;
	}
	l->code = code;
	l->entry = ++l->out->entries;
	if (lo + strlen(lit) <= in->len && !memcmp(in->text + lo, lit, strlen(lit)))
		sdb_emit_name(l->out, in, l->entry, code, lo + (size_t)(name - lit),
			      lo + strlen(lit));
	else if (!md_children_span(&l->doc, link, at, &ls, &le))
		/* a code span over two lines: not verbatim */
		sdb_emit_name_text(l->out, in, l->entry, code, name, ls, le);
	if (!md_link_parts(&l->doc, link, at, &us, &ue, &ts, &te, &after)) {
		const char *title = cmark_node_get_title(link);

		if (te > ts && title && *title)
			sdb_emit_description(l->out, in, l->entry, code, title,
					     ts, te);
		l->floor = after;
	}
	return 1;
}

static void spec_link(struct ll *l, cmark_node *link, size_t at)
{
	const struct sdb_input *in = l->doc.in;
	size_t us, ue, ts, te, after, ls, le;
	const char *url = cmark_node_get_url(link);

	sdb_claims_begin_link(l->out);
	if (!md_children_span(&l->doc, link, at, &ls, &le)) {
		struct sdb_buf b = SDB_BUF_INIT, f = SDB_BUF_INIT;

		md_text(&b, link);
		sdb_fold_ws(&f, b.s, b.len);
		if (f.len)
			sdb_emit_reference(l->out, in, l->entry, l->code, f.s,
					   ls, le);
		sdb_buf_release(&b);
		sdb_buf_release(&f);
	}
	if (!md_link_parts(&l->doc, link, at, &us, &ue, &ts, &te, &after)) {
		if (url && *url)
			sdb_emit_target(l->out, in, l->entry, l->code, url,
					us, ue);
		l->floor = after;
	}
	sdb_claims_end_link(l->out);
}

/* The inlines of one block, in order. */
static int walk_inlines(struct ll *l, cmark_node *block, int reset)
{
	cmark_node *c;
	int rc;

	if (reset)
		l->entry = 0;
	for (c = cmark_node_first_child(block); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		size_t at;

		if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) {
			l->entry = 0;
			continue;
		}
		if (t != CMARK_NODE_LINK)
			continue;
		if (md_locate(&l->doc, c, "[", l->floor, &at))
			continue;
		l->floor = at + 1;
		rc = code_link(l, c, at);
		if (rc < 0)
			return -1;
		if (!rc && l->entry)
			spec_link(l, c, at);
	}
	if (reset)
		l->entry = 0;
	return 0;
}

int sdb_import_linklist(const struct sdb_input *in, struct sdb_claims *out,
			struct sdb_error *err)
{
	struct ll l;
	cmark_iter *it;
	cmark_event_type ev;
	int rc = 0;

	memset(&l, 0, sizeof(l));
	md_parse(&l.doc, in);
	l.out = out;
	l.err = err;
	it = cmark_iter_new(l.doc.root);
	while (!rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)
			rc = walk_inlines(&l, n, 1);
		else if (!strcmp(cmark_node_get_type_string(n), "table_row"))
			l.entry = 0;	/* the cells of a row share its entry */
		else if (!strcmp(cmark_node_get_type_string(n), "table_cell"))
			rc = walk_inlines(&l, n, 0);
	}
	cmark_iter_free(it);
	md_release(&l.doc);
	if (!rc && !out->entries)
		rc = sdb_error_at(err, in, 0,
			"no status codes found (want links such as [`404: Not Found`](url \"description\"))");
	return rc;
}

int sdb_sniff_linklist(const struct sdb_input *in)
{
	const char *p = in->text, *end = in->text + in->len;
	int hits = 0;

	/* "[`NNN:" or "[NNN:" at least three times */
	while (hits < 3 && (p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		const char *q = p + 1;

		if (q < end && *q == '`')
			q++;
		if (end - q > 4 && q[0] >= '1' && q[0] <= '5' &&
		    q[1] >= '0' && q[1] <= '9' && q[2] >= '0' && q[2] <= '9' &&
		    q[3] == ':')
			hits++;
		p++;
	}
	return hits >= 3 ? 80 : 0;
}

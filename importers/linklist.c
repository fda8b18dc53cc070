/*
 * linklist.c - "link-annotated" Markdown, as on a Jekyll page listing
 * status codes with their specifications:
 *
 *   [`413: Payload Too Large`](413 "The 413 (Payload Too Large) ...") |
 *   [**RFC 7231**: Hypertext Transfer ...](/specs/IETF/RFC/7231 "...")
 *
 *   [`100 Continue`](/concepts/http-status-code/100 "The 100 ...") | ...
 *   * [404 Not Found](https://example.org/404 "...") ([RFC 9110](...))
 *
 * A link whose text is "NNN: Name" starts an entry; so does a link whose
 * text is "NNN Name" when it starts a line, list item or cell and only
 * links follow it on its line (a link "2020 roadmap", or one in a
 * sentence, does not).  The name
 * comes from its text, the description from its title.  The links after
 * it on the same line (or in the same list item or cell) cite its
 * specifications: their labels are references, their URLs reference
 * targets.  The page's "table" need not be a valid GFM table (cmark-gfm
 * then sees one paragraph), and YAML front matter is skipped.  A link
 * that starts like an entry but whose code is malformed ("40404: Not
 * Found", "+404: Not Found", "4O4 Not Found") is an error.
 */
#define _GNU_SOURCE
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
	size_t floor, ceil;	/* nodes are located in [floor, ceil) */
};

/* The first leaf with text under node; a loop, as nesting may be deep. */
static cmark_node *first_leaf(cmark_node *node)
{
	cmark_node *c;

	for (;;) {
		for (c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
			cmark_node_type t = cmark_node_get_type(c);

			if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
				return c;
			if (cmark_node_first_child(c))
				break;
		}
		if (!c)
			return NULL;
		node = c;
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Is token s[0, n) a valid code mangled: a sign, full-width digits, a
 * decimal part or a letter O for a zero ("+404", "４０４", "404.0",
 * "4O4")?
 */
static int near_code(const char *s, size_t n)
{
	char d[4];
	size_t i = 0, k = 0;

	if (n && (s[0] == '+' || s[0] == '-'))
		i++;
	while (i < n && k < 4) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9') {
			d[k++] = (char)c;
			i++;
		} else if (c == 'O' || c == 'o') {
			d[k++] = '0';
			i++;
		} else if (c == 'l' || c == 'I') {
			d[k++] = '1';
			i++;
		} else if (c == 0xEF && i + 2 < n &&
			   (unsigned char)s[i + 1] == 0xBC &&
			   (unsigned char)s[i + 2] >= 0x90 &&
			   (unsigned char)s[i + 2] <= 0x99) {
			d[k++] = (char)('0' + (unsigned char)s[i + 2] - 0x90);
			i += 3;
		} else {
			break;
		}
	}
	if (i < n && s[i] == '.') {	/* "404.0" */
		for (i++; i < n && s[i] == '0'; i++)
			;
	}
	return i == n && k == 3 && sdb_parse_code(d, 3) >= 0;
}

/*
 * Reads link text s: "NNN: Name" anywhere, "NNN Name" when at_start.
 * Returns 1 with *code and *name (offset in s of the name) set, 0 when s
 * is not an entry, -1 when it starts like one but its code is malformed
 * (*tok, *toklen: the code as written).
 */
static int entry_prefix(const char *s, int at_start, int *code, size_t *name,
			size_t *tok, size_t *toklen)
{
	size_t i = 0, j;

	while (is_space(s[i]))
		i++;
	*tok = i;
	while (s[i] && !is_space(s[i]) && s[i] != ':')
		i++;
	*toklen = i - *tok;
	if (!*toklen)
		return 0;
	for (j = i; is_space(s[j]); j++)
		;
	*code = sdb_parse_code(s + *tok, *toklen);
	if (s[j] == ':') {
		if (*code < 0)
			return sdb_looks_like_bad_code(s + *tok, *toklen) ? -1 : 0;
		for (j++; is_space(s[j]); j++)
			;
		*name = j;
		return 1;
	}
	if (!at_start || j == i || !s[j])
		return 0;
	if (*code >= 0) {
		*name = j;
		return 1;
	}
	return near_code(s + *tok, *toklen) ? -1 : 0;
}

/*
 * Does the line go on after link with only links, spaces and punctuation
 * ("— [RFC 9110](...)", "| [spec](...)", "([RFC 6585](...))")?  Prose
 * after it ("[100 Continue](...) is never sent") makes the link a
 * mention, not an entry.
 */
static int rest_of_line_is_links(cmark_node *block, cmark_node *link)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	int ok = 1;

	cmark_iter_reset(it, link, CMARK_EVENT_EXIT);
	while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		const char *lit;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			cmark_iter_free(it);
			return 1;
		case CMARK_NODE_LINK:
			cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_TEXT:
			for (lit = cmark_node_get_literal(c); lit && *lit; lit++)
				if ((*lit >= '0' && *lit <= '9') ||
				    (*lit >= 'a' && *lit <= 'z') ||
				    (*lit >= 'A' && *lit <= 'Z'))
					ok = 0;
			break;
		case CMARK_NODE_CODE:
		case CMARK_NODE_IMAGE:
			ok = 0;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return ok;
}

/*
 * A name in a label with markup ("[**404** Not Found](...)"): where it
 * stands in the label as written, else the whole label.
 */
static void emit_label_name(struct ll *l, int code, const char *name,
			    size_t ls, size_t le)
{
	const struct sdb_input *in = l->doc.in;
	size_t n = strlen(name);
	const char *hit = n ? memmem(in->text + ls, le - ls, name, n) : NULL;

	if (hit)
		sdb_emit_name(l->out, in, l->entry, code,
			      (size_t)(hit - in->text),
			      (size_t)(hit - in->text) + n);
	else	/* escapes, entities or a line break inside */
		sdb_emit_name_text(l->out, in, l->entry, code, name, ls, le);
}

static int code_link(struct ll *l, cmark_node *link, size_t at, int at_start)
{
	const struct sdb_input *in = l->doc.in;
	cmark_node *leaf = first_leaf(link);
	const char *lit = leaf ? cmark_node_get_literal(leaf) : NULL;
	char *text = md_plain(link);
	size_t name, tok, toklen, lo, us, ue, ts, te, after, ls, le, n;
	int code, rc, lit_rc = 0, lit_code;
	size_t lit_name, lit_tok, lit_toklen;

	rc = entry_prefix(text, at_start, &code, &name, &tok, &toklen);
	if (rc == 0) {
		free(text);
		return 0;
	}
	if (!lit || md_locate(&l->doc, leaf, NULL, at, l->ceil, &lo))
		lo = at;
	if (lit)
		lit_rc = entry_prefix(lit, at_start, &lit_code, &lit_name,
				      &lit_tok, &lit_toklen);
	if (rc < 0) {
		/* point at the code when the first text holds it as written */
		if (lit_rc < 0 && lo + lit_tok + lit_toklen <= l->ceil &&
		    !memcmp(in->text + lo + lit_tok, lit + lit_tok, lit_toklen))
			lo += lit_tok;
		rc = sdb_error_at(l->err, in, lo,
			"invalid status code '%.*s': want three digits, 100 to 599",
			(int)(toklen > 40 ? 40 : toklen), text + tok);
		free(text);
		return rc;
	}
	l->code = code;
	l->entry = ++l->out->entries;
	n = lit ? strlen(lit) : 0;
	if (lit_rc == 1 && lit_code == code && lo + n <= l->ceil &&
	    !memcmp(in->text + lo, lit, n) && !strcmp(lit + lit_name, text + name))
		/* the whole text is one leaf, as written */
		sdb_emit_name(l->out, in, l->entry, code, lo + lit_name, lo + n);
	else if (text[name] && !md_label_span(&l->doc, at, l->ceil, &ls, &le))
		emit_label_name(l, code, text + name, ls, le);
	if (!md_link_parts(&l->doc, link, at, l->ceil, &us, &ue, &ts, &te,
			   &after)) {
		const char *title = cmark_node_get_title(link);

		if (te > ts && title && *title)
			sdb_emit_description(l->out, in, l->entry, code, title,
					     ts, te);
		l->floor = after;
	}
	free(text);
	return 1;
}

static void spec_link(struct ll *l, cmark_node *link, size_t at)
{
	const struct sdb_input *in = l->doc.in;
	size_t us, ue, ts, te, after, ls, le;
	const char *url = cmark_node_get_url(link);

	sdb_claims_begin_link(l->out);
	if (!md_label_span(&l->doc, at, l->ceil, &ls, &le)) {
		char *v = md_plain(link);

		/* the raw label, when it is the text, places a section too */
		if (*v && md_verbatim(&l->doc, v, ls, le))
			sdb_emit_reference(l->out, in, l->entry, l->code, NULL,
					   ls, le);
		else if (*v)
			sdb_emit_reference(l->out, in, l->entry, l->code, v,
					   ls, le);
		free(v);
	}
	if (!md_link_parts(&l->doc, link, at, l->ceil, &us, &ue, &ts, &te,
			   &after)) {
		if (url && *url)
			sdb_emit_target(l->out, in, l->entry, l->code, url,
					us, ue);
		l->floor = after;
	}
	sdb_claims_end_link(l->out);
}

/*
 * The links of one block, in order, however deep in emphasis: a link
 * that starts an entry, then the links that cite its specifications.
 * A line break ends the entry.
 */
static int walk_inlines(struct ll *l, cmark_node *block, int reset)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	cmark_node *parent = cmark_node_parent(block);
	int rc = 0, at_start = 1;
	int in_item = parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM;

	if (reset)
		l->entry = 0;
	if (l->floor < md_block_start(&l->doc, block))
		l->floor = md_block_start(&l->doc, block);
	l->ceil = md_block_end(&l->doc, block);
	while (!rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		const char *lit;
		size_t at;

		if (ev != CMARK_EVENT_ENTER || c == block)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			/* a list item's lines are one entry; a paragraph's not */
			if (!in_item)
				l->entry = 0;
			at_start = 1;
			break;
		case CMARK_NODE_TEXT:
			for (lit = cmark_node_get_literal(c); lit && is_space(*lit);
			     lit++)
				;
			if (lit && *lit)
				at_start = 0;
			break;
		case CMARK_NODE_HTML_INLINE:
			if (md_is_br(c))
				at_start = 1;
			else
				at_start = 0;
			break;
		case CMARK_NODE_IMAGE:
			cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
			at_start = 0;
			break;
		case CMARK_NODE_LINK:
			/* a link's label holds no links: go on after it */
			cmark_iter_reset(it, c, CMARK_EVENT_EXIT);
			if (md_locate(&l->doc, c, "[", l->floor, l->ceil, &at)) {
				at_start = 0;
				break;
			}
			l->floor = at + 1;
			rc = code_link(l, c, at, at_start &&
				       rest_of_line_is_links(block, c));
			if (rc < 0)
				break;
			if (!rc && l->entry)
				spec_link(l, c, at);
			rc = 0;
			at_start = 0;
			break;
		case CMARK_NODE_CODE:
			at_start = 0;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (reset)
		l->entry = 0;
	return rc;
}

int sdb_import_linklist(const struct sdb_input *in, struct sdb_claims *out,
			struct sdb_error *err)
{
	struct ll l;
	cmark_iter *it;
	cmark_event_type ev;
	int rc = 0;

	memset(&l, 0, sizeof(l));
	if (md_parse(&l.doc, in, err) < 0)
		return -1;
	l.out = out;
	l.err = err;
	it = cmark_iter_new(l.doc.root);
	while (!rc && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			rc = walk_inlines(&l, n, 1);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (!strcmp(cmark_node_get_type_string(n), "table_row")) {
			l.entry = 0;	/* the cells of a row share its entry */
		} else if (!strcmp(cmark_node_get_type_string(n), "table_cell")) {
			rc = walk_inlines(&l, n, 0);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		}
	}
	cmark_iter_free(it);
	md_release(&l.doc);
	if (!rc && !out->entries)
		rc = sdb_error_at(err, in, 0,
			"no status codes found (want links such as [`404: Not Found`](url \"description\"))");
	return rc;
}

/* Only spaces, tabs, list markers, pipes or quote marks in s[0, n)? */
static int line_lead(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strchr(" \t-*+|>", s[i]))
			return 0;
	return 1;
}

int sdb_sniff_linklist(const struct sdb_input *in)
{
	const char *p = in->text, *end = in->text + in->len, *line = in->text;
	const char *seen = in->text;	/* no line break before it unseen */
	int hits = 0;

	/*
	 * "[`NNN:" or "[NNN:" anywhere, "[`NNN Name" or "[NNN Name" at the
	 * start of a line, list item or cell, at least three times
	 */
	while (hits < 3 && (p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		const char *q = p + 1, *nl;

		/* each byte looked at once, however many '[' a line has */
		while ((nl = memchr(seen, '\n', (size_t)(p - seen))) != NULL)
			line = seen = nl + 1;
		seen = p;
		if (q < end && *q == '`')
			q++;
		if (end - q > 4 && q[0] >= '1' && q[0] <= '5' &&
		    q[1] >= '0' && q[1] <= '9' && q[2] >= '0' && q[2] <= '9' &&
		    (q[3] == ':' || (q[3] == ' ' && q[4] >= 'A' && q[4] <= 'Z' &&
				     line_lead(line, (size_t)(p - line)))))
			hits++;
		p++;
	}
	return hits >= 3 ? 80 : 0;
}
